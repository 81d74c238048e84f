import fc from 'fast-check';
import type { FuzzSettings } from './settings.ts';

/** A 32-bit FNV-1a hash: each property gets its own seed from one FUZZ_SEED. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h;
}

/**
 * Runs a property like `fc.assert`, and on failure throws fast-check's report (seed, path,
 * shrunk counterexample, its error) followed by the command that replays exactly that
 * counterexample, so the report cannot be lost between fast-check and the test runner.
 *
 * Each property's seed is derived from FUZZ_SEED and the test's name, so that properties that
 * share arbitraries (the same calls over WebSocket and HTTP) still try different inputs.
 */
export async function checkProperty<T>(property: fc.IAsyncPropertyWithHooks<T>, settings: FuzzSettings, testName: string): Promise<void> {
  const details = await fc.check(property, { numRuns: settings.runs, seed: (settings.seed ^ hash(testName)) | 0, path: settings.path });
  if (!details.failed) return;
  const replay =
    `Replay: FUZZ_SEED=${settings.seed}` +
    (details.counterexamplePath ? ` FUZZ_PATH=${details.counterexamplePath}` : '') +
    ` npx vitest run --project api test/fuzz -t '${testName}'` +
    ' (FUZZ_SEED, not the seed above, which is derived from it; add FUZZ_LOG_LEVEL=error for the server’s stack)';
  throw new Error(`${fc.defaultReportMessage(details) ?? 'the property failed'}\n\n${replay}`, { cause: details.errorInstance });
}
