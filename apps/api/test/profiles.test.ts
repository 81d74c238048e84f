import type { Attachment, Profile, UserEvent } from '@chat/api-types';
import { MAX_STATUS } from '@chat/api-types';
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { expect, test } from 'vitest';
import { collectUnattachedFiles, UNATTACHED_MAX_AGE_MS } from '../src/files/file-gc.ts';
import { eventually, roomByName, type Client } from './harness.ts';
import { expectBadField, expectCode, serverForFile, uniqueName, type Member } from './helpers.ts';

const { server, users } = await serverForFile(['ana', 'ben']);
const { ana, ben } = users;

let colour = 0;
/** A PNG no other test uploads (a colour of its own), 300 × 200: not square, so the crop shows. */
const png = () => sharp({ create: { width: 300, height: 200, channels: 3, background: { r: 40, g: ++colour, b: 90 } } }).png().toBuffer();

async function upload(who: Member, bytes: Buffer | string, name: string): Promise<Attachment> {
  const body = new FormData();
  body.append('file', new Blob([bytes]), name);
  const res = await fetch(`${server.url}/api/files`, { method: 'POST', body, headers: { authorization: `Bearer ${who.token}` } });
  expect(res.status, await res.clone().text()).toBe(201);
  return (await res.json()) as Attachment;
}

const download = (path: string, headers: Record<string, string>) => fetch(`${server.url}${path}`, { headers });
const bearer = (who: Member) => ({ authorization: `Bearer ${who.token}` });

async function fileCookie(who: Member): Promise<Record<string, string>> {
  const res = await fetch(`${server.url}/api/session`, { method: 'POST', headers: bearer(who) });
  return { cookie: (res.headers.get('set-cookie') ?? '').split(';')[0] as string };
}

const profileOf = async (viewer: Client, userId: string): Promise<Profile | undefined> => (await viewer.user.profiles.query({ userIds: [userId] }))[0];

function watchUser(client: Client) {
  const events: UserEvent[] = [];
  let started!: () => void;
  const ready = new Promise<void>((resolve) => (started = resolve));
  const sub = client.user.onEvent.subscribe(undefined, { onStarted: () => started(), onData: (e) => events.push(e) });
  return { events, ready, stop: () => sub.unsubscribe() };
}

test('a picture I upload is shown to everyone signed in as 64 and 256 px squares, by bearer token and by file cookie', async () => {
  const file = await upload(ana, await png(), 'me.png');
  const mine = await ana.client.user.setAvatar.mutate({ fileId: file.id });
  expect(mine.avatar).toEqual({ small: `/api/files/${file.id}/avatar-64`, large: `/api/files/${file.id}/avatar-256` });

  const seen = await profileOf(ben.client, ana.user.id);
  expect(seen).toMatchObject({ user: ana.user, status: '', avatar: mine.avatar, deactivated: false });
  for (const [path, size] of [[seen?.avatar?.small, 64], [seen?.avatar?.large, 256]] as const) {
    for (const headers of [bearer(ben), await fileCookie(ben)]) {
      const res = await download(path as string, headers);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('image/webp');
      expect(res.headers.get('cache-control')).toMatch(/immutable/);
      const meta = await sharp(Buffer.from(await res.arrayBuffer())).metadata();
      expect([meta.format, meta.width, meta.height]).toEqual(['webp', size, size]);
    }
  }
  expect((await download(mine.avatar?.small as string, {})).status).toBe(401);
  // The picture is anyone's to see; the upload itself stays the uploader's.
  expect((await download(file.url, bearer(ben))).status).toBe(403);
});

test('a picture is still and upright: the first frame of an animation, turned as its EXIF says', async () => {
  // Two frames, 120 wide and 40 high each: red, then blue.
  const frames = Buffer.concat([Buffer.alloc(120 * 40 * 4, Buffer.from([255, 0, 0, 255])), Buffer.alloc(120 * 40 * 4, Buffer.from([0, 0, 255, 255]))]);
  const gif = await sharp(frames, { raw: { width: 120, height: 80, channels: 4, pageHeight: 40 } }).gif().toBuffer();
  const animated = await ana.client.user.setAvatar.mutate({ fileId: (await upload(ana, gif, 'party.gif')).id });
  const square = Buffer.from(await (await download(animated.avatar?.large as string, bearer(ben))).arrayBuffer());
  expect((await sharp(square, { animated: true }).metadata()).pages ?? 1).toBe(1);
  const { dominant } = await sharp(square).stats();
  expect(dominant.r).toBeGreaterThan(200);
  expect(dominant.b).toBeLessThan(50);

  // Stored sideways (a left half red, a right half blue) with orientation 6: upright, red is on top.
  const halves = Buffer.concat(Array.from({ length: 100 }, () => Buffer.concat([Buffer.alloc(50 * 3, Buffer.from([255, 0, 0])), Buffer.alloc(50 * 3, Buffer.from([0, 0, 255]))])));
  const jpeg = await sharp(halves, { raw: { width: 100, height: 100, channels: 3 } }).jpeg().withMetadata({ orientation: 6 }).toBuffer();
  const turned = await ana.client.user.setAvatar.mutate({ fileId: (await upload(ana, jpeg, 'phone.jpg')).id });
  const upright = await sharp(Buffer.from(await (await download(turned.avatar?.small as string, bearer(ben))).arrayBuffer())).raw().toBuffer({ resolveWithObject: true });
  const pixel = (x: number, y: number) => [...upright.data.subarray((y * 64 + x) * upright.info.channels, (y * 64 + x) * upright.info.channels + 3)];
  expect(pixel(32, 4)[0]).toBeGreaterThan(200);
  expect(pixel(32, 60)[2]).toBeGreaterThan(200);
});

test('only an image I uploaded that is in no message; nothing refused changes my picture', async () => {
  const before = await ana.client.user.setAvatar.mutate({ fileId: (await upload(ana, await png(), 'keep.png')).id });
  const text = await upload(ana, 'just words', 'notes.txt');
  await expectBadField(ana.client.user.setAvatar.mutate({ fileId: text.id }), 'fileId');
  const bens = await upload(ben, await png(), 'ben.png');
  await expectCode(ana.client.user.setAvatar.mutate({ fileId: bens.id }), 'NOT_FOUND');
  await expectCode(ana.client.user.setAvatar.mutate({ fileId: '999999999' }), 'NOT_FOUND');
  // A deleted message's files go with it (README): a picture is an upload of its own.
  const general = await roomByName(ana.client, 'General');
  const sent = await upload(ana, await png(), 'sent.png');
  await ana.client.message.send.mutate({ roomId: general.id, body: 'look', clientMsgId: uniqueName('p'), attachmentIds: [sent.id] });
  await expectBadField(ana.client.user.setAvatar.mutate({ fileId: sent.id }), 'fileId');
  await expectBadField(ana.client.user.setAvatar.mutate({ fileId: 'abc' }), 'fileId');
  expect((await profileOf(ben.client, ana.user.id))?.avatar).toEqual(before.avatar);
  // Nobody's picture: no squares of it, whoever asks.
  expect((await download(`/api/files/${bens.id}/avatar-64`, bearer(ben))).status).toBe(404);
});

test('removing my picture: initials again, and the old picture is no longer served', async () => {
  const { avatar } = await ben.client.user.setAvatar.mutate({ fileId: (await upload(ben, await png(), 'old.png')).id });
  expect((await download(avatar?.small as string, bearer(ana))).status).toBe(200);
  expect((await ben.client.user.setAvatar.mutate({ fileId: null })).avatar).toBeNull();
  expect((await profileOf(ana.client, ben.user.id))?.avatar).toBeNull();
  expect((await download(avatar?.small as string, bearer(ana))).status).toBe(404);
  expect((await download(avatar?.large as string, bearer(ben))).status).toBe(404);
});

test('squares missing from the disk (a picture set on another server process) are made again when asked for', async () => {
  const { avatar } = await ben.client.user.setAvatar.mutate({ fileId: (await upload(ben, await png(), 'elsewhere.png')).id });
  const squares = () => readdirSync(join(server.dataDir, 'files', 'thumbs')).filter((name) => name.includes('.avatar-'));
  for (const name of squares()) rmSync(join(server.dataDir, 'files', 'thumbs', name));
  const res = await download(avatar?.small as string, bearer(ana));
  expect(res.status).toBe(200);
  expect((await sharp(Buffer.from(await res.arrayBuffer())).metadata()).width).toBe(64);
  // Both sizes, of this picture only.
  expect(squares()).toHaveLength(2);
});

test('a status line is cleaned and bounded; empty clears it', async () => {
  expect((await ana.client.user.setStatus.mutate({ status: '  on   holiday\u200b until Monday ' })).status).toBe('on holiday until Monday');
  expect((await profileOf(ben.client, ana.user.id))?.status).toBe('on holiday until Monday');
  await expectBadField(ana.client.user.setStatus.mutate({ status: 'x'.repeat(MAX_STATUS + 1) }), 'status');
  await expectBadField(ana.client.user.setStatus.mutate({ status: 'a\u0000b' }), 'status');
  expect((await ana.client.user.setStatus.mutate({ status: 'x'.repeat(MAX_STATUS) })).status).toHaveLength(MAX_STATUS);
  expect((await ana.client.user.setStatus.mutate({ status: '' })).status).toBe('');
});

test('profiles come in the order asked; unknown ids are left out; too many is refused', async () => {
  const found = await ben.client.user.profiles.query({ userIds: [ben.user.id, '999999999', ana.user.id] });
  expect(found.map((p) => p.user.id)).toEqual([ben.user.id, ana.user.id]);
  expect(Date.parse(found[0]?.joinedAt as string)).toBeGreaterThan(0);
  await expectBadField(ben.client.user.profiles.query({ userIds: Array.from({ length: 101 }, (_, i) => String(i + 1)) }), 'userIds');
  await expectBadField(ben.client.user.profiles.query({ userIds: [] }), 'userIds');
});

test('every change to a profile reaches other users’ open clients at once, as one event each', async () => {
  const watch = watchUser(ben.client);
  await watch.ready;
  await ana.client.user.setStatus.mutate({ status: 'busy' });
  await ana.client.user.updateProfile.mutate({ displayName: 'Ana Again' });
  await ana.client.user.setAvatar.mutate({ fileId: (await upload(ana, await png(), 'new.png')).id });
  const told = { type: 'profile-changed', userId: ana.user.id };
  await eventually(() => expect(watch.events.filter((e) => e.type === 'profile-changed')).toEqual([told, told, told]));
  watch.stop();
});

test('a current picture survives the sweep of unattached uploads; a replaced one goes after the usual day', async () => {
  const first = await upload(ben, await png(), 'first.png');
  const { avatar } = await ben.client.user.setAvatar.mutate({ fileId: first.id });
  const later = Date.now() + UNATTACHED_MAX_AGE_MS + 60_000;
  await collectUnattachedFiles(server.app, later);
  expect((await download(avatar?.small as string, bearer(ana))).status).toBe(200);
  expect((await download(first.url, bearer(ben))).status).toBe(200);

  const second = await upload(ben, await png(), 'second.png');
  await ben.client.user.setAvatar.mutate({ fileId: second.id });
  await collectUnattachedFiles(server.app, later);
  expect((await download(first.url, bearer(ben))).status).toBe(404);
  expect((await download(`/api/files/${second.id}/avatar-256`, bearer(ana))).status).toBe(200);
});

test('a picture sent in a message afterwards outlives the message’s deletion: it is still my picture', async () => {
  const file = await upload(ana, await png(), 'shared.png');
  const { avatar } = await ana.client.user.setAvatar.mutate({ fileId: file.id });
  const general = await roomByName(ana.client, 'General');
  const sent = await ana.client.message.send.mutate({ roomId: general.id, body: 'me', clientMsgId: uniqueName('p'), attachmentIds: [file.id] });
  await ana.client.message.delete.mutate({ messageId: sent.id });
  expect((await download(avatar?.large as string, bearer(ben))).status).toBe(200);
  // The message's file is gone for its readers all the same.
  expect((await download(file.url, bearer(ben))).status).toBe(403);
});
