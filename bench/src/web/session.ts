import type { Browser, Page } from 'playwright-core';
import { trpcHttp } from '../clients/trpc-http.ts';
import { sleep } from '../util/time.ts';
import type { Person, Sent } from './cast.ts';
import { installProbe } from './probe.ts';

export interface Room {
  id: string;
  name: string;
}

export interface OpenRoom {
  page: Page;
  close(): Promise<void>;
}

/** Setting up is not measured, but a page that cannot even open the room must not hang the run. */
const SETUP_MS = 60_000;

/**
 * A fresh browser context (nothing cached from an earlier scenario) signed in as `reader`,
 * with `room` open at its newest message, `newest`: the starting point of every scenario.
 */
export async function openRoom(
  browser: Browser,
  baseUrl: string,
  reader: Person,
  room: Room,
  opts: { newest: Sent },
): Promise<OpenRoom> {
  // Read up to the newest, the reader comes back to the bottom of the room (unread messages
  // would open it at the first of them instead).
  await trpcHttp(baseUrl, 'message.markRead', { roomId: room.id, messageId: opts.newest.id }, reader.token);
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  context.setDefaultTimeout(SETUP_MS);
  const close = () => context.close().catch(() => {});
  try {
    await installProbe(context);
    const page = await context.newPage();
    // The room is in the URL hash, so the app opens it right after signing in.
    await page.goto(`${baseUrl}/#/room/${room.id}`);
    await page.getByLabel('Username').fill(reader.username);
    await page.getByLabel('Password').fill(reader.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('textbox', { name: `Message #${room.name}` }).waitFor({ state: 'visible' });
    await page.getByRole('region', { name: `Messages in ${room.name}` }).waitFor({ state: 'attached' });
    await waitShown(page, opts.newest, SETUP_MS);
    return { page, close };
  } catch (err) {
    await close();
    throw err;
  }
}

/** Polls until the message is shown; throws when it is not within `ms`. */
async function waitShown(page: Page, message: Sent, ms: number): Promise<void> {
  const end = Date.now() + ms;
  while (!(await page.evaluate(([i, t]) => window.__bench.isShown(i, t), [message.id, message.marker] as const))) {
    if (Date.now() > end) throw new Error(`message ${message.marker} was not shown within ${ms / 1000} s of opening the room`);
    await sleep(100);
  }
}
