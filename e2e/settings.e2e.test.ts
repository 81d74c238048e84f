import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { alice, browserStage } from './stage.ts';
import { composer, expectConnected, focusVisible, signIn, signUp, tabTo, VISIBLE, visible } from './pages.ts';

const stage = browserStage();
const { newPage, screenshot } = stage;

// Each page of Alice's is a device of its own, so the session list can tell them apart.
const CHROME = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36';
const FIREFOX = 'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0';
const IPHONE =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1';
const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, userAgent: IPHONE };

const NEW_NAME = 'Alice Martin-Ng';
const NEW_PASSWORD = 'a much better password';

const section = (page: Page, name: 'Profile' | 'Password' | 'Sessions') => page.getByRole('region', { name });
const settingsTitle = (page: Page) => page.getByRole('heading', { name: 'Settings', level: 1 });
const signInScreen = (page: Page) => page.getByRole('button', { name: 'Sign in' });
const sidebarName = (page: Page, name: string) => page.getByRole('navigation', { name: 'Conversations' }).getByText(name, { exact: true });
const sessionRows = (page: Page) => section(page, 'Sessions').getByRole('listitem');
const statusOf = (page: Page, name: 'Profile' | 'Password' | 'Sessions') => section(page, name).getByRole('status');
const focusedLabel = (page: Page) => page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.labels?.[0]?.textContent ?? null);

async function openSettings(page: Page) {
  await page.getByRole('link', { name: 'Settings' }).click();
  await visible(settingsTitle(page));
}

describe('account settings in the browser', () => {
  let laptop: Page;
  let other: Page;

  it('opens from the sidebar by keyboard, starts reading at its title, and stays open through a reload', async () => {
    laptop = await newPage({ colorScheme: 'light', userAgent: CHROME });
    await signUp(laptop, stage.server.url, alice);
    await visible(composer(laptop, 'General'));
    await laptop.getByRole('button', { name: 'Search messages' }).focus();
    await tabTo(laptop, 'Settings');
    expect(await focusVisible(laptop)).toBe(true);
    await laptop.keyboard.press('Enter');
    await visible(settingsTitle(laptop));
    expect(await settingsTitle(laptop).evaluate((title) => title === document.activeElement)).toBe(true);
    expect(await laptop.title()).toBe('Settings · Chat');

    await laptop.reload();
    await expectConnected(laptop);
    await visible(section(laptop, 'Profile'));
    expect(new URL(laptop.url()).hash).toBe('#/settings');
    expect(await section(laptop, 'Profile').getByLabel('Display name').inputValue()).toBe(alice.displayName);
    await visible(section(laptop, 'Profile').getByText('@alice', { exact: true }));
  });

  it('saves a display name, shown at once here and live on another page of the same account', async () => {
    other = await newPage({ colorScheme: 'dark', userAgent: FIREFOX });
    await signIn(other, stage.server.url, alice);
    await visible(sidebarName(other, alice.displayName));

    const profile = section(laptop, 'Profile');
    await profile.getByLabel('Display name').fill('   ');
    await profile.getByRole('button', { name: 'Save' }).click();
    await visible(profile.getByText('Display name must have a visible character'));
    expect(await focusedLabel(laptop)).toBe('Display name');

    await profile.getByLabel('Display name').fill(`  ${NEW_NAME.replace(' ', '   ')} `);
    await profile.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => statusOf(laptop, 'Profile').textContent(), VISIBLE).toBe(`Saved. People now see you as ${NEW_NAME}.`);
    expect(await profile.getByLabel('Display name').inputValue()).toBe(NEW_NAME);
    await visible(sidebarName(laptop, NEW_NAME));
    await visible(sidebarName(other, NEW_NAME));
  });

  it('refuses a short new password, a mismatched confirmation and a wrong current password', async () => {
    const form = section(laptop, 'Password');
    const change = () => form.getByRole('button', { name: 'Change password' }).click();
    await form.getByLabel('Current password').fill(alice.password);
    await form.getByLabel('New password', { exact: true }).fill('short');
    await form.getByLabel('Confirm new password').fill('short');
    await change();
    await visible(form.getByText('New password must be at least 8 characters'));
    expect(await focusedLabel(laptop)).toBe('New password');

    await form.getByLabel('New password', { exact: true }).fill(NEW_PASSWORD);
    await form.getByLabel('Confirm new password').fill(`${NEW_PASSWORD}!`);
    await change();
    await visible(form.getByText("The new passwords don't match."));
    expect(await focusedLabel(laptop)).toBe('Confirm new password');

    await form.getByLabel('Current password').fill('not my password');
    await form.getByLabel('Confirm new password').fill(NEW_PASSWORD);
    await change();
    await visible(form.getByText('The current password is wrong.'));
    expect(await focusedLabel(laptop)).toBe('Current password');
    await screenshot(laptop, 'settings-password-refused');
    await expectConnected(other);
  });

  it('changes the password: the other page is signed out at once, and only the new password signs in', async () => {
    const form = section(laptop, 'Password');
    await form.getByLabel('Current password').fill(alice.password);
    await form.getByLabel('New password', { exact: true }).fill(NEW_PASSWORD);
    await form.getByLabel('Confirm new password').fill(NEW_PASSWORD);
    await form.getByRole('button', { name: 'Change password' }).click();
    await expect.poll(() => statusOf(laptop, 'Password').textContent(), VISIBLE).toBe('Password changed. 1 other session was signed out.');
    expect(await form.getByLabel('Current password').inputValue()).toBe('');
    await visible(signInScreen(other));

    await other.getByLabel('Username').fill(alice.username);
    await other.getByLabel('Password').fill(alice.password);
    await signInScreen(other).click();
    await visible(other.getByRole('alert').getByText('Wrong username or password.'));
    await signIn(other, stage.server.url, { username: alice.username, password: NEW_PASSWORD });
    await expectConnected(laptop);
    await visible(settingsTitle(laptop));
  });

  it('lists both devices, each marking itself as this device, and signs the other one out', async () => {
    // The list is read when the page opens; the other page signed in after that.
    await laptop.reload();
    await expect.poll(() => sessionRows(laptop).count(), VISIBLE).toBe(2);
    const here = sessionRows(laptop).filter({ hasText: 'This device' });
    expect(await here.textContent()).toContain('Chrome 126 on Linux');
    expect(await here.getByRole('button', { name: 'Sign out' }).count()).toBe(0);
    await visible(sessionRows(laptop).filter({ hasText: 'Firefox 128 on Linux' }).getByText('Last active just now'));
    await laptop.mouse.move(0, 0);
    await screenshot(laptop, 'settings');

    await openSettings(other);
    await expect.poll(() => sessionRows(other).count(), VISIBLE).toBe(2);
    expect(await sessionRows(other).filter({ hasText: 'This device' }).textContent()).toContain('Firefox 128 on Linux');
    await section(other, 'Sessions').scrollIntoViewIfNeeded();
    await screenshot(other, 'settings-dark-sessions');

    await sessionRows(laptop).filter({ hasText: 'Firefox 128 on Linux' }).getByRole('button', { name: 'Sign out' }).click();
    await visible(signInScreen(other));
    await expect.poll(() => statusOf(laptop, 'Sessions').textContent(), VISIBLE).toBe('Signed out Firefox 128 on Linux.');
    await expect.poll(() => sessionRows(laptop).count(), VISIBLE).toBe(1);
    expect(await laptop.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Signed-in devices');
  });

  it('opens on a phone from the drawer, and signs out every other session once confirmed', async () => {
    const account = { username: alice.username, password: NEW_PASSWORD };
    await signIn(other, stage.server.url, account);
    const phone = await newPage(PHONE);
    await signIn(phone, stage.server.url, account);
    await phone.getByRole('button', { name: 'Open conversations' }).tap();
    const drawer = await visible(phone.getByRole('dialog', { name: 'Conversations' }));
    await drawer.getByRole('link', { name: 'Settings' }).tap();
    await drawer.waitFor({ state: 'detached', ...VISIBLE });
    await visible(settingsTitle(phone));
    await expect.poll(() => settingsTitle(phone).evaluate((title) => title === document.activeElement), VISIBLE).toBe(true);
    await expect.poll(() => sessionRows(phone).count(), VISIBLE).toBe(3);
    await screenshot(phone, 'settings-mobile');
    await section(phone, 'Sessions').scrollIntoViewIfNeeded();
    await screenshot(phone, 'settings-mobile-sessions');

    await laptop.reload();
    await expect.poll(() => sessionRows(laptop).count(), VISIBLE).toBe(3);
    const signOutOthers = section(laptop, 'Sessions').getByRole('button', { name: 'Sign out all other sessions' });
    await signOutOthers.click();
    const confirm = await visible(laptop.getByRole('dialog', { name: 'Sign out all other sessions?' }));
    await screenshot(laptop, 'settings-sign-out-others');
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    await confirm.waitFor({ state: 'detached', ...VISIBLE });
    await expectConnected(other);
    await expectConnected(phone);
    expect(await sessionRows(laptop).count()).toBe(3);

    await signOutOthers.click();
    await laptop.getByRole('dialog', { name: 'Sign out all other sessions?' }).getByRole('button', { name: 'Sign out others' }).click();
    await expect.poll(() => statusOf(laptop, 'Sessions').textContent(), VISIBLE).toBe('Signed out 2 other sessions.');
    await visible(signInScreen(other));
    await visible(signInScreen(phone));
    await expect.poll(() => sessionRows(laptop).count(), VISIBLE).toBe(1);
    await signOutOthers.waitFor({ state: 'detached', ...VISIBLE });
    await expectConnected(laptop);
  });
});
