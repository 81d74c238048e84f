import { expect, test } from 'vitest';
import { EventQueue } from './event-queue.ts';

test('items come out in order, whether pushed before or while waiting', async () => {
  const queue = new EventQueue<number>();
  queue.push(1);
  queue.push(2);
  expect([await queue.next(), await queue.next()]).toEqual([1, 2]);
  const waiting = queue.next();
  queue.push(3);
  expect(await waiting).toBe(3);
  for (let i = 0; i < 5000; i++) queue.push(i);
  const out: number[] = [];
  while (queue.size > 0) out.push((await queue.next()) as number);
  expect(out).toEqual(Array.from({ length: 5000 }, (_, i) => i));
});

test('iterating yields every item until the signal aborts', async () => {
  const controller = new AbortController();
  const queue = new EventQueue<number>(controller.signal);
  queue.push(1);
  queue.push(2);
  setTimeout(() => controller.abort(), 20);
  const seen: number[] = [];
  for await (const item of queue) seen.push(item);
  expect(seen).toEqual([1, 2]);
});

test('abort ends a waiting pull with null; fail makes it throw', async () => {
  const controller = new AbortController();
  const queue = new EventQueue<number>(controller.signal);
  const waiting = queue.next();
  controller.abort();
  expect(await waiting).toBeNull();
  expect(await queue.next()).toBeNull();

  const failing = new EventQueue<number>();
  const pending = failing.next();
  failing.fail(new Error('revoked'));
  await expect(pending).rejects.toThrow('revoked');
  await expect(failing.next()).rejects.toThrow('revoked');
});
