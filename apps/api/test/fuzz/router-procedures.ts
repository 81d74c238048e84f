import type { AnyTRPCProcedure } from '@trpc/server';
import { z } from 'zod';
import { appRouter } from '../../src/router.ts';
import type { JsonSchema } from './schema-arbitrary.ts';

export type ProcedureType = 'query' | 'mutation' | 'subscription';

export interface ProcedureInfo {
  path: string;
  type: ProcedureType;
  /** One per `.input(…)`, as JSON Schema; none when the procedure takes no input. */
  inputs: JsonSchema[];
}

function toJsonSchema(path: string, parser: unknown): JsonSchema {
  if (!(parser instanceof z.ZodType)) throw new Error(`${path}: its input is not a zod schema, so the fuzzer cannot read it`);
  // The input side: what a client sends, before transforms and defaults.
  return z.toJSONSchema(parser, { io: 'input' }) as JsonSchema;
}

/**
 * Every procedure of the router, read from the router itself: one added later is fuzzed
 * without anyone touching this suite.
 */
export const PROCEDURES: readonly ProcedureInfo[] = Object.entries(
  // Typed as the nested router record, but at run time flat: dotted path → procedure.
  appRouter._def.procedures as unknown as Record<string, AnyTRPCProcedure>,
).map(([path, procedure]) => {
  // If tRPC ever nested this record, fail here rather than fuzz a router as if it were a procedure.
  if (procedure._def.procedure !== true) throw new Error(`${path}: appRouter._def.procedures holds something that is not a procedure`);
  return { path, type: procedure._def.type, inputs: procedure._def.inputs.map((parser) => toJsonSchema(path, parser)) };
});
