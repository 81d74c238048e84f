import fc from 'fast-check';

/** Text that databases, search indexes, JSON and Unicode handling trip over. */
export const ODD_STRINGS: readonly string[] = [
  '',
  ' ',
  '\t\r\n',
  '\u0000',
  'a\u0000b',
  '\ud800',
  '\udfff',
  'a\ud83d',
  '\udc00\ud800',
  '\ud83d\ude00',
  '\ufeff',
  '\u202e',
  '\u200b',
  'e\u0301',
  'İ',
  'ß',
  '１２３',
  'null',
  'undefined',
  'NaN',
  '[]',
  '{}',
  "'; DROP TABLE users; --",
  '" OR 1=1 --',
  '%',
  '_',
  '\\',
  '%_\\',
  '*',
  '"*OR(NEAR AND',
  'NEAR(a b)',
  'a:b',
  '^',
  '<script>alert(1)</script>',
  '../../etc/passwd',
  '__proto__',
];

/** Numbers as text: ids and cursors past 32, 53 and 64 bits, signs, exponents, padding. */
export const ODD_NUMERALS: readonly string[] = [
  '0',
  '00',
  '01',
  '-1',
  '-0',
  '+1',
  '1.5',
  '1e5',
  '1e400',
  '0x1f',
  ' 1',
  '1 ',
  'Infinity',
  '2147483647',
  '2147483648',
  '4294967296',
  '9007199254740991',
  '9007199254740993',
  '1000000000000000',
  '9999999999999999',
  '10000000000000000',
  '9223372036854775807',
  '9223372036854775808',
  '99999999999999999999999',
];

const ODD_NUMBERS: readonly number[] = [0, -0, -1, 1.5, -1.5, 1e-300, 2 ** 31 - 1, 2 ** 31, 2 ** 32, 2 ** 53 - 1, 2 ** 53 + 2, 1e16, 1e21, 1e308, -1e308];

/** One odd code point: control, unassigned, lone surrogate half (fast-check's own units leave those out), NUL. */
export const oddChar: fc.Arbitrary<string> = fc.oneof(
  { weight: 2, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) },
  fc.integer({ min: 0xd800, max: 0xdfff }).map((code) => String.fromCharCode(code)),
  fc.constant('\u0000'),
  fc.constantFrom('\ufeff', '\u202e', '\u0301', '%', '_', '"', '\\'),
);

export const hostileString: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...ODD_STRINGS, ...ODD_NUMERALS),
  fc.string({ unit: oddChar }),
  fc.stringMatching(/^-?[0-9]{1,24}(\.[0-9]{1,4})?(e-?[0-9]{1,3})?$/),
  // Up to a few tens of KB: past every field limit, well under the transports' own.
  fc.tuple(fc.constantFrom('x', '💥', '\u0000', '\ud800', 'é', '%', ' '), fc.integer({ min: 257, max: 12_000 })).map(([unit, n]) => unit.repeat(n)),
);

const deeplyNested = fc.integer({ min: 20, max: 1000 }).map((depth) => {
  let value: unknown = 1;
  for (let i = 0; i < depth; i++) value = i % 2 ? [value] : { a: value };
  return value;
});

/** Any JSON value a hostile client could send in place of a field or a whole input. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: hostileString },
  { weight: 2, arbitrary: fc.oneof(fc.constantFrom(...ODD_NUMBERS), fc.integer(), fc.double({ noNaN: true })) },
  fc.constantFrom(null, true, false),
  fc.jsonValue({ maxDepth: 3 }),
  // An own "__proto__" key, as JSON.parse makes it: the classic prototype-pollution probe.
  fc.constant(JSON.parse('{"__proto__":{"admin":true},"constructor":{"prototype":{"admin":true}}}') as unknown),
  deeplyNested,
);

/** Keys a client could add to an input that the schema does not expect. */
export const hostileKey: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'then', '', ' ', '\u0000', 'lastEventId', 'userId', 'roomId ', 'ROOMID'),
  fc.string({ unit: oddChar, maxLength: 8 }),
);
