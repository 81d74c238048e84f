/** What the connection banner says. */
export type ConnectionStatus = 'connecting' | 'connected' | 'reconnecting' | 'offline';

/**
 * tRPC's ws client only knows idle / connecting / pending(open). "Reconnecting" is
 * "connecting" after having been open once, and the browser's offline flag wins over both.
 */
export function connectionStatus(state: 'idle' | 'connecting' | 'pending', online: boolean, wasOpen: boolean): ConnectionStatus {
  if (state === 'pending') return 'connected';
  if (!online) return 'offline';
  return wasOpen ? 'reconnecting' : 'connecting';
}

export const statusLabel: Record<ConnectionStatus, string> = {
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
