import fc from 'fast-check';
import { oddChar } from './hostile-values.ts';

/** The part of JSON Schema (draft 2020-12) that `z.toJSONSchema` writes for our inputs. */
export interface JsonSchema {
  type?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: unknown;
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
}

/** Keywords that do not narrow which values are valid (`format` always comes with a `pattern` from zod). */
const IGNORED = new Set(['$schema', 'title', 'description', 'default', 'examples', 'format']);
const UNDERSTOOD: Record<string, ReadonlySet<string>> = {
  object: new Set(['type', 'properties', 'required', 'additionalProperties']),
  string: new Set(['type', 'pattern', 'minLength', 'maxLength']),
  integer: new Set(['type', 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum']),
  number: new Set(['type', 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum']),
  boolean: new Set(['type']),
  null: new Set(['type']),
  array: new Set(['type', 'items', 'minItems', 'maxItems']),
  anyOf: new Set(['anyOf']),
  oneOf: new Set(['oneOf']),
  enum: new Set(['type', 'enum']),
  const: new Set(['type', 'const']),
  any: new Set(),
};

/**
 * Strings that string fields also draw from, those that fit the field's schema: `real` ones
 * name rows that exist (by the field's name: a `roomId` gets room ids), so that valid inputs
 * reach real data and not only NOT_FOUND; `edge` ones sit where parsers and columns break
 * (16-digit ids, NUL, lone surrogates).
 */
export interface Examples {
  real(field: string | undefined): readonly string[];
  edge: readonly string[];
}

/**
 * Values a schema accepts, as a fast-check arbitrary.
 *
 * A keyword this does not understand throws, naming where: silently generating too little
 * would make a new procedure look fuzzed when it is not.
 */
export function arbitraryFor(schema: JsonSchema, examples: Examples, where: string, field?: string): fc.Arbitrary<unknown> {
  const kind = kindOf(schema);
  const allowed = UNDERSTOOD[kind];
  const unknownKey = Object.keys(schema).find((key) => !IGNORED.has(key) && !allowed?.has(key));
  if (!allowed || unknownKey !== undefined || (kind === 'object' && isSchemaObject(schema.additionalProperties))) {
    throw new Error(`${where}: the fuzzer cannot generate values for ${JSON.stringify(schema)}; teach schema-arbitrary.ts this keyword`);
  }
  switch (kind) {
    case 'anyOf':
    case 'oneOf':
      return fc.oneof(...(schema[kind] ?? []).map((option, i) => arbitraryFor(option, examples, `${where}|${i}`, field)));
    case 'enum':
      return fc.constantFrom(...(schema.enum ?? []));
    case 'const':
      return fc.constant(schema.const);
    case 'object':
      return objectArbitrary(schema, examples, where);
    case 'array':
      return arrayArbitrary(schema, arbitraryFor(schema.items ?? {}, examples, `${where}[]`, field));
    case 'string':
      return stringArbitrary(schema, examples, field);
    case 'integer':
      return fc.integer({
        min: schema.exclusiveMinimum !== undefined ? schema.exclusiveMinimum + 1 : schema.minimum,
        max: schema.exclusiveMaximum !== undefined ? schema.exclusiveMaximum - 1 : schema.maximum,
      });
    case 'number':
      return fc.double({
        min: schema.exclusiveMinimum ?? schema.minimum,
        minExcluded: schema.exclusiveMinimum !== undefined,
        max: schema.exclusiveMaximum ?? schema.maximum,
        maxExcluded: schema.exclusiveMaximum !== undefined,
        noNaN: true,
        noDefaultInfinity: true,
      });
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    default:
      // `{}` accepts anything.
      return fc.jsonValue();
  }
}

function kindOf(schema: JsonSchema): string {
  if (schema.anyOf) return 'anyOf';
  if (schema.oneOf) return 'oneOf';
  if (schema.enum) return 'enum';
  if ('const' in schema) return 'const';
  return schema.type ?? 'any';
}

const isSchemaObject = (value: unknown): boolean => typeof value === 'object' && value !== null;

/** Mostly short arrays, whose items are likelier all real; sometimes as long as allowed. */
function arrayArbitrary(schema: JsonSchema, item: fc.Arbitrary<unknown>): fc.Arbitrary<unknown[]> {
  const bounds = { minLength: schema.minItems, maxLength: schema.maxItems };
  return fc.oneof({ weight: 3, arbitrary: fc.array(item, { ...bounds, size: 'xsmall' }) }, fc.array(item, { ...bounds, size: 'max' }));
}

const ABSENT = Symbol('absent');

function objectArbitrary(schema: JsonSchema, examples: Examples, where: string): fc.Arbitrary<unknown> {
  const required = new Set(schema.required ?? []);
  const fields = Object.entries(schema.properties ?? {}).map(([key, field]) => {
    const value = arbitraryFor(field, examples, `${where}.${key}`, key);
    // Half the time without each optional key, as clients mostly send them.
    return [key, required.has(key) ? value : fc.option(value, { nil: ABSENT, freq: 2 })] as const;
  });
  return fc.record(Object.fromEntries(fields)).map((record) => Object.fromEntries(Object.entries(record).filter(([, value]) => value !== ABSENT)));
}

/** What people type. */
const typed = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 });
/** Text laced with characters storage and search choke on: a schema that does not refuse them allows them. */
const laced = fc.oneof(typed, oddChar);

function stringArbitrary(schema: JsonSchema, examples: Examples, field: string | undefined): fc.Arbitrary<string> {
  const { minLength = 0, maxLength } = schema;
  const pattern = schema.pattern === undefined ? null : new RegExp(schema.pattern);
  const fits = (s: string) => s.length >= minLength && (maxLength === undefined || s.length <= maxLength) && (pattern?.test(s) ?? true);
  const generated = pattern
    ? fc.stringMatching(pattern).filter(fits)
    : fc.oneof(
        { weight: 3, arbitrary: fc.string({ unit: typed, minLength, maxLength }) },
        { weight: 1, arbitrary: fc.string({ unit: laced, minLength, maxLength }) },
        // Right up to the limit, where off-by-one and byte-versus-character mistakes live.
        { weight: 1, arbitrary: fc.string({ unit: 'grapheme-composite', minLength, maxLength, size: maxLength === undefined ? 'large' : 'max' }) },
      );
  const real = examples.real(field).filter(fits);
  const edge = examples.edge.filter(fits);
  return fc.oneof(
    { weight: 2, arbitrary: generated },
    ...(real.length > 0 ? [{ weight: 3, arbitrary: fc.constantFrom(...real) }] : []),
    ...(edge.length > 0 ? [{ weight: 1, arbitrary: fc.constantFrom(...edge) }] : []),
  );
}
