import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { signUp, startTestServer, type TestServer } from './harness.ts';
import { ClientPool, codeOf, expectBadField, expectCode, uniqueName } from './helpers.ts';

let server: TestServer;
const pool = new ClientPool();
type Member = Awaited<ReturnType<typeof signUp>>;
let alice: Member;
let bob: Member;
let roomA: { id: string; name: string };
let roomB: { id: string; name: string };

const BODIES_A = [
  'The redeployment finished at noon',
  'docs are at https://example.com/guide/setup?step=2#install now',
  '昨日は東京タワーに行きました',
  'we should go ahead',
  'Rust and Go are both fine',
  'shared keyword xylophone in room A',
];

beforeAll(async () => {
  server = await startTestServer();
  alice = pool.add(await signUp(server, 'alice'));
  bob = pool.add(await signUp(server, 'bob'));
  roomA = await alice.client.room.create.mutate({ name: uniqueName('Search A') });
  roomB = await alice.client.room.create.mutate({ name: uniqueName('Search B') });
  for (const body of BODIES_A) await alice.client.message.send.mutate({ roomId: roomA.id, body, clientMsgId: uniqueName('c') });
  await alice.client.message.send.mutate({ roomId: roomB.id, body: 'another xylophone, in room B', clientMsgId: uniqueName('c') });
});
afterAll(async () => {
  await pool.closeAll();
  await server.close();
});

const bodies = async (query: string, roomId?: string) =>
  (await bob.client.message.search.query({ query, roomId })).map((h) => h.message.body).sort();

describe('message.search', () => {
  test('finds part-words, case-insensitively', async () => {
    expect(await bodies('deploy')).toEqual(['The redeployment finished at noon']);
    expect(await bodies('DEPLOYMENT')).toEqual(['The redeployment finished at noon']);
  });

  test('finds URLs and pieces of them', async () => {
    const body = 'docs are at https://example.com/guide/setup?step=2#install now';
    expect(await bodies('https://example.com/guide/setup?step=2')).toEqual([body]);
    expect(await bodies('example.com/guide')).toEqual([body]);
  });

  test('finds Chinese/Japanese text inside a sentence without spaces', async () => {
    expect(await bodies('京タワ')).toEqual(['昨日は東京タワーに行きました']);
    expect(await bodies('東京タワー')).toEqual(['昨日は東京タワーに行きました']);
    expect(await bodies('大阪城')).toEqual([]);
  });

  test('finds two-character queries', async () => {
    expect(await bodies('Go')).toEqual(['Rust and Go are both fine', 'we should go ahead']);
    expect(await bodies('タワ')).toEqual(['昨日は東京タワーに行きました']);
  });

  test('finds nothing for words that are not there', async () => {
    expect(await bodies('kubernetes')).toEqual([]);
  });

  test('respects roomId and names the room of each hit', async () => {
    const all = await bob.client.message.search.query({ query: 'xylophone' });
    expect(all.map((h) => [h.roomName, h.message.roomId]).sort()).toEqual(
      [
        [roomA.name, roomA.id],
        [roomB.name, roomB.id],
      ].sort(),
    );
    const onlyB = await bob.client.message.search.query({ query: 'xylophone', roomId: roomB.id });
    expect(onlyB.map((h) => h.message.body)).toEqual(['another xylophone, in room B']);
    expect(onlyB[0]).toMatchObject({ roomName: roomB.name, message: { roomId: roomB.id, author: alice.user } });
    expect(await bodies('deploy', roomB.id)).toEqual([]);
  });

  test('respects limit', async () => {
    const hits = await bob.client.message.search.query({ query: 'xylophone', limit: 1 });
    expect(hits).toHaveLength(1);
    await expectBadField(bob.client.message.search.query({ query: 'xylophone', limit: 0 }), 'limit');
    await expectBadField(bob.client.message.search.query({ query: 'xylophone', limit: 101 }), 'limit');
  });

  test('follows edits and deletions', async () => {
    const room = await alice.client.room.create.mutate({ name: uniqueName('Search C') });
    const msg = await alice.client.message.send.mutate({ roomId: room.id, body: 'original marmalade', clientMsgId: uniqueName('c') });
    await alice.client.message.edit.mutate({ messageId: msg.id, body: 'revised quince' });
    expect(await bodies('marmalade', room.id)).toEqual([]);
    expect(await bodies('quince', room.id)).toEqual(['revised quince']);
    await alice.client.message.delete.mutate({ messageId: msg.id });
    expect(await bodies('quince', room.id)).toEqual([]);
  });

  test('a blank query is BAD_REQUEST; a missing room is NOT_FOUND', async () => {
    await expectBadField(bob.client.message.search.query({ query: '   ' }), 'query');
    await expectCode(bob.client.message.search.query({ query: 'xylophone', roomId: '987654321' }), 'NOT_FOUND');
  });

  test('search operators and quotes are taken literally', async () => {
    const room = await alice.client.room.create.mutate({ name: uniqueName('Search D') });
    const body = 'say "hello" AND (world) OR NOT* near: 100%_done';
    await alice.client.message.send.mutate({ roomId: room.id, body, clientMsgId: uniqueName('c') });
    for (const query of ['"hello"', 'AND (world)', 'NOT*', '100%_', '%_', 'OR', '"', '(', '*']) {
      expect(await bodies(query, room.id), query).toEqual(query.length >= 1 && body.includes(query) ? [body] : []);
    }
    expect(await bodies('100%x', room.id)).toEqual([]);
  });

  test('control characters in a query never break search (no INTERNAL_SERVER_ERROR)', async () => {
    for (const query of ['abc\u0000', '\u0000\u0000\u0000', 'dep\u0000loy', 'x\u0001\u001f\u007f']) {
      const outcome = await bob.client.message.search.query({ query }).then(
        (hits) => (hits.length === 0 ? 'no hits' : 'hits'),
        (err: unknown) => codeOf(err),
      );
      expect(['no hits', 'BAD_REQUEST'], JSON.stringify(query)).toContain(outcome);
    }
  });
});
