import { useState } from 'react';
import { button, muted } from '../ui/styles.ts';
import { notificationsSupported } from './desktopNotifications.ts';

const DISMISSED = 'chat.notificationsDismissed';

function initiallyVisible(): boolean {
  if (!notificationsSupported() || Notification.permission !== 'default') return false;
  try {
    return localStorage.getItem(DISMISSED) === null;
  } catch {
    return true;
  }
}

/**
 * Asks for desktop notifications from a button the user presses, never on page load: a
 * browser prompt out of nowhere is usually refused, and then can't be asked again.
 */
export function NotificationPrompt() {
  const [visible, setVisible] = useState(initiallyVisible);
  if (!visible) return null;
  const dismiss = () => {
    setVisible(false);
    try {
      localStorage.setItem(DISMISSED, '1');
    } catch {
      // Asked again next time; harmless.
    }
  };
  return (
    <section aria-label="Desktop notifications" className="mx-2 mb-2 rounded-xl bg-white px-3 py-2.5 text-sm ring-1 ring-slate-900/10 dark:bg-slate-800/70 dark:ring-white/10">
      <p className="font-medium">Desktop notifications</p>
      <p className={`${muted} mt-0.5 text-xs`}>For direct messages and @mentions (or as a room's menu sets it), while this tab is in the background.</p>
      <div className="mt-2 flex gap-2">
        <button type="button" className={button.primarySmall} onClick={() => void Notification.requestPermission().finally(() => setVisible(false))}>
          Turn on
        </button>
        <button type="button" className={button.ghost} onClick={dismiss}>
          Not now
        </button>
      </div>
    </section>
  );
}
