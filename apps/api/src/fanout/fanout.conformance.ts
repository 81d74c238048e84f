import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { readsChannel, roomChannel, type BusMessage, type FanOut, type PublishedMessage } from './fanout.ts';

const revoked = (sessionId: string): PublishedMessage => ({ kind: 'session-revoked', sessionId });

/** The behaviour every FanOut implementation must share; `open` returns two handles on one bus. */
export function describeFanOut(name: string, open: () => Promise<[FanOut, FanOut]>): void {
  describe(`FanOut conformance: ${name}`, () => {
    let a: FanOut;
    let b: FanOut;
    beforeEach(async () => {
      [a, b] = await open();
    });
    afterEach(async () => {
      await a.close();
      if (b !== a) await b.close();
    });

    const until = async (check: () => boolean) => {
      for (let i = 0; i < 250 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
      expect(check()).toBe(true);
    };

    test('delivers in publish order to every subscriber of the channel, and nowhere else', async () => {
      const got1: string[] = [];
      const got2: string[] = [];
      const other: string[] = [];
      await a.subscribe('room:1', (m) => m.kind === 'session-revoked' && got1.push(m.sessionId));
      await b.subscribe('room:1', (m) => m.kind === 'session-revoked' && got2.push(m.sessionId));
      await b.subscribe('room:2', (m) => m.kind === 'session-revoked' && other.push(m.sessionId));
      for (let i = 0; i < 50; i++) await a.publish('room:1', revoked(String(i)));
      const expected = Array.from({ length: 50 }, (_, i) => String(i));
      await until(() => got1.length === 50 && got2.length === 50);
      expect(got1).toEqual(expected);
      expect(got2).toEqual(expected);
      expect(other).toEqual([]);
    });

    test("a room's read markers travel on a channel of their own, intact", async () => {
      const reads: BusMessage[] = [];
      const room: BusMessage[] = [];
      await b.subscribe(readsChannel('4'), (m) => reads.push(m));
      await b.subscribe(roomChannel('4'), (m) => room.push(m));
      const read: PublishedMessage = { kind: 'read', roomId: '4', userId: '7', lastReadSeq: 12 };
      await a.publish(readsChannel('4'), read);
      await a.publish(roomChannel('4'), revoked('after'));
      await until(() => room.length === 1);
      expect(reads).toEqual([read]);
    });

    test('after unsubscribing nothing more arrives; other subscribers keep theirs', async () => {
      const stopped: BusMessage[] = [];
      const kept: BusMessage[] = [];
      const stop = await b.subscribe('room:3', (m) => stopped.push(m));
      await b.subscribe('room:3', (m) => kept.push(m));
      await a.publish('room:3', revoked('x'));
      await until(() => kept.length === 1);
      stop();
      await a.publish('room:3', revoked('y'));
      await until(() => kept.length === 2);
      expect(stopped).toHaveLength(1);
    });
  });
}
