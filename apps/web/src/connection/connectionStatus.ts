/** What the connection banner says. */
export type ConnectionStatus = 'ready' | 'connecting' | 'connected' | 'reconnecting' | 'offline';

/**
 * tRPC's ws client only knows idle / connecting / pending(open). "Reconnecting" is
 * "connecting" after having been open once, and the browser's offline flag wins over both.
 * A lazy socket (signed out: it opens only to sign in, and closes when idle) that is idle is
 * simply ready, since the server closes sockets that stay unsigned.
 */
export function connectionStatus(state: 'idle' | 'connecting' | 'pending', online: boolean, wasOpen: boolean, lazy = false): ConnectionStatus {
  if (state === 'pending') return 'connected';
  if (!online) return 'offline';
  if (state === 'idle' && lazy) return 'ready';
  return wasOpen ? 'reconnecting' : 'connecting';
}

export const statusLabel: Record<ConnectionStatus, string> = {
  ready: 'Ready',
  connecting: 'Connecting…',
  connected: 'Connected',
  reconnecting: 'Reconnecting…',
  offline: 'Offline',
};

/** When the next reconnect attempt starts, while that is still ahead. */
export function nextAttemptLabel(seconds: number | null): string | null {
  if (!seconds) return null;
  return seconds === 1 ? 'Next try in 1 second' : `Next try in ${seconds} seconds`;
}
