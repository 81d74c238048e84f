import fc from 'fast-check';
import { hostileKey, hostileValue } from './hostile-values.ts';

type Path = ReadonlyArray<string | number>;

/** Every place inside a value that holds something: object keys and array items, at any depth. */
function slots(value: unknown, at: Path = []): Path[] {
  if (typeof value !== 'object' || value === null) return [];
  const keys: Array<string | number> = Array.isArray(value) ? value.map((_, i) => i) : Object.keys(value);
  return keys.flatMap((key) => [[...at, key], ...slots((value as Record<string | number, unknown>)[key], [...at, key])]);
}

/** A copy of `value` with the slot at `path` set to `next`, or removed. */
function rewrite(value: unknown, path: Path, next: unknown, remove: boolean): unknown {
  const [key, ...rest] = path;
  if (key === undefined) return next;
  if (Array.isArray(value)) {
    const copy = [...value];
    if (rest.length === 0 && remove) copy.splice(Number(key), 1);
    else copy[Number(key)] = rewrite(copy[Number(key)], rest, next, remove);
    return copy;
  }
  const copy = { ...(value as Record<string, unknown>) };
  if (rest.length === 0 && remove) delete copy[key];
  // Defined, not assigned, so that a "__proto__" key stays an own key as JSON.parse would make it.
  else Object.defineProperty(copy, key, { value: rewrite(copy[key], rest, next, remove), enumerable: true, writable: true, configurable: true });
  return copy;
}

const pick = (value: unknown, index: number): Path | undefined => {
  const all = slots(value);
  return all[index % Math.max(all.length, 1)];
};

/**
 * Valid inputs made wrong in one way, so that each reaches past the part of validation that a
 * wholly random value would fail first: one field (at any depth) replaced by a hostile value,
 * a key dropped or added, the input wrapped, turned into text, or replaced altogether.
 */
export function mutated(valid: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 4, arbitrary: fc.tuple(valid, fc.nat(), hostileValue).map(([input, i, bad]) => rewrite(input, pick(input, i) ?? [], bad, false)) },
    fc.tuple(valid, fc.nat()).map(([input, i]) => {
      const path = pick(input, i);
      return path ? rewrite(input, path, undefined, true) : undefined;
    }),
    fc.tuple(valid, hostileKey, hostileValue).map(([input, key, bad]) =>
      typeof input === 'object' && input !== null && !Array.isArray(input) ? rewrite(input, [key], bad, false) : { [key]: bad },
    ),
    valid.map((input) => [input]),
    valid.map((input) => JSON.stringify(input) ?? ''),
    hostileValue,
  );
}
