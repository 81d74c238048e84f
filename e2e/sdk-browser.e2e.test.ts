import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startServer, type RunningServer } from '@chat/api/server';
// The SDK's browser entry (the "default" condition of @chat/client), the one bundled below.
import type * as sdk from '@chat/client';
import { launchChromium } from './browser.ts';

type Sdk = typeof sdk;

let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  server = await startServer({ port: 0, dataDir: mkdtempSync(join(tmpdir(), 'chat-sdk-browser-')), logLevel: 'silent', rateLimit: false });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

test('the SDK works in a browser: bundled for the web (no `ws`), it signs up, follows and sends', async () => {
  // The bundler picks the package's browser entry, exactly as a web app's build would.
  const bundle = await build({
    entryPoints: [join(import.meta.dirname, '../packages/client/src/index.ts')],
    bundle: true,
    format: 'iife',
    globalName: 'ChatSDK',
    platform: 'browser',
    write: false,
  });
  const code = bundle.outputFiles[0]?.text ?? '';
  expect(code).not.toContain('require("ws")');

  // The bundle goes in as an inline script, which the app's own page forbids; that policy is not
  // what this test is about (the app's browser tests hold it), the SDK is.
  const page = await browser.newPage({ bypassCSP: true });
  await page.goto(server.url);
  await page.addScriptTag({ content: code });
  const result = await page.evaluate(async () => {
    const { createChatClient, isChatError } = (window as unknown as { ChatSDK: Sdk }).ChatSDK;
    const chat = createChatClient({ url: location.origin });
    await chat.register({ username: 'browser_sdk', password: 'browser-sdk-password' });
    const general = (await chat.api.room.list.query()).find((r) => r.name === 'General');
    if (!general) throw new Error('no General');
    const got: string[] = [];
    chat.follow(general.id, ({ message }) => void got.push(message.body), { since: '0' });
    await chat.send(general.id, 'hello from a browser');
    for (let i = 0; i < 100 && got.length === 0; i++) await new Promise((r) => setTimeout(r, 20));
    const error = await chat.send('not-an-id', 'x').catch((e: unknown) => e);
    await chat.close();
    return { got, badRequest: isChatError(error, 'BAD_REQUEST') };
  });
  expect(result).toEqual({ got: ['hello from a browser'], badRequest: true });
  await page.close();
});
