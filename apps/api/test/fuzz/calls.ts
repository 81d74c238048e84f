import fc from 'fast-check';
import { hostileValue } from './hostile-values.ts';
import { mutated } from './mutations.ts';
import type { ProcedureInfo, ProcedureType } from './router-procedures.ts';
import { arbitraryFor, type Examples } from './schema-arbitrary.ts';

export type Caller = 'member' | 'anonymous';

/** One procedure call as a client makes it. `type` is usually the procedure's own, sometimes not. */
export interface Call {
  path: string;
  type: ProcedureType;
  caller: Caller;
  input: unknown;
}

/** The calls made between two checks that the server still serves. */
export interface Run {
  calls: Call[];
  /** All at once (in one WebSocket frame, in one HTTP batch request per caller) rather than one after another. */
  concurrent: boolean;
  /** Each call made this many times: concurrent repeats race, e.g. two sends with one clientMsgId. */
  repeats: number;
}

const TYPES: readonly ProcedureType[] = ['query', 'mutation', 'subscription'];

/** Paths that name no procedure: prefixes, suffixes, empty segments, JavaScript's own property names. */
const UNKNOWN_PATHS = ['', 'nope', 'auth', 'auth.', '.auth.me', 'auth..me', 'auth.me.x', '__proto__', 'constructor', 'toString', 'auth.__proto__', 'message.constructor', 'hasOwnProperty', 'auth.me,room.list'];

/** Inputs for one procedure: valid by its schema (often naming real rows), or valid made wrong. */
function inputArbitrary(procedure: ProcedureInfo, examples: Examples): fc.Arbitrary<unknown> {
  const parts = procedure.inputs.map((schema) => arbitraryFor(schema, examples, `${procedure.path} input`));
  // tRPC merges the objects of chained `.input()`s into one input.
  const valid = parts.length === 0 ? fc.constant(undefined) : fc.tuple(...parts).map((values) => (values.length === 1 ? values[0] : Object.assign({}, ...values)));
  return fc.oneof(valid, mutated(valid));
}

export function callArbitrary(procedures: readonly ProcedureInfo[], examples: Examples): fc.Arbitrary<Call> {
  const caller = fc.oneof({ weight: 3, arbitrary: fc.constant<Caller>('member') }, fc.constant<Caller>('anonymous'));
  const real = procedures.map((procedure) =>
    fc.record({
      path: fc.constant(procedure.path),
      type: fc.oneof({ weight: 9, arbitrary: fc.constant(procedure.type) }, fc.constantFrom(...TYPES)),
      caller,
      input: inputArbitrary(procedure, examples),
    }),
  );
  const unknown = fc.record({ path: fc.constantFrom(...UNKNOWN_PATHS), type: fc.constantFrom(...TYPES), caller, input: hostileValue });
  return fc.oneof(...real, unknown);
}

export function runArbitrary(call: fc.Arbitrary<Call>): fc.Arbitrary<Run> {
  return fc.record({
    // Many calls per run: the checks after each run cost as much as several calls.
    calls: fc.array(call, { minLength: 1, maxLength: 8 }),
    concurrent: fc.boolean(),
    repeats: fc.constantFrom(1, 1, 1, 2),
  });
}

export const callsOf = (run: Run): Call[] => run.calls.flatMap((call) => Array.from({ length: run.repeats }, () => call));
