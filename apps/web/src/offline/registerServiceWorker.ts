/** Installs the offline shell in built apps (the dev server serves no worker). */
export function registerServiceWorker(): void {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  navigator.serviceWorker.register('/sw.js').catch(() => {
    // Without it the app still works; it just cannot start while the server is down.
  });
}
