import { MAX_REACTIONS_PER_MESSAGE } from '@chat/api-types';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/services.ts';
import { PostgresStore } from './postgres-store.ts';

// A reaction is checked against the bound under the room's row lock: two processes reacting to
// one message at once neither pass the bound together nor leave a gap in the room's sequence.
let db: TestDatabase;
let stores: [PostgresStore, PostgresStore];
beforeEach(async () => {
  db = await createTestDatabase();
  stores = [await PostgresStore.open(db.url), await PostgresStore.open(db.url)];
});
afterEach(async () => {
  for (const store of stores) await store.close();
  await db.drop();
});

test('reactions made at once by two processes stay within the bound of different emoji, with no gap', async () => {
  const [one, two] = stores;
  const userId = (await one.createUser({ username: 'ana', displayName: 'Ana', passwordHash: '!' })).id;
  const roomId = await one.createRoom({ name: 'r', topic: '', kind: 'public', createdBy: userId });
  const { message } = await one.sendMessage({ roomId, authorId: userId, body: 'vote', clientMsgId: 'm', now: Date.now() });
  const emoji = Array.from({ length: 2 * MAX_REACTIONS_PER_MESSAGE }, (_, i) => String.fromCodePoint(0x1f600 + i));
  const results = await Promise.allSettled(
    emoji.map((e, i) => (i % 2 ? two : one).react({ messageId: message.id, userId, emoji: e, add: true, now: Date.now() })),
  );
  expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(MAX_REACTIONS_PER_MESSAGE);
  expect((await one.getMessage(message.id))?.reactions).toHaveLength(MAX_REACTIONS_PER_MESSAGE);
  const seqs = (await one.eventsAfter(roomId, 0, 100)).map((e) => e.seq);
  expect(seqs).toEqual(Array.from({ length: MAX_REACTIONS_PER_MESSAGE + 1 }, (_, i) => i + 1));
});
