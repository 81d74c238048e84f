import type { Locator, Page } from 'playwright-core';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { apiClient } from './api.ts';
import { controlSockets } from './network.ts';
import { alice, bob, browserStage } from './stage.ts';
import {
  composer,
  expectConnected,
  expectMessageOnce,
  messageByText,
  messageLog,
  PHONE,
  roomLink,
  settled,
  signIn,
  signUp,
  tabTo,
  VISIBLE,
  visible,
} from './pages.ts';

const stage = browserStage();
const { newPage, screenshot } = stage;

const ROOM = 'General';
// Shown in the screenshot, so they read like a real conversation.
const HELLO = 'Morning! The release notes for 2.0 are in the wiki.';
const BOB_HELLO = 'Thanks, reading them now.';
const ALICE_AGAIN = 'Shout if anything in there is unclear.';
const STATUS = 'Shipping 2.0 this week';
const LATER_STATUS = 'On holiday until Monday';
const carol = { username: 'carol', displayName: 'Carol Diaz', password: 'a long enough password' };
const CAROL_BYE = 'My last day here: thanks, everyone!';

/** A picture as a camera or an editor would save it: a 512-pixel PNG, drawn here. */
function portrait(): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="512" height="512">
    <defs><linearGradient id="sky" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="#f59e0b"/><stop offset="1" stop-color="#db2777"/></linearGradient></defs>
    <rect width="512" height="512" fill="url(#sky)"/>
    <circle cx="256" cy="200" r="100" fill="#fde7c8"/>
    <path d="M80 512c0-120 80-190 176-190s176 70 176 190z" fill="#1e3a8a"/>
  </svg>`;
  return sharp(Buffer.from(svg)).png().toBuffer();
}

const focusedIn = (scope: Locator) => scope.evaluate((element) => element.contains(document.activeElement));
const focusedText = (page: Page) => page.evaluate(() => document.activeElement?.textContent ?? '');
const section = (page: Page, name: 'Profile' | 'Picture') => page.getByRole('region', { name });
const card = (page: Page) => page.getByRole('dialog', { name: alice.displayName });
const hello = (page: Page) => messageByText(messageLog(page, ROOM), HELLO);
/** The picture beside a message: decorative (its author's name is beside it), so found by its address. */
const pictureIn = (scope: Locator, size: 64 | 256) => scope.locator(`img[src*="avatar-${size}"]`);
const loaded = (img: Locator) => img.evaluate((element) => (element as HTMLImageElement).complete && (element as HTMLImageElement).naturalWidth > 0);

async function expectPicture(scope: Locator, size: 64 | 256) {
  await expect.poll(async () => (await pictureIn(scope, size).count()) === 1 && (await loaded(pictureIn(scope, size))), VISIBLE).toBe(true);
}

async function openSettings(page: Page) {
  await page.getByRole('link', { name: 'Settings' }).click();
  await visible(page.getByRole('heading', { name: 'Settings', level: 1 }));
}

async function saveStatus(page: Page, status: string, counter?: string) {
  const profile = section(page, 'Profile');
  await profile.getByLabel('Status').fill(status);
  if (counter) await visible(profile.getByText(counter, { exact: false }));
  await profile.getByRole('button', { name: 'Save' }).click();
  await expect.poll(() => profile.getByRole('status').textContent(), VISIBLE).toBe(`Saved. People now see you as ${alice.displayName}.`);
}

describe('profiles in the browser: pictures, status lines and the profile card', () => {
  let pageA: Page;
  let pageB: Page;
  let socketsB: Awaited<ReturnType<typeof controlSockets>>;
  let generalUrl = '';

  it('signs Alice and Bob up; both talk in General, shown with their initials', async () => {
    pageA = await newPage({ colorScheme: 'light' });
    pageB = await newPage({ colorScheme: 'light' });
    socketsB = await controlSockets(pageB);
    stage.onFailureShow(() => `Bob's recent socket frames:\n${socketsB.recentFrames()}`);
    await signUp(pageA, stage.server.url, alice);
    await signUp(pageB, stage.server.url, bob);
    await composer(pageA, ROOM).fill(HELLO);
    await composer(pageA, ROOM).press('Enter');
    await expectMessageOnce(pageB, ROOM, HELLO);
    await composer(pageB, ROOM).fill(BOB_HELLO);
    await composer(pageB, ROOM).press('Enter');
    await expectMessageOnce(pageA, ROOM, BOB_HELLO);
    await composer(pageA, ROOM).fill(ALICE_AGAIN);
    await composer(pageA, ROOM).press('Enter');
    await expectMessageOnce(pageB, ROOM, ALICE_AGAIN);
    await pageB.getByRole('button', { name: 'Not now' }).click();
    generalUrl = pageB.url();
    await visible(hello(pageB).getByText('AM', { exact: true }));
    expect(await hello(pageB).locator('img').count()).toBe(0);
  });

  it('Alice chooses a picture and a status in settings; Bob sees the picture beside her messages at once', async () => {
    await openSettings(pageA);
    const picture = section(pageA, 'Picture');
    await visible(picture.getByText('No picture yet: people see your initials.'));
    const choose = async (file: { name: string; mimeType: string; buffer: Buffer }) => {
      const [chooser] = await Promise.all([pageA.waitForEvent('filechooser'), picture.getByRole('button', { name: /^(Choose a|Change) picture…$/ }).click()]);
      await chooser.setFiles(file);
    };
    // The server reads what a file is; a name or a type from the browser decides nothing.
    await choose({ name: 'notes.png', mimeType: 'image/png', buffer: Buffer.from('not a picture at all') });
    await visible(picture.getByRole('alert').getByText('That file must be a PNG, JPEG, GIF, WebP or AVIF picture.'));
    await choose({ name: 'alice.png', mimeType: 'image/png', buffer: await portrait() });
    await expect.poll(() => picture.getByRole('status').textContent(), VISIBLE).toBe('Saved. People now see your new picture.');
    await expectPicture(picture, 256);
    await visible(picture.getByRole('button', { name: 'Remove picture' }));

    // The counter counts as she types; the server keeps the line it cleaned.
    await saveStatus(pageA, `  ${STATUS} `, `${STATUS.length + 3}/100 characters`);
    expect(await section(pageA, 'Profile').getByLabel('Status').inputValue()).toBe(STATUS);

    // Live on Bob's page: no reload.
    await expectPicture(hello(pageB), 64);
    expect(await messageByText(messageLog(pageB, ROOM), BOB_HELLO).locator('img').count()).toBe(0);
  });

  it('Bob opens her card by keyboard and by click: the big picture, her status, and a way to write to her', async () => {
    await hello(pageB).focus();
    await tabTo(pageB, alice.displayName);
    await pageB.keyboard.press('Enter');
    const opened = await visible(card(pageB));
    await expect.poll(() => focusedIn(opened), VISIBLE).toBe(true);
    await visible(opened.getByText(STATUS, { exact: true }));
    await visible(opened.getByText('@alice', { exact: true }));
    await expectPicture(opened, 256);
    await pageB.keyboard.press('Escape');
    await opened.waitFor({ state: 'detached', ...VISIBLE });
    await expect.poll(() => focusedText(pageB), VISIBLE).toBe(alice.displayName);

    // Space opens it too; and the picture opens it for the pointer.
    await pageB.keyboard.press('Space');
    await visible(card(pageB));
    await pageB.keyboard.press('Escape');
    await card(pageB).waitFor({ state: 'detached', ...VISIBLE });
    await expectPicture(messageByText(messageLog(pageB, ROOM), ALICE_AGAIN), 64);
    await pictureIn(messageByText(messageLog(pageB, ROOM), ALICE_AGAIN), 64).click();
    await expectPicture(card(pageB), 256);
    await pageB.mouse.move(0, 0);
    await settled(pageB);
    await screenshot(pageB, 'profile-card');
    await card(pageB).getByRole('button', { name: 'Send message' }).click();
    await card(pageB).waitFor({ state: 'detached', ...VISIBLE });
    await visible(pageB.getByRole('textbox', { name: `Message ${alice.displayName}` }));
    await roomLink(pageB, ROOM).click();
    await visible(composer(pageB, ROOM));
  });

  it('her status shows under her name among the members, whose rows open her card', async () => {
    await pageB.getByRole('button', { name: 'Members (2)' }).click();
    const dialog = await visible(pageB.getByRole('dialog', { name: `Members of ${ROOM}` }));
    const row = dialog.getByRole('listitem').filter({ hasText: alice.displayName });
    await visible(row.getByText(STATUS, { exact: true }));
    await expectPicture(row, 64);
    await row.getByRole('button', { name: new RegExp(`^${alice.displayName}`) }).focus();
    await pageB.keyboard.press('Enter');
    const opened = await visible(card(pageB));
    await expect.poll(() => focusedIn(opened), VISIBLE).toBe(true);
    await visible(opened.getByText(STATUS, { exact: true }));
    // Escape closes the card only, then the dialog.
    await pageB.keyboard.press('Escape');
    await opened.waitFor({ state: 'detached', ...VISIBLE });
    await expect.poll(() => row.getByRole('button', { name: new RegExp(`^${alice.displayName}`) }).evaluate((b) => b === document.activeElement), VISIBLE).toBe(true);
    await pageB.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached', ...VISIBLE });

    // Her own card offers her settings instead.
    await roomLink(pageA, ROOM).click();
    await messageByText(messageLog(pageA, ROOM), HELLO).getByRole('button', { name: alice.displayName, exact: true }).click();
    await card(pageA).getByRole('link', { name: 'Edit profile' }).click();
    await visible(section(pageA, 'Profile'));
  });

  it('keeps the picture through a reload, and catches up on a status changed while the sockets were down', async () => {
    await pageB.reload();
    await expectConnected(pageB);
    await expectPicture(hello(pageB), 64);

    await socketsB.drop();
    await saveStatus(pageA, LATER_STATUS);
    socketsB.restore();
    await expectConnected(pageB);
    await hello(pageB).getByRole('button', { name: alice.displayName, exact: true }).click();
    await visible(card(pageB).getByText(LATER_STATUS, { exact: true }));
    await pageB.keyboard.press('Escape');
    await card(pageB).waitFor({ state: 'detached', ...VISIBLE });
  });

  it('Alice removes her picture; Bob sees her initials again, live', async () => {
    const picture = section(pageA, 'Picture');
    await picture.getByRole('button', { name: 'Remove picture' }).click();
    await expect.poll(() => picture.getByRole('status').textContent(), VISIBLE).toBe('Picture removed. People now see your initials.');
    await visible(picture.getByText('No picture yet: people see your initials.'));
    await expect.poll(() => hello(pageB).locator('img').count(), VISIBLE).toBe(0);
    await visible(hello(pageB).getByText('AM', { exact: true }));
  });

  it('on a phone the card fits the screen and opens her conversation; a deactivated account says so', async () => {
    const { token } = await apiClient(stage.server.url).auth.register.mutate(carol);
    const carolApi = apiClient(stage.server.url, token);
    const general = (await carolApi.room.list.query()).find((room) => room.name === ROOM);
    if (!general) throw new Error('no General room');
    if (!general.joined) await carolApi.room.join.mutate({ roomId: general.id });
    await carolApi.message.send.mutate({ roomId: general.id, body: CAROL_BYE, clientMsgId: 'carol-bye' });
    const aliceApi = apiClient(stage.server.url, (await apiClient(stage.server.url).auth.login.mutate(alice)).token);
    await aliceApi.admin.setDeactivated.mutate({ userId: (await carolApi.auth.me.query())?.id ?? '', deactivated: true });

    const phone = await newPage(PHONE);
    await signIn(phone, stage.server.url, bob);
    await phone.goto(generalUrl);
    await (await visible(hello(phone).getByRole('button', { name: alice.displayName, exact: true }))).tap();
    const opened = await visible(card(phone));
    await visible(opened.getByText(LATER_STATUS, { exact: true }));
    const box = await opened.boundingBox();
    expect(box && box.x >= 0 && box.x + box.width <= 390 && box.y >= 0 && box.y + box.height <= 844).toBe(true);
    await screenshot(phone, 'profile-card-mobile');
    await phone.keyboard.press('Escape');
    await opened.waitFor({ state: 'detached', ...VISIBLE });

    const carolsMessage = messageByText(messageLog(phone, ROOM), CAROL_BYE);
    await (await visible(carolsMessage.getByRole('button', { name: carol.displayName, exact: true }))).tap();
    await visible(phone.getByRole('dialog', { name: carol.displayName }).getByText('Deactivated', { exact: true }));
    await phone.keyboard.press('Escape');

    await (await visible(hello(phone).getByRole('button', { name: alice.displayName, exact: true }))).tap();
    await card(phone).getByRole('button', { name: 'Send message' }).tap();
    await visible(phone.getByRole('textbox', { name: `Message ${alice.displayName}` }));
    await phone.context().close();
    stage.publishScreenshots(['profile-card']);
  });
});
