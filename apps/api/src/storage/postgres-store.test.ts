import { createTestDatabase } from '../../test/services.ts';
import { PostgresStore } from './postgres-store.ts';
import { describeMessageExtras } from './message-extras.conformance.ts';
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
