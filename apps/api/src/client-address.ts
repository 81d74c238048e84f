import type { IncomingMessage } from 'node:http';
import { isIPv4 } from 'node:net';
import ipaddr from 'ipaddr.js';
import proxyAddr from 'proxy-addr';

/** TRUST_PROXY: how many proxies stand in front of the server, or which addresses are proxies. */
export type ProxyTrust = number | string[];

export interface ClientAddresses {
  /** The client's address: the peer's own, or the one that trusted proxies name for it. */
  of(req: IncomingMessage): string;
  /** The client reached a trusted proxy over HTTPS. */
  viaHttps(req: IncomingMessage): boolean;
}

/**
 * Behind a reverse proxy every request comes from the proxy's address, and the proxy names the
 * client in X-Forwarded-For, which any client can send as well. The header is believed only as far
 * as TRUST_PROXY says, read from the right (the entry the nearest proxy appended) and stopping at
 * the first hop that is not trusted, as Express does with proxy-addr: a client cannot name itself
 * someone else, because the first untrusted address it reaches is its own.
 */
export function clientAddresses(trust: ProxyTrust | undefined): ClientAddresses {
  const trusted = trust === undefined ? () => false : typeof trust === 'number' ? (_: string, hop: number) => hop < trust : proxyAddr.compile(trust);
  // A WebSocket's upgrade request is asked twice (admission, then the socket's context): parsed once.
  const known = new WeakMap<IncomingMessage, string>();
  return {
    of(req) {
      // A socket already closed has no address (and proxy-addr would report the header's word).
      if (!req.socket.remoteAddress) return 'unknown';
      let client = known.get(req);
      if (client === undefined) {
        const address = proxyAddr(req, trusted);
        client = canonical(address);
        known.set(req, client);
      }
      return client;
    },
    viaHttps(req) {
      if (!trusted(req.socket.remoteAddress ?? '', 0)) return false;
      const proto = req.headers['x-forwarded-proto'];
      // The first value is the one the outermost proxy saw (Express reads it the same way).
      return typeof proto === 'string' && proto.split(',')[0]?.trim().toLowerCase() === 'https';
    },
  };
}

/**
 * One form per address. Dotted decimal as `isIPv4` accepts it (no leading zeros) is that form
 * already: it skips ipaddr's parse, which allocated about 3.7 KB of each WebSocket's connect.
 */
function canonical(address: string): string {
  if (isIPv4(address)) return address;
  return ipaddr.isValid(address) ? ipaddr.process(address).toString() : address;
}

/**
 * What per-address budgets count: one IPv4 address, or one IPv6 /64, the smallest network a
 * provider gives a subscriber, so that one machine cannot take a fresh budget from each of its
 * 2^64 addresses. IPv4-mapped IPv6 (`::ffff:192.0.2.1`, from a dual-stack listener) is the IPv4
 * address it carries.
 */
export function addressBucket(address: string): string {
  if (isIPv4(address) || !ipaddr.isValid(address)) return address;
  const ip = ipaddr.process(address);
  if (ip instanceof ipaddr.IPv4) return ip.toString();
  return `${new ipaddr.IPv6([...ip.parts.slice(0, 4), 0, 0, 0, 0]).toString()}/64`;
}
