import type { Attachment } from '@chat/api-types';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import sharp from 'sharp';
import { collectUnattachedFiles, UNATTACHED_MAX_AGE_MS } from '../src/files/file-gc.ts';
import { roomByName, signUp, startTestServer, type TestServer } from './harness.ts';
import { ClientPool, expectBadField, uniqueName } from './helpers.ts';

type Member = Awaited<ReturnType<typeof signUp>>;
/** POST /api/files answers with the same shape a message's attachments have. */
type Uploaded = Attachment;

const MAX = 256 * 1024;
/** Over this an image is kept as a plain file; 640×480 test images are well under it. */
const MAX_PIXELS = 1_000_000;
let server: TestServer;
const pool = new ClientPool();
let ana: Member;
let ben: Member;
let png: Buffer;

beforeAll(async () => {
  server = await startTestServer({ maxUploadBytes: MAX, limits: { imageMaxPixels: MAX_PIXELS } });
  ana = pool.add(await signUp(server, 'ana'));
  ben = pool.add(await signUp(server, 'ben'));
  png = await sharp({ create: { width: 640, height: 480, channels: 3, background: '#2a6' } }).png().toBuffer();
});
afterAll(async () => {
  await pool.closeAll();
  await server.close();
});

const form = (bytes: Buffer | string, name: string, field = 'file') => {
  const body = new FormData();
  body.append(field, new Blob([bytes]), name);
  return body;
};
const auth = (who: Member) => ({ authorization: `Bearer ${who.token}` });

async function upload(who: Member, bytes: Buffer | string, name: string): Promise<Uploaded> {
  const res = await fetch(`${server.url}/api/files`, { method: 'POST', body: form(bytes, name), headers: auth(who) });
  expect(res.status, await res.clone().text()).toBe(201);
  return (await res.json()) as Uploaded;
}

const download = (who: Member | null, url: string, headers: Record<string, string> = {}) =>
  fetch(`${server.url}${url}`, { headers: { ...(who ? auth(who) : {}), ...headers } });

const filesOnDisk = (sub = '') =>
  readdirSync(join(server.dataDir, 'files', sub), { recursive: true, withFileTypes: true }).filter((e) => e.isFile());

async function postInRoom(who: Member, roomId: string, file: Uploaded, body = '') {
  return who.client.message.send.mutate({ roomId, body, clientMsgId: uniqueName('file'), attachmentIds: [file.id] });
}

describe('upload', () => {
  test('the type comes from the content, not the name: a PNG named .txt is an image with a thumbnail', async () => {
    const file = await upload(ana, png, 'holiday.txt');
    expect(file).toMatchObject({ name: 'holiday.txt', mime: 'image/png', size: png.length, width: 640, height: 480 });
    expect(file.url).toBe(`/api/files/${file.id}`);
    const thumb = await download(ana, file.thumbnailUrl as string);
    expect(thumb.status).toBe(200);
    expect(thumb.headers.get('content-type')).toBe('image/webp');
    const meta = await sharp(Buffer.from(await thumb.arrayBuffer())).metadata();
    expect(Math.max(meta.width ?? 0, meta.height ?? 0)).toBeLessThanOrEqual(480);
  });

  test('an HTML file named .png is stored as HTML and only ever served as a download', async () => {
    const file = await upload(ana, '<!DOCTYPE html><img src=x onerror=alert(1)>', 'cat.png');
    expect(file.mime).toBe('text/html');
    expect(file.thumbnailUrl).toBeNull();
    const res = await download(ana, file.url);
    expect(res.headers.get('content-disposition')).toMatch(/^attachment;/);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-security-policy')).toContain('sandbox');
  });

  test('an animated GIF keeps animating in its thumbnail', async () => {
    const frames = 3;
    const pixels = Buffer.alloc(200 * 200 * frames * 4);
    for (let i = 0; i < pixels.length; i += 4) pixels.set([(i / pixels.length) * 255, 80, 160, 255], i);
    const gif = await sharp(pixels, { raw: { width: 200, height: 200 * frames, channels: 4, pageHeight: 200 } })
      .gif({ delay: [100, 100, 100], loop: 0 })
      .toBuffer();
    const file = await upload(ana, gif, 'party.gif');
    expect(file).toMatchObject({ mime: 'image/gif', width: 200, height: 200 });
    const thumb = Buffer.from(await (await download(ana, file.thumbnailUrl as string)).arrayBuffer());
    expect((await sharp(thumb, { animated: true }).metadata()).pages).toBe(frames);
  });

  test('the same bytes are stored once on disk', async () => {
    const bytes = Buffer.from(`dedupe me ${Date.now()}`);
    const before = filesOnDisk().length;
    const a = await upload(ana, bytes, 'a.txt');
    const b = await upload(ben, bytes, 'b.txt');
    expect(a.id).not.toBe(b.id);
    expect(filesOnDisk().length).toBe(before + 1);
  });

  test('a file of exactly the size limit is accepted', async () => {
    const file = await upload(ana, Buffer.alloc(MAX, 9), 'exact.bin');
    expect(file.size).toBe(MAX);
  });

  test('an image of more pixels than the limit is kept as a plain file: no thumbnail, never decoded', async () => {
    const big = await sharp({ create: { width: 1250, height: 1000, channels: 3, background: '#345' } }).png().toBuffer();
    const file = await upload(ana, big, 'poster.png');
    expect(file).toMatchObject({ mime: 'image/png', width: null, height: null, thumbnailUrl: null });
    expect((await download(ana, file.url)).status).toBe(200);
  });

  test('over the size limit: 413 and nothing left behind', async () => {
    const before = filesOnDisk().length;
    const res = await fetch(`${server.url}/api/files`, { method: 'POST', body: form(Buffer.alloc(MAX + 1, 7), 'big.bin'), headers: auth(ana) });
    expect(res.status).toBe(413);
    const body = (await res.json()) as { error: string; maxBytes: number };
    expect(body.error).toContain(String(MAX));
    expect(body.maxBytes).toBe(MAX);
    expect(filesOnDisk().length).toBe(before);
    expect(filesOnDisk('tmp')).toEqual([]);
  });

  test.each([
    ['no token', () => ({ body: form('x', 'a.txt'), headers: {} }), 401],
    ['a wrong token', () => ({ body: form('x', 'a.txt'), headers: { authorization: 'Bearer nope' } }), 401],
    ['an empty file', () => ({ body: form('', 'empty.txt'), headers: auth(ana) }), 400],
    ['no field named file', () => ({ body: form('x', 'a.txt', 'attachment'), headers: auth(ana) }), 400],
    ['a body that is not multipart', () => ({ body: 'hello', headers: { ...auth(ana), 'content-type': 'text/plain' } }), 400],
    [
      'a malformed multipart body',
      () => ({
        body: '--XYZ\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\n\r\nhalf a file',
        headers: { ...auth(ana), 'content-type': 'multipart/form-data; boundary=XYZ' },
      }),
      400,
    ],
  ] as const)('%s: a clear 4xx and nothing half-written', async (_name, request, status) => {
    const before = filesOnDisk().length;
    const res = await fetch(`${server.url}/api/files`, { method: 'POST', ...request() });
    expect(res.status).toBe(status);
    expect(((await res.json()) as { error: string }).error).toEqual(expect.any(String));
    expect(filesOnDisk().length).toBe(before);
    expect(filesOnDisk('tmp')).toEqual([]);
  });
});

describe('what one account may store', () => {
  const QUOTA = 3000;
  let small: TestServer;
  beforeAll(async () => {
    small = await startTestServer({ limits: { uploadQuotaBytes: QUOTA, uploadMinFreeDiskBytes: 0 } });
  });
  afterAll(() => small.close());

  const put = (to: TestServer, who: Member, bytes: Buffer) =>
    fetch(`${to.url}/api/files`, { method: 'POST', body: form(bytes, 'part.bin'), headers: auth(who) });

  test('uploads past the quota answer 507 with the quota, and leave nothing behind; other accounts go on', async () => {
    const [cat, dan] = [pool.add(await signUp(small, 'cat')), pool.add(await signUp(small, 'dan'))];
    expect((await put(small, cat, Buffer.alloc(2000, 1))).status).toBe(201);
    const refused = await put(small, cat, Buffer.alloc(2000, 2));
    expect(refused.status).toBe(507);
    expect(await refused.json()).toMatchObject({ quotaBytes: QUOTA, usedBytes: 2000 });
    expect(readdirSync(join(small.dataDir, 'files', 'tmp'))).toEqual([]);
    expect((await put(small, dan, Buffer.alloc(2000, 3))).status).toBe(201);
  });

  test('below the free-disk floor every upload answers 507', async () => {
    const full = await startTestServer({ limits: { uploadMinFreeDiskBytes: 2 ** 50 } });
    try {
      const eve = pool.add(await signUp(full, 'eve'));
      const res = await put(full, eve, Buffer.from('hello'));
      expect(res.status).toBe(507);
      expect(((await res.json()) as { error: string }).error).toMatch(/disk/);
    } finally {
      await full.close();
    }
  });
});

describe('download and access', () => {
  test('only the uploader until the file is posted; then everyone who may read the room', async () => {
    const file = await upload(ana, png, 'shared.png');
    expect((await download(ana, file.url)).status).toBe(200);
    expect((await download(ben, file.url)).status).toBe(403);
    expect((await download(null, file.url)).status).toBe(401);
    const general = await roomByName(ana.client, 'General');
    await ana.client.room.join.mutate({ roomId: general.id });
    const message = await postInRoom(ana, general.id, file);
    expect(message.attachments).toEqual([expect.objectContaining({ id: file.id, mime: 'image/png', width: 640 })]);
    expect(message.body).toBe('');
    const res = await download(ben, file.url);
    expect(res.status).toBe(200);
    expect(Buffer.from(await res.arrayBuffer()).equals(png)).toBe(true);
    expect(res.headers.get('cache-control')).toContain('immutable');
  });

  test('a file in a private room is refused to outsiders, served to members', async () => {
    const room = await ana.client.room.create.mutate({ name: uniqueName('files-private'), kind: 'private' });
    const file = await upload(ana, png, 'secret.png');
    await postInRoom(ana, room.id, file, 'the plan');
    const carol = pool.add(await signUp(server, 'carol'));
    expect((await download(carol, file.url)).status).toBe(403);
    expect((await download(carol, file.thumbnailUrl as string)).status).toBe(403);
    await ana.client.room.invite.mutate({ roomId: room.id, userId: carol.user.id });
    expect((await download(carol, file.url)).status).toBe(200);
  });

  test('deleting the message deletes its files: nobody gets them any more, and their bytes leave the disk', async () => {
    const general = await roomByName(ana.client, 'General');
    const unique = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#b04' } }).png().toBuffer();
    const file = await upload(ana, unique, 'oops.png');
    const message = await postInRoom(ana, general.id, file);
    expect((await download(ben, file.url)).status).toBe(200);
    const onDisk = filesOnDisk().length;
    const deleted = await ana.client.message.delete.mutate({ messageId: message.id });
    expect(deleted.attachments).toEqual([]);
    for (const url of [file.url, file.thumbnailUrl as string]) {
      expect((await download(ben, url)).status).toBe(404);
      expect((await download(ana, url)).status).toBe(404);
    }
    // The bytes and the thumbnail.
    expect(filesOnDisk().length).toBe(onDisk - 2);
  });

  test('range requests let video seek', async () => {
    const file = await upload(ana, png, 'range.png');
    const res = await download(ana, file.url, { range: 'bytes=8-15' });
    expect(res.status).toBe(206);
    expect(res.headers.get('content-range')).toBe(`bytes 8-15/${png.length}`);
    expect(Buffer.from(await res.arrayBuffer()).equals(png.subarray(8, 16))).toBe(true);
  });

  test('a range past the end of the file answers 416 with the file size, not an error', async () => {
    const file = await upload(ana, png, 'short.png');
    const res = await download(ana, file.url, { range: 'bytes=99999999-' });
    expect(res.status).toBe(416);
    expect(res.headers.get('content-range')).toBe(`bytes */${png.length}`);
  });

  test('the httpOnly cookie lets <img> tags load files; unknown ids are 404', async () => {
    const file = await upload(ana, png, 'cookie.png');
    const set = await fetch(`${server.url}/api/session`, { method: 'POST', headers: auth(ana) });
    const cookie = set.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/Path=\/api\/files/);
    const res = await download(null, file.url, { cookie: cookie.split(';')[0] as string });
    expect(res.status).toBe(200);
    expect((await download(ana, '/api/files/999999')).status).toBe(404);
    expect((await download(ana, '/api/files/abc')).status).toBe(404);
    // A cookie that is not valid percent-encoding is no token, not a server error.
    expect((await download(null, file.url, { cookie: 'chat_file_token=%E0%A4%A' })).status).toBe(401);
  });
});

describe('attaching', () => {
  test('only files the sender uploaded; a message may be files only, but not empty', async () => {
    const general = await roomByName(ben.client, 'General');
    await ben.client.room.join.mutate({ roomId: general.id });
    const anas = await upload(ana, png, 'not-yours.png');
    await expectBadField(postInRoom(ben, general.id, anas), 'attachmentIds');
    await expectBadField(ben.client.message.send.mutate({ roomId: general.id, body: '  ', clientMsgId: uniqueName('e') }), 'body');
    const own = await upload(ben, png, 'mine.png');
    const history = await ben.client.message.history.query({ roomId: general.id });
    const sent = await postInRoom(ben, general.id, own);
    expect(sent.attachments.map((a) => a.id)).toEqual([own.id]);
    const after = await ben.client.message.history.query({ roomId: general.id });
    expect(after.messages.at(-1)?.attachments.map((a) => a.name)).toEqual(['mine.png']);
    expect(after.messages.length).toBeGreaterThan(history.messages.length - 1);
  });

  test('files never attached are removed after a day, blobs only when no other upload shares them', async () => {
    const general = await roomByName(ana.client, 'General');
    const bytes = Buffer.from(`abandoned ${Date.now()}`);
    const abandoned = await upload(ana, bytes, 'abandoned.txt');
    const sharedBytes = Buffer.from(`kept ${Date.now()}`);
    const dropped = await upload(ana, sharedBytes, 'dropped.txt');
    const kept = await postInRoom(ana, general.id, await upload(ana, sharedBytes, 'kept.txt'));
    const before = filesOnDisk().length;

    expect(await collectUnattachedFiles(server.app)).toBe(0);
    // A day later: only the blob nobody uses any more goes.
    const removed = await collectUnattachedFiles(server.app, Date.now() + UNATTACHED_MAX_AGE_MS + 1000);
    expect(removed).toBeGreaterThanOrEqual(1);
    expect((await download(ana, abandoned.url)).status).toBe(404);
    expect((await download(ana, dropped.url)).status).toBe(404);
    expect((await download(ben, kept.attachments[0]?.url as string)).status).toBe(200);
    expect(filesOnDisk().length).toBeLessThan(before);
  });
});
