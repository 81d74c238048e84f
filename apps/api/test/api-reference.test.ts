import { readFileSync } from 'node:fs';
import type { AnyProcedure } from '@trpc/server';
import { describe, expect, test } from 'vitest';
import { z } from 'zod';
import { envName, limitsShape, loadConfig, settingNames } from '../src/config.ts';
import { appRouter } from '../src/router.ts';

// docs/api.md is what people outside the code read; a reference that drifts from the router is
// worse than none, so every part of it that code can vouch for is checked against that code.

const read = (path: string) => readFileSync(new URL(`../../../${path}`, import.meta.url), 'utf8');
const reference = read('docs/api.md');

// tRPC types `procedures` as the nested record; at run time it is flat, keyed by dotted path.
const PROCEDURES = appRouter._def.procedures as unknown as Record<string, AnyProcedure>;

/** Each `### heading` and the text up to the next heading of any level. */
function sections(markdown: string): Map<string, string> {
  const found = new Map<string, string>();
  const parts = markdown.split(/^(?=#{1,6} )/m);
  for (const part of parts) {
    const heading = /^### (.+)\n/.exec(part);
    if (heading) found.set((heading[1] as string).trim(), part);
  }
  return found;
}

const documented = sections(reference);
const PROCEDURE_HEADING = /^[a-z]+\.[a-zA-Z]+$/;
const documentedProcedures = [...documented.keys()].filter((heading) => PROCEDURE_HEADING.test(heading));

/** The field names of a procedure's input, looking through the wrappers a schema may carry. */
function inputFields(procedure: AnyProcedure): string[] {
  const fields = new Set<string>();
  const visit = (schema: unknown): void => {
    if (schema instanceof z.ZodObject) for (const key of Object.keys(schema.shape as object)) fields.add(key);
    else if (schema instanceof z.ZodPipe) visit(schema.in);
    else if (schema instanceof z.ZodOptional || schema instanceof z.ZodNullable) visit(schema.unwrap());
  };
  for (const input of procedure._def.inputs) visit(input);
  return [...fields];
}

/** A table row naming the field: `| \`field\` |`. */
const rowFor = (name: string) => new RegExp(`^\\| \`${name}\` \\|`, 'm');

describe('docs/api.md documents the router', () => {
  test('every procedure has a section, and every section a procedure', () => {
    const procedures = Object.keys(PROCEDURES);
    expect({
      'procedures without a section': procedures.filter((path) => !documented.has(path)),
      'sections for procedures the router does not have': documentedProcedures.filter((path) => !(path in PROCEDURES)),
    }).toEqual({ 'procedures without a section': [], 'sections for procedures the router does not have': [] });
  });

  test("each section states the procedure's kind", () => {
    const wrong = Object.entries(PROCEDURES)
      .filter(([path]) => documented.has(path))
      .filter(([path, procedure]) => !documented.get(path)?.includes(`**Kind:** ${procedure._def.type}.`))
      .map(([path, procedure]) => `${path} (${procedure._def.type})`);
    expect(wrong).toEqual([]);
  });

  test('each input field has a row in its procedure section, and inputless procedures say so', () => {
    const missing: string[] = [];
    for (const [path, procedure] of Object.entries(PROCEDURES)) {
      const section = documented.get(path);
      if (!section) continue;
      const fields = inputFields(procedure);
      for (const field of fields) if (!rowFor(field).test(section)) missing.push(`${path}: ${field}`);
      if (fields.length === 0 && !section.includes('**Input:** none.')) missing.push(`${path}: "**Input:** none."`);
    }
    expect(missing).toEqual([]);
  });

  test('each section names its result or events, and its errors', () => {
    const incomplete = documentedProcedures.filter((path) => {
      const section = documented.get(path) as string;
      return !/\*\*(Result|Events):\*\*/.test(section) || !section.includes('**Errors:**');
    });
    expect(incomplete).toEqual([]);
  });
});

describe('docs/api.md documents the shapes', () => {
  // Parsed from the source: the shapes are types only, so nothing of them exists at run time.
  const shapesSource = read('packages/api-types/src/shapes.ts');
  const declared = [...shapesSource.matchAll(/^export (?:interface|type) (\w+)/gm)].map((m) => m[1] as string);

  test('every exported shape has a section', () => {
    expect(declared.length).toBeGreaterThan(5);
    expect(declared.filter((name) => !documented.has(name))).toEqual([]);
  });

  test("every field of a shape has a row in the shape's section", () => {
    const missing: string[] = [];
    for (const name of declared) {
      const section = documented.get(name);
      if (!section) continue;
      const declaration = shapesSource.split(/^export /m).find((chunk) => new RegExp(`^(?:interface|type) ${name}\\b`).test(chunk)) ?? '';
      const body = declaration.replace(/\/\*[^]*?\*\//g, '').replace(/\/\/.*$/gm, '');
      // Union members (`{ type: 'snapshot'; online: string[] }`) as well as interface members.
      const fields = new Set([...body.matchAll(/(?:^\s+|[{;]\s*)(\w+)\??:/gm)].map((m) => m[1] as string));
      for (const field of fields) if (!rowFor(field).test(section)) missing.push(`${name}: ${field}`);
    }
    expect(missing).toEqual([]);
  });
});

describe('docs/api.md documents the settings', () => {
  const settings = /^## Settings\n[^]*?(?=^## |(?![^]))/m.exec(reference)?.[0] ?? '';
  const rows = new Map(
    [...settings.matchAll(/^\| `([A-Z][A-Z0-9_]+)` \| ([^|]+) \|/gm)].map((m) => [m[1] as string, (m[2] as string).trim()]),
  );

  test('every setting has a row, and every row is a setting', () => {
    const names = settingNames();
    expect({
      'settings without a row': names.filter((name) => !rows.has(name)),
      'rows for settings the server does not read': [...rows.keys()].filter((name) => !names.includes(name)),
    }).toEqual({ 'settings without a row': [], 'rows for settings the server does not read': [] });
  });

  test('each documented default is what the server uses when the variable is unset', () => {
    // REDIS_URL set, so that REDIS_PREFIX's default is used and can be compared.
    const base = { INIT_CWD: '/srv/chat', REDIS_URL: 'redis://localhost:6379' };
    const defaults = loadConfig(base);
    const limitKeys = new Map((Object.keys(limitsShape) as (keyof typeof limitsShape)[]).map((key) => [envName(key), key]));
    const wrong: string[] = [];
    for (const [name, cell] of rows) {
      // Several of these refuse an empty value; the next test checks them instead.
      if (cell === 'unset') continue;
      const value = /^`([^`]*)`$/.exec(cell)?.[1];
      if (value === undefined) {
        wrong.push(`${name}: the default cell is neither unset nor one \`value\` (${cell})`);
        continue;
      }
      const limit = limitKeys.get(name);
      if (limit !== undefined) {
        // Compared with the schema's own default: a value given in the environment passes bounds
        // that the default does not (IMAGE_MAX_PIXELS's default is above what may be set).
        const fallback: unknown = limitsShape[limit].parse(undefined);
        if (fallback !== Number(value)) wrong.push(`${name}: ${value} is not the default (${String(fallback)})`);
        continue;
      }
      let given: unknown;
      try {
        given = loadConfig({ ...base, [name]: value });
      } catch (err) {
        wrong.push(`${name}: ${(err as Error).message}`);
        continue;
      }
      if (JSON.stringify(given) !== JSON.stringify(defaults)) wrong.push(`${name}: ${value} is not the default`);
    }
    expect(wrong).toEqual([]);
  });

  test('a setting documented as unset has no default the server would use', () => {
    const unset = [...rows].filter(([, cell]) => cell === 'unset').map(([name]) => name);
    expect(unset.length).toBeGreaterThan(0);
    const config = loadConfig({ INIT_CWD: '/srv/chat' });
    expect(config).not.toHaveProperty('databaseUrl');
    expect(config).not.toHaveProperty('redisUrl');
    expect(config).not.toHaveProperty('metricsToken');
    expect(config).not.toHaveProperty('trustProxy');
    expect(config.allowedOrigins).toEqual([]);
    expect(unset.sort()).toEqual(['ALLOWED_ORIGINS', 'DATABASE_URL', 'METRICS_TOKEN', 'REDIS_URL', 'TRUST_PROXY']);
  });
});

describe('docs/api.md quotes the figures the server uses', () => {
  // These constants are private to their modules; their source text is what can be read.
  const source = (path: string) => read(`apps/api/src/${path}`);
  const numberIn = (text: string, pattern: RegExp): number => {
    const expression = pattern.exec(text)?.[1];
    if (expression === undefined) throw new Error(`${String(pattern)} not found: the test needs updating with the code`);
    return expression.split('*').reduce((product, factor) => product * Number(factor.trim().replaceAll('_', '')), 1);
  };

  test('rate budgets', () => {
    const code = [...source('rate-limit.ts').matchAll(/^\s+(\w+): \{ points: (\d+), duration: (\d+) \},$/gm)].map((m) => `${m[1]} ${m[2]} ${m[3]}`);
    const table = [...reference.matchAll(/^\| `(\w+)` \| (\d+) \| (\d+) s \|/gm)].map((m) => `${m[1]} ${m[2]} ${m[3]}`);
    expect(code.length).toBeGreaterThan(3);
    expect(table.sort()).toEqual(code.sort());
  });

  test('slow consumers, keep-alive and typing', () => {
    const pressure = source('live/back-pressure.ts');
    const bufferedMiB = numberIn(pressure, /MAX_BUFFERED_BYTES = ([\d_ *]+);/) / (1024 * 1024);
    const held = numberIn(pressure, /MAX_HELD_EVENTS = ([\d_ *]+);/);
    const endpoint = source('http/socket-endpoint.ts');
    const pingS = numberIn(endpoint, /pingMs: ([\d_]+)/) / 1000;
    const pongS = numberIn(endpoint, /pongWaitMs: ([\d_]+)/) / 1000;
    const typingS = numberIn(source('live/typing-tracker.ts'), /TYPING_TTL_MS = ([\d_ *]+);/) / 1000;
    const quoted = [
      `more than ${bufferedMiB} MiB not yet taken`,
      `more than ${held.toLocaleString('en')} events waiting`,
      `silent for ${pingS} s is sent the text frame \`PING\``,
      `sent nothing ${pongS} s later`,
      `lapses by itself after ${typingS} s`,
    ];
    const flat = reference.replace(/\s+/g, ' ');
    expect(quoted.filter((phrase) => !flat.includes(phrase))).toEqual([]);
  });
});

test('the reference stands on its own: it sends no reader to a file outside the repository', () => {
  expect(reference).not.toMatch(/\.\.\/shared|CONTRACT\.md/);
});
