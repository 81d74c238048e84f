import { useSyncExternalStore } from 'react';
import { subscribeToRoute } from './roomRoute.ts';

/** A route rather than a dialog, so a reload or a shared link lands on the settings again. */
export const settingsHref = '#/settings';

export function useSettingsOpen(): boolean {
  return useSyncExternalStore(subscribeToRoute, () => location.hash === settingsHref);
}
