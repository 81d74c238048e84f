/**
 * `<img src>` cannot send a Bearer header, so file downloads also accept an httpOnly cookie
 * that this endpoint sets from the header (and clears on DELETE). Failures are ignored: only
 * pictures depend on it, and the next start tries again.
 */
export function syncFileCookie(token: string | null): void {
  const init: RequestInit = token === null ? { method: 'DELETE' } : { method: 'POST', headers: { authorization: `Bearer ${token}` } };
  fetch('/api/session', { ...init, credentials: 'same-origin' }).catch(() => {});
}
