import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { apiClient } from './api.ts';
import { alice, bob, browserStage } from './stage.ts';
import {
  composer,
  expectConnected,
  messageByText,
  messageLog,
  noticeLine,
  PHONE,
  roomLink,
  roomMenu,
  settled,
  signIn,
  signUp,
  tabTo,
  toast,
  VISIBLE,
  visible,
} from './pages.ts';

const stage = browserStage();
const { newPage, screenshot } = stage;


// The server's first account is its admin: Sam signs up before anyone else, so that Alice looks
// after her rooms as their owner only, and Bob as an admin only.
const sam = { username: 'sam', displayName: 'Sam Rivera', password: 'the server admin password' };
const carol = { username: 'carol', displayName: 'Carol Diaz', password: 'a long enough password' };

const ROOM = 'Planning';
const RENAMED = 'Lunch';
const TOPIC = 'Where we eat on Fridays';
const SECRET = 'Secret plans';

type Client = ReturnType<typeof apiClient>;

async function signedInClient(user: { username: string; password: string }): Promise<Client> {
  const { token } = await apiClient(stage.server.url).auth.login.mutate({ username: user.username, password: user.password });
  return apiClient(stage.server.url, token);
}

/** The open room's header (inside the main landmark, so no banner of its own). */
const header = (page: Page) => page.getByRole('main').locator('header').first();
const roomTitle = (page: Page, name: string) => header(page).getByRole('heading', { name, level: 1, exact: true });
const membersDialog = (page: Page, roomName: string) => page.getByRole('dialog', { name: `Members of ${roomName}` });
const memberRow = (dialog: Locator, displayName: string) => dialog.getByRole('listitem').filter({ hasText: displayName });
/** What can be done to a member (their name, opening their card, is a button too). */
const memberActionsOf = (row: Locator) => row.getByRole('button', { name: /^(Make admin|Remove admin|Remove from room)$/ });
const archivedBar = (page: Page) => page.getByText('This room is archived — read-only', { exact: true });
const focusedName = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLInputElement | null;
    return el?.labels?.[0]?.textContent ?? el?.getAttribute('aria-label') ?? el?.textContent ?? '';
  });

async function openRoom(page: Page, name: string) {
  await (await visible(roomLink(page, name))).click();
  await visible(roomTitle(page, name));
}

async function send(page: Page, roomName: string, text: string) {
  await composer(page, roomName).fill(text);
  await composer(page, roomName).press('Enter');
  await visible(messageByText(messageLog(page, roomName), text));
}

describe('rooms that someone looks after, and the server admin, in the browser', () => {
  let pageA: Page;
  let pageB: Page;
  let pageC: Page;
  let aliceApi: Client;
  let roomId: string;
  // What Carol's page asks the server to stream: a room that ended her stream must not be asked for again and again.
  const carolsSubscriptions: string[] = [];
  const subscriptionsTo = (id: string) => carolsSubscriptions.filter((frame) => frame.includes(`"roomId":"${id}"`)).length;

  it('signs the server admin up first, then Alice, Bob and Carol; Alice owns a room they are all in', async () => {
    await apiClient(stage.server.url).auth.register.mutate(sam);
    pageA = await newPage({ colorScheme: 'light' });
    pageB = await newPage({ colorScheme: 'light' });
    pageC = await newPage({ colorScheme: 'light' });
    pageC.on('websocket', (socket) =>
      socket.on('framesent', ({ payload }) => {
        if (String(payload).includes('"message.onEvent"')) carolsSubscriptions.push(String(payload));
      }),
    );
    await signUp(pageA, stage.server.url, alice);
    await signUp(pageB, stage.server.url, bob);
    await apiClient(stage.server.url).auth.register.mutate(carol);
    await signIn(pageC, stage.server.url, carol);

    aliceApi = await signedInClient(alice);
    ({ id: roomId } = await aliceApi.room.create.mutate({ name: ROOM, topic: 'Who does what this week', kind: 'public' }));
    for (const user of [bob, carol]) await (await signedInClient(user)).room.join.mutate({ roomId });
    for (const page of [pageA, pageB, pageC]) await openRoom(page, ROOM);
    await send(pageC, ROOM, 'Morning all! Anyone up for lunch on Friday?');
  });

  it('owner Alice makes Bob an admin in the members dialog; the roles show, and the notice reaches everyone', async () => {
    await pageA.getByRole('button', { name: 'Members (3)' }).click();
    const dialog = await visible(membersDialog(pageA, ROOM));
    await visible(memberRow(dialog, alice.displayName).getByText('Owner', { exact: true }));
    // Nobody changes the owner's role or removes the owner, and I leave rather than remove myself.
    expect(await memberActionsOf(memberRow(dialog, alice.displayName)).count()).toBe(0);
    await memberRow(dialog, bob.displayName).getByRole('button', { name: 'Make admin' }).click();
    await visible(memberRow(dialog, bob.displayName).getByText('Admin', { exact: true }));
    await visible(memberRow(dialog, bob.displayName).getByRole('button', { name: 'Remove admin' }));
    await visible(memberRow(dialog, carol.displayName).getByRole('button', { name: 'Make admin' }));
    await visible(memberRow(dialog, carol.displayName).getByRole('button', { name: 'Remove from room' }));
    // Each row's buttons say which member they are for.
    const description = await memberRow(dialog, carol.displayName).getByRole('button', { name: 'Remove from room' }).getAttribute('aria-describedby');
    expect(await pageA.locator(`[id="${description}"]`).textContent()).toContain(carol.displayName);
    await pageA.mouse.move(0, 0);
    await screenshot(pageA, 'members-roles');
    await pageA.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached', ...VISIBLE });

    for (const page of [pageA, pageB, pageC]) await visible(noticeLine(page, ROOM, 'Alice Martin made Bob Okafor an admin'));

    // An admin removes members but names no admins.
    await pageB.getByRole('button', { name: 'Members (3)' }).click();
    const bobs = await visible(membersDialog(pageB, ROOM));
    await visible(memberRow(bobs, carol.displayName).getByRole('button', { name: 'Remove from room' }));
    expect(await memberActionsOf(memberRow(bobs, alice.displayName)).count()).toBe(0);
    expect(await bobs.getByRole('button', { name: 'Make admin' }).count()).toBe(0);
    await bobs.getByRole('button', { name: 'Close' }).click();
  });

  it('admin Bob renames the room and changes its topic; a taken name is refused in the form', async () => {
    await roomMenu(pageB, 'Room settings');
    const dialog = await visible(pageB.getByRole('dialog', { name: 'Room settings' }));
    await expect.poll(() => focusedName(pageB), VISIBLE).toBe('Name');
    await dialog.getByLabel('Name').fill('General');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await visible(dialog.getByText('a room named "General" already exists', { exact: true }));
    expect(await dialog.getByLabel('Name').getAttribute('aria-invalid')).toBe('true');
    await expect.poll(() => focusedName(pageB), VISIBLE).toBe('Name');

    await dialog.getByLabel('Name').fill(RENAMED);
    await dialog.getByLabel('Topic').fill(TOPIC);
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => dialog.getByRole('status').textContent(), VISIBLE).toBe('Saved. Everyone in the room sees the change.');
    // Nothing left to save once the room, as its notices tell it, has the new name and topic.
    await expect.poll(() => dialog.getByRole('button', { name: 'Save' }).isDisabled(), VISIBLE).toBe(true);
    await visible(dialog.getByRole('button', { name: 'Archive room' }));
    // Deleting the room is its owner's alone.
    expect(await dialog.getByRole('button', { name: 'Delete room' }).count()).toBe(0);
    await settled(pageB);
    await screenshot(pageB, 'room-settings');
    await pageB.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached', ...VISIBLE });
    // Given back a moment after the dialog has gone (Radix's focus scope lets go on the next task).
    await expect.poll(() => focusedName(pageB), VISIBLE).toBe('Room options');

    // Carol follows live: the notices in the timeline, the header and the room list.
    await visible(noticeLine(pageC, RENAMED, `Bob Okafor renamed the room to “${RENAMED}”`));
    await visible(noticeLine(pageC, RENAMED, `Bob Okafor changed the topic to “${TOPIC}”`));
    await visible(roomTitle(pageC, RENAMED));
    await visible(header(pageC).getByText(TOPIC, { exact: true }));
    await visible(roomLink(pageC, RENAMED));
    // A notice is a line of its own: no avatar, no actions.
    const notice = noticeLine(pageC, RENAMED, 'Bob Okafor renamed the room');
    await notice.hover();
    expect(await notice.getByRole('button').count()).toBe(0);

    await pageC.reload();
    await expectConnected(pageC);
    await visible(roomTitle(pageC, RENAMED));
    await visible(header(pageC).getByText(TOPIC, { exact: true }));
    await visible(noticeLine(pageC, RENAMED, `Bob Okafor renamed the room to “${RENAMED}”`));

    // A member sees the room's details, and nothing to change.
    await roomMenu(pageC, 'Room details');
    const details = await visible(pageC.getByRole('dialog', { name: 'Room details' }));
    await visible(details.getByText(TOPIC, { exact: true }));
    expect(await details.getByRole('textbox').count()).toBe(0);
    expect(await details.getByRole('button', { name: 'Archive room' }).count()).toBe(0);
    await details.getByRole('button', { name: 'Close' }).click();
  });

  it('on a phone, the room settings open from the room menu by keyboard', async () => {
    const phone = await newPage(PHONE);
    await signIn(phone, stage.server.url, bob);
    await phone.evaluate((id) => (location.hash = `#/room/${id}`), roomId);
    await visible(roomTitle(phone, RENAMED));
    // The header has no room for Leave on a phone: it is in the menu.
    expect(await header(phone).getByRole('button', { name: 'Leave' }).isVisible()).toBe(false);

    await phone.getByRole('button', { name: 'Open conversations' }).focus();
    await tabTo(phone, 'Room options');
    await phone.keyboard.press('Enter');
    await visible(phone.getByRole('menuitem', { name: 'Leave room' }));
    await expect.poll(() => focusedName(phone), VISIBLE).toBe('Room settings');
    await phone.keyboard.press('Enter');
    const dialog = await visible(phone.getByRole('dialog', { name: 'Room settings' }));
    await expect.poll(() => focusedName(phone), VISIBLE).toBe('Name');
    expect(await dialog.getByLabel('Name').inputValue()).toBe(RENAMED);
    const box = await dialog.boundingBox();
    expect(box && box.x >= 0 && box.x + box.width <= 390).toBe(true);
    await screenshot(phone, 'room-settings-mobile');
    await phone.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached', ...VISIBLE });
    await expect.poll(() => focusedName(phone), VISIBLE).toBe('Room options');
    await phone.context().close();
  });

  it("Alice archives the room: Carol's composer gives way to the archived bar live, and Bob unarchives it", async () => {
    await send(pageC, RENAMED, 'Tacos again?');
    await roomMenu(pageA, 'Room settings');
    const dialog = await visible(pageA.getByRole('dialog', { name: 'Room settings' }));
    await dialog.getByRole('button', { name: 'Archive room' }).click();
    await visible(dialog.getByRole('button', { name: 'Unarchive room' }));
    expect(await dialog.getByLabel('Name').isDisabled()).toBe(true);
    await pageA.keyboard.press('Escape');

    await visible(archivedBar(pageC));
    await composer(pageC, RENAMED).waitFor({ state: 'detached', ...VISIBLE });
    await visible(noticeLine(pageC, RENAMED, 'Alice Martin archived the room'));
    expect(await pageC.getByRole('button', { name: 'Unarchive' }).count()).toBe(0);
    await visible(roomLink(pageC, `${RENAMED} (archived)`));
    await visible(header(pageC).getByText('Archived', { exact: true }));
    // Read only, her own message too: nothing to react, reply, pin, edit or delete with.
    const tacos = messageByText(messageLog(pageC, RENAMED), 'Tacos again?');
    await tacos.hover();
    expect(await tacos.getByRole('toolbar', { name: 'Message actions' }).count()).toBe(0);
    await pageC.mouse.move(0, 0);
    await screenshot(pageC, 'room-archived');

    await visible(archivedBar(pageB));
    await pageB.getByRole('button', { name: 'Unarchive', exact: true }).click();
    await visible(composer(pageC, RENAMED));
    await visible(noticeLine(pageC, RENAMED, 'Bob Okafor unarchived the room'));
    await visible(roomLink(pageC, RENAMED));
  });

  it("admin Bob deletes Carol's message, which he may not edit", async () => {
    const rude = 'This message breaks the rules';
    await send(pageC, RENAMED, rude);
    const message = await visible(messageByText(messageLog(pageB, RENAMED), rude));
    await message.hover();
    expect(await message.getByRole('button', { name: 'Edit message' }).count()).toBe(0);
    await message.getByRole('button', { name: 'Delete message' }).click();
    await message.getByRole('button', { name: 'Confirm delete' }).click();
    for (const page of [pageB, pageC]) {
      await messageLog(page, RENAMED).getByText(rude).waitFor({ state: 'detached', ...VISIBLE });
      await visible(messageLog(page, RENAMED).getByText('message deleted'));
    }
  });

  it('Alice removes Carol from a private room: Carol, reading it, is told and moved to another room', async () => {
    const { id: secretId } = await aliceApi.room.create.mutate({ name: SECRET, kind: 'private' });
    const carolId = (await aliceApi.user.search.query({ query: carol.username })).find((u) => u.username === carol.username)?.id;
    if (!carolId) throw new Error('no Carol');
    await aliceApi.room.invite.mutate({ roomId: secretId, userId: carolId });
    await openRoom(pageA, SECRET);
    await openRoom(pageC, SECRET);
    await send(pageC, SECRET, 'Is the surprise party still on?');

    await pageA.getByRole('button', { name: 'Members (2)' }).click();
    const dialog = await visible(membersDialog(pageA, SECRET));
    await memberRow(dialog, carol.displayName).getByRole('button', { name: 'Remove from room' }).click();
    const confirm = await visible(pageA.getByRole('dialog', { name: `Remove ${carol.displayName}?` }));
    await confirm.getByRole('button', { name: 'Remove', exact: true }).click();
    await confirm.waitFor({ state: 'detached', ...VISIBLE });
    await memberRow(dialog, carol.displayName).waitFor({ state: 'detached', ...VISIBLE });
    await dialog.getByRole('button', { name: 'Close' }).click();
    await visible(noticeLine(pageA, SECRET, 'Alice Martin removed Carol Diaz from the room'));

    await visible(toast(pageC, `You were removed from #${SECRET}`));
    await visible(composer(pageC, 'General'));
    await roomLink(pageC, SECRET).waitFor({ state: 'detached', ...VISIBLE });
    expect(new URL(pageC.url()).hash).not.toBe(`#/room/${secretId}`);
    expect(await pageC.getByText('Is the surprise party still on?').count()).toBe(0);
    // Told once, and the room is let go of: not asked for again.
    const asked = subscriptionsTo(secretId);
    expect(asked).toBeGreaterThan(0);
    await pageC.waitForTimeout(1_500);
    expect(subscriptionsTo(secretId)).toBe(asked);
    expect(await toast(pageC, `You were removed from #${SECRET}`).count()).toBe(1);
  });

  it('Alice deletes a room once she has typed its name: Bob, reading it, is told and moved away, and keeps none of it', async () => {
    // The room's newest messages, saved on each device for offline reading (a save follows within a second).
    const saved = (page: Page) => page.evaluate((id) => Object.keys(localStorage).some((key) => key.startsWith('chat.timeline.') && key.endsWith(`.${id}`)), roomId);
    await expect.poll(() => saved(pageB), VISIBLE).toBe(true);
    await openRoom(pageA, RENAMED);
    await roomMenu(pageA, 'Room settings');
    const settings = await visible(pageA.getByRole('dialog', { name: 'Room settings' }));
    await settings.getByRole('button', { name: 'Delete room' }).click();
    const confirm = await visible(pageA.getByRole('dialog', { name: `Delete #${RENAMED}?` }));
    await expect.poll(() => focusedName(pageA), VISIBLE).toBe(`Type ${RENAMED} to confirm`);
    const deleteButton = confirm.getByRole('button', { name: 'Delete room' });
    expect(await deleteButton.isDisabled()).toBe(true);
    await confirm.getByLabel(`Type ${RENAMED} to confirm`).fill(RENAMED.toLowerCase());
    expect(await deleteButton.isDisabled()).toBe(true);
    await confirm.getByLabel(`Type ${RENAMED} to confirm`).fill(RENAMED);
    await deleteButton.click();

    for (const page of [pageA, pageB]) {
      await visible(toast(page, `#${RENAMED} was deleted`));
      await visible(composer(page, 'General'));
      await roomLink(page, RENAMED).waitFor({ state: 'detached', ...VISIBLE });
    }
    await roomLink(pageC, RENAMED).waitFor({ state: 'detached', ...VISIBLE });
    expect(await pageA.getByRole('dialog').count()).toBe(0);
    for (const page of [pageA, pageB]) await expect.poll(() => saved(page), VISIBLE).toBe(false);
  });

  it('the server admin deactivates Carol in Settings: her open page is signed out, and she cannot sign in', async () => {
    const admin = await newPage({ colorScheme: 'light' });
    await signIn(admin, stage.server.url, sam);
    await admin.getByRole('link', { name: 'Settings' }).click();
    const people = await visible(admin.getByRole('region', { name: 'People' }));
    await people.getByLabel('Search accounts').fill('carol');
    const row = people.getByRole('listitem').filter({ hasText: carol.displayName });
    await expect.poll(() => people.getByRole('listitem').count(), VISIBLE).toBe(1);
    await row.getByRole('button', { name: 'Deactivate' }).click();
    const confirm = await visible(admin.getByRole('dialog', { name: `Deactivate ${carol.displayName}?` }));
    await confirm.getByRole('button', { name: 'Deactivate' }).click();
    await expect.poll(() => people.getByRole('status').textContent(), VISIBLE).toBe(`${carol.displayName} is deactivated and signed out everywhere.`);
    await visible(row.getByText('Deactivated', { exact: true }));
    await visible(row.getByRole('button', { name: 'Reactivate' }));

    await visible(pageC.getByRole('button', { name: 'Sign in' }));
    await pageC.getByLabel('Username').fill(carol.username);
    await pageC.getByLabel('Password').fill(carol.password);
    await pageC.getByRole('button', { name: 'Sign in' }).click();
    await visible(pageC.getByRole('alert').filter({ hasText: 'this account is deactivated; ask the server admin' }));

    // Everyone's accounts, the admin's own without a button: nobody deactivates themselves.
    await people.getByLabel('Search accounts').fill('');
    await expect.poll(() => people.getByRole('listitem').count(), VISIBLE).toBe(4);
    expect(await people.getByRole('listitem').filter({ hasText: sam.displayName }).getByRole('button').count()).toBe(0);
    await admin.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await people.evaluate((section) => section.scrollIntoView({ block: 'end' }));
    await screenshot(admin, 'accounts');

    // Only the server admin has the section.
    await pageA.getByRole('link', { name: 'Settings' }).click();
    await visible(pageA.getByRole('region', { name: 'Sessions' }));
    expect(await pageA.getByRole('region', { name: 'People' }).count()).toBe(0);

    await row.getByRole('button', { name: 'Reactivate' }).click();
    await expect.poll(() => people.getByRole('status').textContent(), VISIBLE).toBe(`${carol.displayName} can sign in again.`);
    await pageC.getByRole('button', { name: 'Sign in' }).click();
    await expectConnected(pageC);
    stage.publishScreenshots(['room-settings', 'members-roles', 'room-archived', 'accounts']);
  });
});
