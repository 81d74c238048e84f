const KEY = 'chat.token';

/** localStorage can throw (private mode, disabled storage); then the session just isn't remembered. */
export function loadToken(): string | null {
  try {
    return localStorage.getItem(KEY);
  } catch {
    return null;
  }
}

export function saveToken(token: string | null): void {
  try {
    if (token === null) localStorage.removeItem(KEY);
    else localStorage.setItem(KEY, token);
  } catch {
    // Not remembered across reloads; the current tab still works.
  }
}

/** Calls back when another tab signs in or out, so every tab follows. */
export function onTokenChangedElsewhere(callback: (token: string | null) => void): () => void {
  const listener = (event: StorageEvent) => {
    if (event.key === KEY || event.key === null) callback(loadToken());
  };
  window.addEventListener('storage', listener);
  return () => window.removeEventListener('storage', listener);
}
