import fc from 'fast-check';
import { afterAll, beforeAll, describe, test } from 'vitest';
import type { TestServer } from '../harness.ts';
import { Callers } from './callers.ts';
import { callArbitrary, runArbitrary, type Call } from './calls.ts';
import { checkProperty } from './check-property.ts';
import { performRun } from './execute.ts';
import { expectServing } from './health.ts';
import { ODD_NUMERALS, ODD_STRINGS } from './hostile-values.ts';
import { callBatchOverHttp, callOverHttp } from './http-calls.ts';
import { rawScriptArbitrary } from './raw-frames.ts';
import { playRawScript } from './raw-socket.ts';
import { PROCEDURES } from './router-procedures.ts';
import { readSettings } from './settings.ts';
import { STORES, type StoreUnderTest } from './stores.ts';
import { callOverWs } from './ws-calls.ts';
import { seedWorld, type World } from './world.ts';

/**
 * No input to any procedure, over WebSocket or HTTP, signed in or not, on either storage, makes
 * the server answer INTERNAL_SERVER_ERROR (or any 5xx) or stop serving. Procedures and their
 * input schemas are read from the router, so a new one is fuzzed as soon as it exists.
 *
 *   npx vitest run --project api test/fuzz             about a minute
 *   FUZZ_RUNS=2000 npx vitest run --project api test/fuzz   a longer hunt
 *
 * A failure prints fast-check's report (the shrunk counterexample, the server's answer) and the
 * command that replays exactly it: FUZZ_SEED, FUZZ_PATH and the test's name.
 */
const settings = readSettings();
console.log(`fuzz: FUZZ_SEED=${settings.seed} (set it to repeat this run), FUZZ_RUNS=${settings.runs} runs per property`);

// Generous: shrinking a failure replays it many times. A passing property takes seconds.
const PROPERTY_TIMEOUT_MS = 600_000;

interface Fixture {
  server: TestServer;
  world: World;
  callers: Callers;
  calls: fc.Arbitrary<Call>;
  stop(): Promise<void>;
}

async function setUp(store: StoreUnderTest): Promise<Fixture> {
  const { server, stop } = await store.start(settings);
  const world = await seedWorld(server);
  return {
    server,
    world,
    callers: new Callers(server, world.member, world.member.token),
    calls: callArbitrary(PROCEDURES, { real: world.real, edge: [...ODD_NUMERALS, ...ODD_STRINGS] }),
    stop,
  };
}

/** The same start for every run, whatever the last one did (or however it failed): new sockets, the member signed in and in their rooms. */
async function prepare({ world, callers }: Fixture): Promise<void> {
  await callers.renew();
  await world.restore(callers.memberToken);
}

/** Fails the run with every defect it saw, and with the server not serving afterwards. */
async function judge({ server, world, callers }: Fixture, defects: string[]): Promise<void> {
  await expectServing(server, callers, world.member.id).catch((err: unknown) => defects.push(String(err)));
  if (defects.length > 0) throw new Error(defects.join('\n'));
}

// '%s' and not '$name': vitest quotes a $-interpolated string, which `-t` would then have to match.
describe.each(STORES.map((store) => [store.name, store] as const))('%s', (_name, store) => {
  let fixture: Fixture | undefined;
  beforeAll(async () => {
    fixture = await setUp(store);
  }, 60_000);
  afterAll(async () => {
    await fixture?.callers.close();
    await fixture?.stop();
  });

  /** A test that checks one property against this store's server. */
  const property = <T>(name: string, arbitrary: (f: Fixture) => fc.Arbitrary<T>, play: (f: Fixture, value: T) => Promise<string[]>) =>
    test(
      name,
      async () => {
        const f = fixture as Fixture;
        await checkProperty(
          fc.asyncProperty(arbitrary(f), async (value) => {
            await prepare(f);
            await judge(f, await play(f, value));
          }),
          settings,
          `${store.name} ${name}`,
        );
      },
      PROPERTY_TIMEOUT_MS,
    );

  property(
    'every procedure over WebSocket answers data or a client error',
    (f) => runArbitrary(f.calls),
    // Calls made in one tick go in one frame: wsLink batches them.
    (f, run) => performRun(run, { name: 'WebSocket', one: (call) => callOverWs(f.callers.ws(call.caller), call) }),
  );

  property(
    'every procedure over HTTP answers data or a client error',
    (f) => runArbitrary(f.calls),
    (f, run) =>
      performRun(run, {
        name: 'HTTP',
        one: (call) => callOverHttp(f.server.url, f.callers.token(call.caller), call),
        atOnce: (calls) => callBatchOverHttp(f.server.url, (caller) => f.callers.token(caller), calls),
      }),
  );

  property(
    'raw WebSocket frames get data or client errors and never stop the server',
    (f) => rawScriptArbitrary(f.calls),
    (f, script) => playRawScript(f.server.wsUrl, f.callers.memberToken, script),
  );
});
