/**
 * Hostile inputs for every channel of the contract (issue 6 item 3), shared by the SQLite
 * suite (tests/reliability/hostile-input.test.ts), the PostgreSQL one
 * (tests/pg/hostile-input.pg.test.ts) and the team server's (tests/server/hostile.test.ts): arbitrary JSON, the channel's real keys with wrong
 * values (huge strings, NaN, ±Infinity, -0, 1e308, negative and fractional credits, amounts
 * with too many decimals, wrong types), prototype-pollution keys and extra fields.
 */
import fc from 'fast-check';
import { inputSchema, type Channel } from '../../shared/contract';

export const pollutedJson = () =>
  JSON.parse('{"__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}}}');

export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom<unknown>(
    NaN,
    Infinity,
    -Infinity,
    -0,
    1e308,
    -1e308,
    -1,
    0,
    0.5,
    1.5,
    -7.25,
    2 ** 53,
    2 ** 53 + 2,
    Number.MIN_VALUE,
    '',
    ' ',
    'x'.repeat(100_000),
    '9'.repeat(400),
    '1e3',
    '-1',
    '-0',
    '1.234567',
    '3.511',
    '0.001',
    '3.5.1',
    ' 3.51',
    '3,51',
    '0x10',
    'Infinity',
    'NaN',
    '١٢٣',
    '__proto__',
    'constructor',
    '=HYPERLINK("http://x")',
    '\u0000',
    '\ud800',
    'usd',
    'XXX',
    'USD ',
    '2026-13-45',
    '2026-02-30T25:00:00Z',
    '../../etc/passwd',
    'credit-desk-manual-20260101T000000000Z.db/../x',
    true,
    false,
    null,
    [],
    {},
    [1, 2],
  ),
  fc.constant(null).map(pollutedJson),
  fc.jsonValue({ maxDepth: 3 }),
  fc.string({ maxLength: 300 }),
  fc.double(),
  fc.integer(),
);

/** The channel's own keys (schemas are strict objects, possibly with refinements). */
export function keysOf(channel: Channel): string[] {
  const schema = inputSchema(channel) as unknown as { shape?: Record<string, unknown> };
  return Object.keys(schema.shape ?? {});
}

export function withOwnKey(target: Record<string, unknown>, key: string, value: unknown): Record<string, unknown> {
  // defineProperty makes even "__proto__" an own, enumerable key, as JSON.parse does.
  Object.defineProperty(target, key, { value, enumerable: true, configurable: true, writable: true });
  return target;
}

/**
 * The time limit of one channel's run of hostile inputs: a guard against a hang, not a speed
 * check. A channel whose valid calls do real work (backup.create makes and verifies a backup,
 * auth.logout's successes sign in again with scrypt) took 9–19 s for 1,000 inputs beside a CI
 * run and over 60 s at load 11 on 2 cores.
 */
export const HANG_GUARD_MS = 600_000;

export function inputs(channel: Channel): fc.Arbitrary<unknown> {
  const keys = keysOf(channel);
  const realKeys =
    keys.length === 0
      ? fc.constant({})
      : fc.record(Object.fromEntries(keys.map((k) => [k, hostileValue])), { requiredKeys: [] });
  const extraKey = fc.constantFrom('__proto__', 'constructor', 'prototype', 'polluted', 'toString', 'extra', '');
  return fc.oneof(
    { arbitrary: fc.jsonValue(), weight: 2 },
    { arbitrary: realKeys, weight: 4 },
    {
      arbitrary: fc
        .tuple(realKeys, extraKey, hostileValue)
        .map(([o, k, v]) => withOwnKey({ ...(o as Record<string, unknown>) }, k, v)),
      weight: 2,
    },
    { arbitrary: fc.constant(null).map(pollutedJson), weight: 1 },
    { arbitrary: hostileValue, weight: 1 },
  );
}
