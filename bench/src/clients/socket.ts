import WebSocket from 'ws';

/** Opens a text WebSocket to 127.0.0.1; rejects on error or after 15 s. */
export function openSocket(url: string, beforeOpen?: (socket: WebSocket) => void): Promise<WebSocket> {
  const socket = new WebSocket(url, { perMessageDeflate: false });
  beforeOpen?.(socket);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.terminate();
      reject(new Error(`connect timeout: ${url}`));
    }, 15_000);
    socket.once('open', () => {
      clearTimeout(timer);
      resolve(socket);
    });
    socket.once('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
  });
}
