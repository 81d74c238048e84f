import { readFileSync } from 'node:fs';
import type { CDPSession, Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { controlSockets } from './network.ts';
import { composer, expectConnected, messageItem, messageLog, signUp, VISIBLE, visible } from './pages.ts';
import { alice, bob, browserStage } from './stage.ts';

/** Small, so a file over the limit is quick to make. */
const MAX_UPLOAD_BYTES = 200 * 1024;
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

const stage = browserStage({ maxUploadBytes: MAX_UPLOAD_BYTES });
const { newPage, screenshot } = stage;

/** Half a second of a 440 Hz tone as a 16-bit mono WAV: a real audio file, made here. */
function toneWav(): Buffer {
  const rate = 8000;
  const samples = rate / 2;
  const wav = Buffer.alloc(44 + samples * 2);
  wav.write('RIFF', 0);
  wav.writeUInt32LE(36 + samples * 2, 4);
  wav.write('WAVEfmt ', 8);
  wav.writeUInt32LE(16, 16);
  wav.writeUInt16LE(1, 20);
  wav.writeUInt16LE(1, 22);
  wav.writeUInt32LE(rate, 24);
  wav.writeUInt32LE(rate * 2, 28);
  wav.writeUInt16LE(2, 32);
  wav.writeUInt16LE(16, 34);
  wav.write('data', 36);
  wav.writeUInt32LE(samples * 2, 40);
  for (let i = 0; i < samples; i++) wav.writeInt16LE(Math.round(Math.sin((2 * Math.PI * 440 * i) / rate) * 12_000), 44 + i * 2);
  return wav;
}

/**
 * Hands a PNG drawn in the page to `target` as a user would: a real File in a DataTransfer,
 * dropped from the desktop (dragenter, dragover, drop) or pasted from the clipboard.
 */
async function giveImage(target: Locator, name: string, how: 'drop' | 'paste') {
  await target.evaluate(
    async (element, { fileName, gesture }) => {
      const canvas = document.createElement('canvas');
      canvas.width = 640;
      canvas.height = 400;
      const g = canvas.getContext('2d');
      if (!g) throw new Error('no 2d canvas');
      const sky = g.createLinearGradient(0, 0, 0, 400);
      sky.addColorStop(0, '#f97316');
      sky.addColorStop(1, '#7c3aed');
      g.fillStyle = sky;
      g.fillRect(0, 0, 640, 400);
      g.fillStyle = '#fde047';
      g.beginPath();
      g.arc(320, 270, 70, 0, Math.PI * 2);
      g.fill();
      g.fillStyle = '#1e1b4b';
      g.fillRect(0, 290, 640, 110);
      const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
      if (!blob) throw new Error('canvas gave no PNG');
      const transfer = new DataTransfer();
      transfer.items.add(new File([blob], fileName, { type: 'image/png' }));
      const init = { bubbles: true, cancelable: true };
      if (gesture === 'paste') element.dispatchEvent(new ClipboardEvent('paste', { ...init, clipboardData: transfer }));
      else for (const type of ['dragenter', 'dragover', 'drop']) element.dispatchEvent(new DragEvent(type, { ...init, dataTransfer: transfer }));
    },
    { fileName: name, gesture: how },
  );
}

/** Picks files through the Attach button and the system file chooser. */
async function attach(page: Page, ...files: { name: string; mimeType: string; buffer: Buffer }[]) {
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: 'Attach files' }).click()]);
  await chooser.setFiles(files);
}

function pendingFile(page: Page, name: string) {
  return page.getByRole('list', { name: 'Files to send' }).getByRole('listitem', { name });
}

/** Waits until the file in the strip has finished uploading (its progress bar is gone, no error). */
async function expectUploaded(page: Page, name: string) {
  const file = await visible(pendingFile(page, name));
  await file.getByRole('progressbar').waitFor({ state: 'detached', ...VISIBLE });
  expect(await file.getByRole('alert').count()).toBe(0);
}

const devtoolsSessions = new WeakMap<Page, CDPSession>();

/** Throttles the page's uploads to `bytesPerSecond` (null: full speed again), through the DevTools protocol. */
async function uplink(page: Page, bytesPerSecond: number | null) {
  // One session per page: each session's emulation holds until that session lifts it.
  const devtools = devtoolsSessions.get(page) ?? (await page.context().newCDPSession(page));
  devtoolsSessions.set(page, devtools);
  await devtools.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: bytesPerSecond ?? -1 });
}

/** A PDF of about `kib` KiB. */
const pdfOf = (kib: number) => Buffer.concat([PDF, Buffer.alloc(kib * 1024, 32)]);

/** Whether an <img> has actually been fetched and decoded, not just put in the page. */
const loaded = (page: Page, selector: ReturnType<Page['locator']>) =>
  expect.poll(() => selector.evaluate((img) => (img as HTMLImageElement).complete && (img as HTMLImageElement).naturalWidth), VISIBLE).toBeGreaterThan(0);

describe('sharing files in the browser', () => {
  let pageA: Page;
  let pageB: Page;
  let socketsA: Awaited<ReturnType<typeof controlSockets>>;

  it('signs both up in General', async () => {
    pageA = await newPage({ colorScheme: 'light' });
    socketsA = await controlSockets(pageA);
    pageB = await newPage({ colorScheme: 'dark' });
    await signUp(pageA, stage.server.url, alice);
    await signUp(pageB, stage.server.url, bob);
    for (const page of [pageA, pageB]) await visible(composer(page, 'General'));
  });

  it("drops an image into the room and the other person sees it as a thumbnail", async () => {
    await giveImage(messageLog(pageA, 'General'), 'sunset.png', 'drop');
    await expectUploaded(pageA, 'sunset.png');
    await composer(pageA, 'General').fill('Sunset from the office roof');
    await composer(pageA, 'General').press('Enter');
    await pendingFile(pageA, 'sunset.png').waitFor({ state: 'detached', ...VISIBLE });

    const thumbnail = await visible(messageItem(pageB, 'General', 'Sunset from the office roof').getByRole('button', { name: 'Open sunset.png' }));
    const img = thumbnail.locator('img');
    expect(await img.getAttribute('src')).toMatch(/^\/api\/files\/\d+\/thumbnail$/);
    await loaded(pageB, img);
  });

  it('opens the image in a lightbox with its name and a download link, and Escape closes it', async () => {
    const thumbnail = messageLog(pageB, 'General').getByRole('button', { name: 'Open sunset.png' });
    await thumbnail.click();
    const lightbox = await visible(pageB.getByRole('dialog', { name: 'sunset.png' }));
    await loaded(pageB, lightbox.getByRole('img', { name: 'sunset.png' }));
    expect(await lightbox.getByRole('img', { name: 'sunset.png' }).evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBe(640);
    expect(await lightbox.getByText('640 × 400').count()).toBe(1);
    expect(await lightbox.getByRole('link', { name: 'Download' }).getAttribute('download')).toBe('sunset.png');
    await screenshot(pageB, 'files-lightbox');
    await pageB.keyboard.press('Escape');
    await lightbox.waitFor({ state: 'detached', ...VISIBLE });
    // Focus goes back where it was, so a keyboard user carries on from the picture.
    await expect.poll(() => thumbnail.evaluate((el) => el === document.activeElement), VISIBLE).toBe(true);
  });

  it('attaches a document with the button and sends it alone; the other person downloads it from a file card', async () => {
    await attach(pageA, { name: 'release-notes.pdf', mimeType: 'application/pdf', buffer: PDF });
    await expectUploaded(pageA, 'release-notes.pdf');
    await pageA.getByRole('button', { name: 'Send' }).click();

    const download = await visible(messageLog(pageB, 'General').getByRole('link', { name: 'Download release-notes.pdf' }));
    const card = messageLog(pageB, 'General').getByRole('listitem').filter({ has: pageB.getByRole('link', { name: 'Download release-notes.pdf' }) }).last();
    expect(await card.textContent()).toContain(`${PDF.length} B`);
    const [file] = await Promise.all([pageB.waitForEvent('download'), download.click()]);
    expect(file.suggestedFilename()).toBe('release-notes.pdf');
    expect(readFileSync(await file.path())).toEqual(PDF);
  });

  it('plays audio inline', async () => {
    await attach(pageA, { name: 'standup.wav', mimeType: 'audio/wav', buffer: toneWav() });
    await expectUploaded(pageA, 'standup.wav');
    await composer(pageA, 'General').fill('Recording of the standup');
    await composer(pageA, 'General').press('Enter');
    const player = await visible(messageItem(pageB, 'General', 'Recording of the standup').locator('audio[controls]'));
    await expect.poll(() => player.evaluate((audio) => (audio as HTMLAudioElement).duration), VISIBLE).toBeCloseTo(0.5, 1);
  });

  it('plays video inline', async () => {
    // A short WebM recorded from a canvas in the page: a real video file without a fixture.
    await messageLog(pageA, 'General').evaluate(async (target) => {
      const canvas = document.createElement('canvas');
      canvas.width = 320;
      canvas.height = 180;
      const g = canvas.getContext('2d');
      if (!g) throw new Error('no 2d canvas');
      const recorder = new MediaRecorder(canvas.captureStream(30), { mimeType: 'video/webm' });
      const chunks: Blob[] = [];
      recorder.ondataavailable = (event) => chunks.push(event.data);
      const stopped = new Promise((resolve) => (recorder.onstop = resolve));
      recorder.start();
      for (let frame = 0; frame < 20; frame++) {
        g.fillStyle = `hsl(${frame * 18} 80% 50%)`;
        g.fillRect(0, 0, 320, 180);
        await new Promise((resolve) => requestAnimationFrame(resolve));
      }
      recorder.stop();
      await stopped;
      const transfer = new DataTransfer();
      transfer.items.add(new File(chunks, 'demo.webm', { type: 'video/webm' }));
      for (const type of ['dragenter', 'dragover', 'drop']) target.dispatchEvent(new DragEvent(type, { dataTransfer: transfer, bubbles: true, cancelable: true }));
    });
    await expectUploaded(pageA, 'demo.webm');
    await composer(pageA, 'General').fill('Demo of the new onboarding');
    await composer(pageA, 'General').press('Enter');
    const player = await visible(messageItem(pageB, 'General', 'Demo of the new onboarding').locator('video[controls]'));
    expect(await player.getAttribute('aria-label')).toBe('demo.webm');
    await expect.poll(() => player.evaluate((video) => (video as HTMLVideoElement).readyState), VISIBLE).toBeGreaterThan(0);
  });

  it('says clearly that a file is too large, holds the message back, and lets the file be removed', async () => {
    await attach(pageA, { name: 'site-backup.zip', mimeType: 'application/zip', buffer: Buffer.alloc(300 * 1024, 7) });
    const file = await visible(pendingFile(pageA, 'site-backup.zip'));
    await visible(file.getByRole('alert').getByText('Too large: the limit is 200 KB.'));
    await composer(pageA, 'General').fill('Here is the backup');
    expect(await pageA.getByRole('button', { name: 'Send' }).isDisabled()).toBe(true);
    await pageA.mouse.move(0, 0);
    await screenshot(pageA, 'files');

    await file.getByRole('button', { name: 'Remove site-backup.zip' }).click();
    await file.waitFor({ state: 'detached', ...VISIBLE });
    expect(await pageA.getByRole('button', { name: 'Send' }).isDisabled()).toBe(false);
    await composer(pageA, 'General').fill('');
  });

  it('keeps the typed text and the finished uploads through a reload in the middle of an upload', async () => {
    await attach(pageA, { name: 'agenda.pdf', mimeType: 'application/pdf', buffer: PDF });
    await expectUploaded(pageA, 'agenda.pdf');
    // A slow uplink, so the next file is still on its way when the page reloads.
    await uplink(pageA, 8 * 1024);
    await attach(pageA, { name: 'slides.pdf', mimeType: 'application/pdf', buffer: pdfOf(150) });
    await visible(pendingFile(pageA, 'slides.pdf').getByRole('progressbar'));
    await composer(pageA, 'General').fill('Agenda for Monday');

    await pageA.reload();
    await uplink(pageA, null);
    await expectConnected(pageA);
    expect(await composer(pageA, 'General').inputValue()).toBe('Agenda for Monday');
    await visible(pendingFile(pageA, 'agenda.pdf'));
    // A file still uploading cannot be kept (the page no longer has it): it is simply not there.
    expect(await pendingFile(pageA, 'slides.pdf').count()).toBe(0);
    await composer(pageA, 'General').press('Enter');
    await visible(messageItem(pageB, 'General', 'Agenda for Monday').getByRole('link', { name: 'Download agenda.pdf' }));
  });

  it('holds a message sent while its file is uploading, and sends both once the upload is done', async () => {
    await uplink(pageA, 32 * 1024);
    await attach(pageA, { name: 'budget.pdf', mimeType: 'application/pdf', buffer: pdfOf(120) });
    await visible(pendingFile(pageA, 'budget.pdf').getByRole('progressbar'));
    await composer(pageA, 'General').fill('Budget, as promised');
    await composer(pageA, 'General').press('Enter');
    await visible(pageA.getByRole('status').getByText('Sending once the files are uploaded…'));
    expect(await composer(pageA, 'General').inputValue()).toBe('Budget, as promised');

    await uplink(pageA, null);
    await visible(messageItem(pageB, 'General', 'Budget, as promised').getByRole('link', { name: 'Download budget.pdf' }));
    expect(await composer(pageA, 'General').inputValue()).toBe('');
    expect(await pendingFile(pageA, 'budget.pdf').count()).toBe(0);
  });

  it('sends a pasted picture once, although the socket died while the message was being sent', async () => {
    // The server never answers message.send, then the socket drops: uploads are HTTP and carry on.
    socketsA.holdSends(true);
    await giveImage(composer(pageA, 'General'), 'whiteboard.png', 'paste');
    await expectUploaded(pageA, 'whiteboard.png');
    await composer(pageA, 'General').fill('Whiteboard from the retro');
    await composer(pageA, 'General').press('Enter');
    const pending = messageItem(pageA, 'General', 'Whiteboard from the retro');
    await visible(pending.getByText('Sending…'));
    await visible(pending.getByRole('button', { name: 'Open whiteboard.png' }));

    socketsA.holdSends(false);
    await socketsA.drop();
    socketsA.restore();
    await expectConnected(pageA);
    const delivered = messageLog(pageB, 'General').getByRole('button', { name: 'Open whiteboard.png' });
    await visible(delivered);
    await pending.getByText('Sending…').waitFor({ state: 'detached', ...VISIBLE });
    expect(await delivered.count()).toBe(1);
    expect(await messageLog(pageA, 'General').getByRole('button', { name: 'Open whiteboard.png' }).count()).toBe(1);

    await pageB.mouse.move(0, 0);
    await screenshot(pageB, 'files-dark');
    stage.publishScreenshots(['files']);
  });
});
