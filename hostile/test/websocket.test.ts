import { expect, test } from 'vitest';
import { callsInOneFrame, oversizedFrame } from '../src/attacks/call-flood.ts';
import { brokenFrames } from '../src/attacks/protocol-errors.ts';
import { unsignedSockets, userSockets } from '../src/attacks/socket-flood.ts';
import { distinctRoomSubscriptions, sameRoomSubscriptions } from '../src/attacks/subscription-flood.ts';
import { underAttack } from './under-attack.ts';

underAttack('WebSocket', {}, (target) => {
  test('a frame of 5,000 calls closes the socket with 1008 before any is answered', async () => {
    expect(await callsInOneFrame(target(), 5000)).toEqual({ closeCode: 1008, answers: {} });
  });

  test('of 200 calls in one frame at most 50 run, the others are TOO_MANY_REQUESTS', async () => {
    const { closeCode, answers } = await callsInOneFrame(target(), 200);
    expect(closeCode).toBeNull();
    expect(Object.keys(answers).sort()).toEqual(['TOO_MANY_REQUESTS', 'data']);
    expect(answers.data).toBeLessThanOrEqual(target().limits.wsMaxCallsInFlight);
    expect((answers.data ?? 0) + (answers.TOO_MANY_REQUESTS ?? 0)).toBe(200);
  });

  test('a frame over 1 MiB closes the socket with 1009', async () => {
    expect((await oversizedFrame(target())).closeCode).toBe(1009);
  });

  test('3,000 subscriptions to one room on one socket: one starts, the rest are BAD_REQUEST', async () => {
    expect(await sameRoomSubscriptions(target(), 3000)).toEqual({ closeCode: null, answers: { started: 1, BAD_REQUEST: 2999 } });
  });

  test('subscriptions to distinct rooms beyond 500 on one socket are TOO_MANY_REQUESTS', async () => {
    const { limits } = target();
    expect(await distinctRoomSubscriptions(target(), 10)).toEqual({ closeCode: null, answers: { started: limits.wsMaxSubscriptions, TOO_MANY_REQUESTS: 10 } });
  });

  test('80 sockets that never sign in, from one address: 30 refused with 429, the 50 others closed with 1008 in time', async () => {
    const { limits } = target();
    const over = 80 - limits.wsMaxUnsignedPerAddress;
    expect(await unsignedSockets(target(), 80)).toEqual({
      opened: limits.wsMaxUnsignedPerAddress,
      refused: { 429: over },
      ended: { 1008: limits.wsMaxUnsignedPerAddress },
    });
  });

  test('40 signed-in sockets of one user: the 8 over 32 are closed with 1008', async () => {
    const { limits } = target();
    const over = 40 - limits.wsMaxSocketsPerUser;
    expect(await userSockets(target(), 40)).toEqual({ opened: 40, refused: {}, ended: { 1008: over, open: limits.wsMaxSocketsPerUser } });
  });

  test('a frame with a reserved bit set is closed with 1002, with no warning or stack trace logged', async () => {
    const seen = await brokenFrames(target(), 'reserved-bit');
    expect(seen).toMatchObject({ closeCodes: { 1002: 1 }, serious: [], withStack: [] });
  });

  test('a text frame that is not UTF-8 is closed with 1007, with no warning or stack trace logged', async () => {
    const seen = await brokenFrames(target(), 'invalid-utf8');
    expect(seen).toMatchObject({ closeCodes: { 1007: 1 }, serious: [], withStack: [] });
  });

  test('100 connections breaking the protocol log a handful of lines at most', async () => {
    const seen = await brokenFrames(target(), 'reserved-bit', 100);
    expect(seen).toMatchObject({ closeCodes: { 1002: 100 }, serious: [], withStack: [] });
    expect(seen.logLines).toBeLessThanOrEqual(5);
  });
});
