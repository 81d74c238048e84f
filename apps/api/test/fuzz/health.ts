import type { TestServer } from '../harness.ts';
import type { Callers } from './callers.ts';
import { CALL_DEADLINE_MS, within } from './deadline.ts';

async function expectHealthz(server: TestServer): Promise<void> {
  const res = await within(CALL_DEADLINE_MS, 'GET /healthz', fetch(`${server.url}/healthz`));
  if (res.status !== 200) throw new Error(`GET /healthz answered ${res.status}: ${await res.text()}`);
}

async function expectSignedOutOverHttp(server: TestServer): Promise<void> {
  const res = await within(CALL_DEADLINE_MS, 'auth.me over HTTP', fetch(`${server.url}/trpc/auth.me`));
  const body = await res.text();
  if (res.status !== 200 || body !== '{"result":{"data":null}}') throw new Error(`auth.me over HTTP answered ${res.status} ${body}`);
}

/** The member, or nobody if the run logged them out. */
async function expectMemberOverWs(callers: Callers, memberId: string): Promise<void> {
  const me = (await within(CALL_DEADLINE_MS, 'auth.me as the member over WebSocket', callers.ws('member').query('auth.me'))) as { id?: string } | null;
  if (me !== null && me.id !== memberId) throw new Error(`auth.me as the member over WebSocket answered ${JSON.stringify(me)}`);
}

async function expectSignedOutOverWs(callers: Callers): Promise<void> {
  const nobody = await within(CALL_DEADLINE_MS, 'auth.me signed out over WebSocket', callers.ws('anonymous').query('auth.me'));
  if (nobody !== null) throw new Error(`auth.me signed out over WebSocket answered ${JSON.stringify(nobody)}`);
}

/**
 * Throws unless the server still serves after a run: `/healthz` is 200, and `auth.me` answers
 * as it should over HTTP and over the run's two WebSockets.
 */
export async function expectServing(server: TestServer, callers: Callers, memberId: string): Promise<void> {
  const checks = await Promise.allSettled([
    expectHealthz(server),
    expectSignedOutOverHttp(server),
    expectMemberOverWs(callers, memberId),
    expectSignedOutOverWs(callers),
  ]);
  const failures = checks.flatMap((check) => (check.status === 'rejected' ? [String(check.reason)] : []));
  if (failures.length > 0) throw new Error(`after the run the server no longer serves: ${failures.join('; ')}`);
}
