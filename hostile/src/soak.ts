import { rmSync } from 'node:fs';
import { cpus } from 'node:os';
import { atLeast, describeLine } from './logs.ts';
import { startServer } from './server-process.ts';
import { SUITE_LIMITS } from './settings.ts';
import { attackCatalog } from './soak/attack-catalog.ts';
import { startAttackLoop } from './soak/attack-loop.ts';
import { startCrowd } from './soak/crowd.ts';
import { figures, type Progress } from './soak/figures.ts';
import { commandLine, parseOptions, USAGE, type SoakOptions } from './soak/options.ts';
import { consoleSummary, writeReport, type SoakResult } from './soak/report.ts';
import { loopP99Ms, startSampler } from './soak/sampler.ts';
import { sleep } from './time.ts';

/** Undone in reverse on the way out, normal or not: the crowd's sockets, the sampler, the server. */
const cleanups: (() => Promise<unknown>)[] = [];
let interrupted = false;

async function cleanUp(): Promise<void> {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => undefined);
}

// The first Ctrl-C stops the run and cleans up; a second quits at once (the server is still killed on exit).
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (interrupted) process.exit(130);
    interrupted = true;
    console.error(`\n${signal}: stopping, no report written (again to quit at once)`);
    void cleanUp().then(() => process.exit(130));
  });
}

const say = (line: string) => console.log(`[soak ${new Date().toISOString().slice(11, 19)}] ${line}`);

async function soak(options: SoakOptions): Promise<SoakResult> {
  const startedAt = new Date();
  const server = await startServer();
  cleanups.push(() => server.stop());
  // After a second Ctrl-C only exit handlers run: the server's kills it, this one removes its data.
  process.once('exit', () => rmSync(server.dataDir, { recursive: true, force: true }));
  if ((await loopP99Ms(server)) === null) throw new Error('GET /metrics has no nodejs_eventloop_lag_p99_seconds');
  let attackUnderWay = (): string | null => null;
  const sampler = startSampler(server, () => attackUnderWay());
  cleanups.push(() => sampler.stop());
  say(`server pid ${server.pid} on ${server.httpUrl}; signing up ${options.clients} clients in ${options.rooms} rooms`);

  const crowd = await startCrowd(server, options);
  cleanups.push(() => crowd.close());
  const attacks = startAttackLoop(server, attackCatalog(server.limits));
  attackUnderWay = attacks.current;
  const chatFromMs = sampler.now();
  const endAt = chatFromMs + options.minutes * 60_000;
  say(`set up in ${(chatFromMs / 1000).toFixed(1)} s; chatting under attack for ${options.minutes} min`);

  const progress: Progress[] = [];
  for (let minute = 1; chatFromMs + minute * 60_000 < endAt; minute++) {
    await sleep(chatFromMs + minute * 60_000 - sampler.now());
    progress.push({ atMs: sampler.now(), sent: crowd.sentSoFar(), rounds: attacks.roundsSoFar() });
    const last = sampler.samples.at(-1);
    say(
      `${minute}/${options.minutes} min: ${crowd.sentSoFar()} sent, ${attacks.roundsSoFar()} attack rounds (${attacks.unexpectedSoFar()} unexpected outcomes), ` +
        `RSS ${((last?.rssBytes ?? 0) / 1e6).toFixed(0)} MB, loop p99 ${last?.loopP99Ms?.toFixed(1) ?? '–'} ms, load ${last?.load1.toFixed(1) ?? '–'}`,
    );
  }
  await sleep(endAt - sampler.now());
  const chatToMs = sampler.now();
  say('stopping: the attack under way finishes, the crowd drains');
  const [attackReport, crowdReport] = await Promise.all([attacks.stop(), crowd.stop()]);
  progress.push({ atMs: chatToMs, sent: crowdReport.sent, rounds: attackReport.rounds });
  const probeReport = await sampler.stop();
  const lines = server.logs.since(0);
  await cleanUp();

  const errorLines = atLeast(lines, 50).map(describeLine);
  const warnLines = lines.filter((line) => line.level === 40).length;
  const { failures, ...measured } = figures({
    chatFromMs,
    chatToMs,
    crowd: crowdReport,
    attacks: attackReport,
    samples: sampler.samples,
    probes: sampler.probes,
    probeReport,
    progress,
    errorLines,
    warnLines,
  });
  return {
    startedAt: startedAt.toISOString(),
    command: commandLine(options),
    pass: failures.length === 0,
    failures,
    machine: { cpus: cpus().length, model: cpus()[0]?.model ?? 'unknown', node: process.version },
    settings: { minutes: options.minutes, clients: options.clients, rooms: options.rooms, sendEveryMs: crowdReport.sendEveryMs, rateLimit: 'on', limitsChanged: SUITE_LIMITS },
    durationS: { setUp: Math.round(chatFromMs / 1000), chat: Math.round((chatToMs - chatFromMs) / 1000), total: Math.round((Date.now() - startedAt.getTime()) / 1000) },
    chat: crowdReport,
    attacks: attackReport,
    server: measured,
    errorLines,
    warnLines,
  };
}

const argv = process.argv.slice(2);
if (argv.includes('--help') || argv.includes('-h')) {
  console.log(USAGE);
  process.exit(0);
}
let options: SoakOptions;
try {
  options = parseOptions(argv, process.env);
} catch (err) {
  console.error(`soak: ${(err as Error).message}\n${USAGE}`);
  process.exit(2);
}
try {
  const result = await soak(options);
  const files = writeReport(result, options.outDir);
  console.log(`\n${consoleSummary(result)}\n\nwritten: ${files.join(', ')}`);
  process.exitCode = result.pass ? 0 : 1;
} catch (err) {
  if (!interrupted) {
    console.error(`soak: ${(err as Error).stack ?? String(err)}`);
    await cleanUp();
    process.exitCode = 1;
  }
}
