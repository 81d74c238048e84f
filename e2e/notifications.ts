import type { Page } from 'playwright-core';

interface Recorder {
  shown: string[];
  setHidden(hidden: boolean): void;
}

/**
 * Lets a test see the desktop notifications a page shows ("title: body") and put its tab in the
 * background: headless Chromium shows no notification anywhere, and keeps every tab visible.
 * Installed before the page loads; the page's own Notification still runs underneath.
 */
export async function recordNotifications(page: Page, origin: string): Promise<void> {
  await page.context().grantPermissions(['notifications'], { origin });
  await page.context().addInitScript(() => {
    let hidden = false;
    const recorder: Recorder = {
      shown: [],
      setHidden(value) {
        hidden = value;
        document.dispatchEvent(new Event('visibilitychange'));
      },
    };
    Object.assign(window, { notificationRecorder: recorder });
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => (hidden ? 'hidden' : 'visible') });
    Object.defineProperty(document, 'hidden', { configurable: true, get: () => hidden });
    const Shown = window.Notification;
    window.Notification = class extends Shown {
      constructor(title: string, options?: NotificationOptions) {
        recorder.shown.push(`${title}: ${options?.body ?? ''}`);
        super(title, options);
      }
    };
  });
}

const recorder = (page: Page) => page.evaluateHandle(() => (window as unknown as { notificationRecorder: Recorder }).notificationRecorder);

/** Puts the page's tab in the background, or brings it back, as far as the page can tell. */
export async function setTabHidden(page: Page, hidden: boolean): Promise<void> {
  await (await recorder(page)).evaluate((r, value) => r.setHidden(value), hidden);
}

/** The desktop notifications the page has shown so far, oldest first. */
export async function notificationsShown(page: Page): Promise<string[]> {
  return (await recorder(page)).evaluate((r) => [...r.shown]);
}
