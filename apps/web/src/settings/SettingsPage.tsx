import { useEffect, useId, useRef, type ReactNode } from 'react';
import { useServerAdmin } from '../auth/useServerAdmin.ts';
import { MenuIcon } from '../ui/icons.tsx';
import { useOpenSidebarDrawer } from '../ui/sidebarDrawer.ts';
import { button, muted } from '../ui/styles.ts';
import { AccountsSection } from './AccountsSection.tsx';
import { PasswordForm } from './PasswordForm.tsx';
import { PictureForm } from './PictureForm.tsx';
import { ProfileForm } from './ProfileForm.tsx';
import { SessionList } from './SessionList.tsx';

/** The account's settings, in the place of the open room. */
export function SettingsPage() {
  const openDrawer = useOpenSidebarDrawer();
  const serverAdmin = useServerAdmin();
  const heading = useRef<HTMLHeadingElement>(null);
  // The link that led here may be far away (or gone, in the closed drawer): reading starts at the title.
  useEffect(() => heading.current?.focus(), []);
  return (
    <>
      <header className="flex items-center gap-2 border-b border-slate-200 px-3 py-2.5 sm:px-5 dark:border-slate-800">
        <button type="button" className={`${button.icon} md:hidden`} aria-label="Open conversations" onClick={openDrawer}>
          <MenuIcon />
        </button>
        <h1 ref={heading} tabIndex={-1} className="min-w-0 flex-1 truncate py-1 font-semibold focus:outline-none">
          Settings
        </h1>
      </header>
      <div className="min-h-0 flex-1 overflow-y-auto bg-slate-50 dark:bg-slate-950">
        <div className="mx-auto max-w-2xl space-y-6 px-3 py-6 sm:px-6 sm:py-8">
          <Section title="Profile" description="How other people see you.">
            <ProfileForm />
          </Section>
          <Section title="Picture" description="Shown beside your messages, in member lists and on your profile card.">
            <PictureForm />
          </Section>
          <Section title="Password" description="Changing it signs you out on every other device.">
            <PasswordForm />
          </Section>
          <Section title="Sessions" description="Where you are signed in. Sign out of any device you no longer use or don't recognise.">
            <SessionList />
          </Section>
          {serverAdmin && (
            <Section title="People" description="Every account on this server. As its admin, you can stop anyone from signing in, and let them back.">
              <AccountsSection />
            </Section>
          )}
        </div>
      </div>
    </>
  );
}

function Section({ title, description, children }: { title: string; description: string; children: ReactNode }) {
  const id = useId();
  return (
    <section aria-labelledby={id} className="rounded-2xl bg-white p-4 shadow-sm ring-1 ring-slate-900/5 sm:p-6 dark:bg-slate-900 dark:ring-white/10">
      <h2 id={id} className="font-semibold">
        {title}
      </h2>
      <p className={`${muted} mt-1 mb-5 text-sm`}>{description}</p>
      {children}
    </section>
  );
}
