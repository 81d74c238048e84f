import type { User } from '@chat/api-types';
import type { ChatStore } from './store.ts';

/**
 * The accounts a conformance test starts from, made in the order named (so the first is the
 * server admin): `alice` is shown as "Alice", with the password hash `hash-alice`.
 */
export async function createPeople<const N extends string>(store: ChatStore, names: readonly N[]): Promise<Record<N, User>> {
  const people = {} as Record<N, User>;
  for (const name of names) {
    people[name] = await store.createUser({ username: name, displayName: name.charAt(0).toUpperCase() + name.slice(1), passwordHash: `hash-${name}` });
  }
  return people;
}
