import type { User } from '@chat/api-types';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { createPeople } from './conformance-people.ts';
import type { ChatStore, FileRecord } from './store.ts';

/** Status lines and pictures: what every ChatStore must do alike, beside store.conformance.ts. */
export function describeProfiles(name: string, open: () => Promise<ChatStore>): void {
  describe(`ChatStore conformance, profiles: ${name}`, () => {
    let store: ChatStore;
    let alice: User;
    let bob: User;
    const now = Date.now();
    const DAY = 24 * 60 * 60 * 1000;

    beforeEach(async () => {
      store = await open();
      ({ alice, bob } = await createPeople(store, ['alice', 'bob']));
    });
    afterEach(() => store.close());

    let uploads = 0;
    /** An upload made two days ago: old enough for the unattached-file sweep. */
    const upload = (by: User, image = true): Promise<FileRecord> => {
      const sha256 = String(++uploads).padStart(64, '0');
      const size = image ? { width: 300, height: 200, hasThumbnail: true } : { width: null, height: null, hasThumbnail: false };
      return store.createFile({ sha256, name: 'me.png', mime: image ? 'image/png' : 'text/plain', size: 10, ...size, uploaderId: by.id, createdAt: now - 2 * DAY });
    };
    const profileOf = async (user: User) => (await store.profiles([user.id]))[0];

    test('profiles come in the order asked, each once, unknown ids left out', async () => {
      await store.setDeactivated({ userId: bob.id, deactivated: true, alive: { now, usedAfter: 0 }, now });
      const found = await store.profiles([bob.id, '999999', alice.id, bob.id]);
      expect(found.map((p) => [p.user, p.status, p.avatar, p.deactivated])).toEqual([
        [bob, '', null, true],
        [alice, '', null, false],
      ]);
      expect(found[1]?.createdAt).toBeGreaterThan(now - DAY);
    });

    test('a status line is set and cleared; an unknown user is NOT_FOUND', async () => {
      await store.setStatus(alice.id, 'on holiday until Monday');
      expect((await profileOf(alice))?.status).toBe('on holiday until Monday');
      expect((await profileOf(bob))?.status).toBe('');
      await store.setStatus(alice.id, '');
      expect((await profileOf(alice))?.status).toBe('');
      await expect(store.setStatus('999999', 'x')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    });

    test('a picture is an upload of my own that is an image and in no message', async () => {
      const mine = await upload(alice);
      await store.setAvatar(alice.id, mine.id);
      expect((await profileOf(alice))?.avatar).toEqual({ fileId: mine.id, sha256: mine.sha256 });
      expect((await store.avatarFile(mine.id))?.id).toBe(mine.id);

      const bobs = await upload(bob);
      await expect(store.setAvatar(alice.id, bobs.id)).rejects.toMatchObject({ code: 'NOT_FOUND', message: expect.stringMatching(/^fileId: /) });
      await expect(store.setAvatar(alice.id, '999999')).rejects.toMatchObject({ code: 'NOT_FOUND', message: expect.stringMatching(/^fileId: /) });
      const text = await upload(alice, false);
      await expect(store.setAvatar(alice.id, text.id)).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringMatching(/^fileId: /) });
      const room = await store.createRoom({ name: 'Pictures', topic: '', kind: 'public', createdBy: alice.id });
      const sent = await upload(alice);
      await store.sendMessage({ roomId: room, authorId: alice.id, body: 'look', clientMsgId: 'c1', attachmentIds: [sent.id], now });
      await expect(store.setAvatar(alice.id, sent.id)).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringMatching(/^fileId: /) });
      // Nothing refused changed the picture; nobody else's picture is a picture file.
      expect((await profileOf(alice))?.avatar?.fileId).toBe(mine.id);
      expect(await store.avatarFile(bobs.id)).toBeNull();

      await store.setAvatar(alice.id, null);
      expect((await profileOf(alice))?.avatar).toBeNull();
      expect(await store.avatarFile(mine.id)).toBeNull();
      await expect(store.setAvatar('999999', null)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    });

    test('a current picture is never collected; once replaced it is an ordinary old upload', async () => {
      const first = await upload(alice);
      await store.setAvatar(alice.id, first.id);
      expect(await store.deleteUnattachedFiles(now)).toEqual([]);
      expect(await store.getFile(first.id)).not.toBeNull();

      const second = await upload(alice);
      await store.setAvatar(alice.id, second.id);
      expect(await store.deleteUnattachedFiles(now)).toEqual([first.sha256]);
      expect((await profileOf(alice))?.avatar?.fileId).toBe(second.id);
    });

    test('a picture later sent in a message outlives the message: it is still my picture', async () => {
      const picture = await upload(alice);
      await store.setAvatar(alice.id, picture.id);
      const room = await store.createRoom({ name: 'Pictures', topic: '', kind: 'public', createdBy: alice.id });
      const { message } = await store.sendMessage({ roomId: room, authorId: alice.id, body: 'me', clientMsgId: 'c1', attachmentIds: [picture.id], now });
      const { unusedBlobs } = await store.deleteMessage({ messageId: message.id, now });
      expect(unusedBlobs).toEqual([]);
      expect((await store.avatarFile(picture.id))?.id).toBe(picture.id);
      // Once it is nobody's picture, it is collected as any abandoned upload.
      await store.setAvatar(alice.id, null);
      expect(await store.deleteUnattachedFiles(now)).toEqual([picture.sha256]);
    });
  });
}
