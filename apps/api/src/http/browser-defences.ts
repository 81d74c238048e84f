import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * The page runs only our own scripts, talks only to its own server, and cannot be framed: an
 * injected `<script>` or a `javascript:` URL would not run, and nothing it read could be sent
 * elsewhere. Styles may be inline (Radix sets some while a dialog is open); images and media may
 * come from `blob:` (a file's preview before it is uploaded) and `data:` (the favicon).
 * Uploaded files are served with a stricter policy of their own (http/file-download.ts).
 */
const POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "media-src 'self' blob:",
  "font-src 'self'",
  "worker-src 'self'",
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
];

const HEADERS: Record<string, string> = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  // Older browsers that do not know frame-ancestors.
  'x-frame-options': 'DENY',
  'cross-origin-opener-policy': 'same-origin',
  'permissions-policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=()',
};

/** A Host header as browsers send it; anything else is left out of the policy rather than echoed. */
const HOST = /^[a-z0-9.-]+(:\d{1,5})?$|^\[[0-9a-f:.]+\](:\d{1,5})?$/i;

/** Every response carries these; a handler may replace one (a file download does). */
export function setBrowserDefences(req: IncomingMessage, res: ServerResponse): void {
  const host = req.headers.host ?? '';
  // 'self' covers the page's own WebSocket in CSP 3; older engines need the ws: origins named.
  const sockets = HOST.test(host) ? ` ws://${host} wss://${host}` : '';
  res.setHeader('content-security-policy', [...POLICY, `connect-src 'self'${sockets}`].join('; '));
  for (const [name, value] of Object.entries(HEADERS)) res.setHeader(name, value);
}

/**
 * Whether a WebSocket upgrade may go on. A browser always sends Origin: another site's page
 * (which could otherwise use a visitor's network position, or a token it got hold of) is
 * refused unless listed in ALLOWED_ORIGINS; the page's own origin is its Host. Programs that
 * are not browsers send no Origin and are let through: they hold their own tokens anyway.
 */
export function originAllowed(req: IncomingMessage, allowedOrigins: readonly string[]): boolean {
  const origin = req.headers.origin;
  if (origin === undefined) return true;
  if (allowedOrigins.includes(origin.toLowerCase())) return true;
  try {
    return new URL(origin).host === (req.headers.host ?? '').toLowerCase();
  } catch {
    return false;
  }
}
