import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { startServer, type RunningServer, type ServerOptions } from '@chat/api/server';
import { launchChromium } from './browser.ts';

const CONSOLE_LINES_KEPT = 40;
const screenshots = fileURLToPath(new URL('./screenshots/', import.meta.url));
const docsScreenshots = fileURLToPath(new URL('../docs/screenshots/', import.meta.url));

/** The two people of the browser tests; their names show in the screenshots. */
export const alice = { username: 'alice', displayName: 'Alice Martin', password: 'correct horse battery' };
export const bob = { username: 'bob', displayName: 'Bob Okafor', password: 'another good password' };

/**
 * What one browser test file plays on: a real server with its own DATA_DIR and Debian's
 * Chromium, both started before the file's first test and closed, with every context the
 * file opened, after its last.
 */
export function browserStage(options: Partial<ServerOptions> = {}) {
  let browser: Browser | undefined;
  let dataDir = '';
  const contexts: BrowserContext[] = [];
  // Each page's recent console lines, printed with a screenshot when a test fails: a flake in CI leaves evidence.
  const consoles = new Map<Page, string[]>();
  const diagnostics = new Set<() => string>();
  // What the page's Content-Security-Policy blocked, on any page of the file (the policy must cost
  // nothing), and what Chromium could not make of the Permissions-Policy (a header it half-ignores).
  const violations: string[] = [];
  const start = (port = 0) => startServer({ port, dataDir, logLevel: 'warn', ...options });

  const stage = {
    server: undefined as unknown as RunningServer,
    async newPage(contextOptions: Parameters<Browser['newContext']>[0] = {}): Promise<Page> {
      if (!browser) throw new Error('the browser is not started yet');
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, ...contextOptions });
      contexts.push(context);
      await context.addInitScript(() =>
        document.addEventListener('securitypolicyviolation', (e) => console.error(`Content Security Policy: ${e.violatedDirective} blocked ${e.blockedURI || 'inline'} at ${e.sourceFile}:${e.lineNumber}:${e.columnNumber}`)),
      );
      const page = await context.newPage();
      const lines: string[] = [];
      consoles.set(page, lines);
      page.on('close', () => consoles.delete(page));
      page.on('console', (message) => {
        if (/Content.Security.Policy|Permissions-Policy/i.test(message.text())) violations.push(`${page.url()}: ${message.text()}`);
        lines.push(`${message.type()}: ${message.text()}`.slice(0, 500));
        if (lines.length > CONSOLE_LINES_KEPT) lines.shift();
      });
      page.on('pageerror', (err) => lines.push(`pageerror: ${err.message}`));
      return page;
    },
    /** Something more to print when a test of the file fails (the frames a socket carried, say). */
    onFailureShow(diagnose: () => string): void {
      diagnostics.add(diagnose);
    },
    /** Stops the server; the returned function starts it again on the same port and data. */
    async stopServer(): Promise<() => Promise<void>> {
      const port = stage.server.port;
      await stage.server.close();
      return async () => {
        stage.server = await start(port);
      };
    },
    async screenshot(page: Page, name: string): Promise<void> {
      await page.screenshot({ path: join(screenshots, `${name}.png`) });
    },
    /**
     * Puts the current screenshots where the README shows them, with `npm run screenshots`
     * only: a test run must leave the work tree as it found it.
     */
    publishScreenshots(names: readonly string[]): void {
      if (process.env.PUBLISH_SCREENSHOTS !== '1') return;
      mkdirSync(docsScreenshots, { recursive: true });
      for (const name of names) copyFileSync(join(screenshots, `${name}.png`), join(docsScreenshots, `${name}.png`));
    },
  };

  beforeAll(async () => {
    mkdirSync(screenshots, { recursive: true });
    dataDir = mkdtempSync(join(tmpdir(), 'chat-e2e-'));
    stage.server = await start();
    browser = await launchChromium();
  });
  beforeEach(({ task, onTestFailed }) => {
    onTestFailed(async () => {
      let n = 0;
      for (const [page, lines] of consoles) {
        const name = `failed-${task.name.replace(/\W+/g, '-').slice(0, 60)}-${++n}`;
        await page.screenshot({ path: join(screenshots, `${name}.png`), timeout: 5_000 }).catch(() => {});
        console.error(`page ${n} (${page.url()}), screenshot e2e/screenshots/${name}.png, last console lines:\n${lines.join('\n')}`);
      }
      for (const diagnose of diagnostics) console.error(diagnose());
    });
  });
  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await stage.server?.close();
    rmSync(dataDir, { recursive: true, force: true });
    if (violations.length > 0) throw new Error(`the browser policies blocked something the app needs, or were not understood:\n${[...new Set(violations)].join('\n')}`);
  });
  return stage;
}
