import { expect, test } from 'vitest';
import { createTestDatabase } from '../../test/services.ts';
import { PostgresStore } from './postgres-store.ts';
import { describeMessageExtras } from './message-extras.conformance.ts';
import { describeRoomAdministration } from './room-admin.conformance.ts';
import { describeProfiles } from './profiles.conformance.ts';
import { describeMemberMarks } from './member-marks.conformance.ts';
import { describeChatStore } from './store.conformance.ts';

// Every test gets a database of its own, dropped afterwards.
async function open() {
  const db = await createTestDatabase();
  const store = await PostgresStore.open(db.url, { max: 10 });
  const close = store.close.bind(store);
  store.close = async () => {
    await close();
    await db.drop();
  };
  return store;
}
describeChatStore('PostgreSQL', open);
describeMessageExtras('PostgreSQL', open);
describeRoomAdministration('PostgreSQL', open);
describeProfiles('PostgreSQL', open);
describeMemberMarks('PostgreSQL', open);

test('of first sign-ups made at once by two processes, one is the server admin', async () => {
  const db = await createTestDatabase();
  const stores = [await PostgresStore.open(db.url), await PostgresStore.open(db.url)];
  try {
    const users = await Promise.all(
      ['ann', 'ben', 'cat', 'dan'].map((username, i) => (stores[i % 2] as PostgresStore).createUser({ username, displayName: username, passwordHash: '!' })),
    );
    const accounts = await Promise.all(users.map((user) => stores[0]?.getAccount(user.id)));
    expect(accounts.filter((account) => account?.serverAdmin)).toHaveLength(1);
  } finally {
    for (const store of stores) await store.close();
    await db.drop();
  }
});
