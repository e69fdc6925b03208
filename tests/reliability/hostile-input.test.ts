/**
 * Hostile input (issue 6 item 3) on every channel of the contract, through the router (what
 * IPC and the CLI use) and through browser mode's HTTP door: arbitrary JSON, the channel's
 * real keys with wrong values (huge strings, NaN, ±Infinity, -0, 1e308, negative and
 * fractional credits, amounts with too many decimals, wrong types), prototype-pollution
 * keys and extra fields. Pass: no throw, a refusal is a contract error (VALIDATION_ERROR
 * naming the field, or a data-level code such as NOT_FOUND), and after every refused call
 * the database file is byte-for-byte what it was. Read-only channels must leave the file
 * unchanged even when they succeed.
 *
 * Inputs per channel: HOSTILE_RUNS through the router (1,000 by default: the figure,
 * met by this door alone) and HOSTILE_HTTP_RUNS through HTTP (250 by default). The HTTP door
 * hands the same parsed JSON to the same router; what it adds (body size, JSON syntax, token
 * and origin checks) is the same code for every channel, and each input is a real request, so
 * a quarter of the router's count proves the door without doubling the suite's two-core time.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHANNELS, contract, type Channel } from '../../shared/contract';
import { ERROR_CODES, type Result } from '../../shared/result';
import type { Db } from '../../electron/db/database';
import { openLedgerDatabase } from '../../electron/db/open';
import { startHttpDoor, TOKEN_HEADER } from '../../electron/ipc/http';
import { createRouter, type Router } from '../../electron/ipc/router';
import { HANG_GUARD_MS, inputs } from '../support/hostile-inputs';
import { fileBytes, seed, tempDir } from './helpers';

const RUNS = Number(process.env.HOSTILE_RUNS ?? 1000);
const HTTP_RUNS = Number(process.env.HOSTILE_HTTP_RUNS ?? 250);
const TOKEN = 'a'.repeat(48);
const dir = tempDir('hostile');
const dbPath = join(dir, 'ledger.db');
let db: Db;
let router: Router;
let server: Server;
let url = '';

beforeAll(async () => {
  db = await openLedgerDatabase(dbPath);
  // fsync is irrelevant to what this test proves (which bytes change, not when they reach
  // the disk) and would make it wait ~5 ms on every accepted write and checkpoint.
  db.sqlite.pragma('synchronous = OFF');
  router = createRouter({ db, backupDir: join(dir, 'backups') });
  await seed(router, 3);
  const staticDir = join(dir, 'static');
  mkdirSync(staticDir);
  writeFileSync(join(staticDir, 'index.html'), '<html><head></head><body></body></html>');
  ({ server, url } = await startHttpDoor({ router, staticDir, token: TOKEN, actor: 'browser' }));
});
afterAll(async () => {
  await new Promise((r) => server.close(r));
  db.close();
});

interface Tally {
  inputs: number;
  refused: number;
  accepted: number;
  codes: Record<string, number>;
}

const tallies: Record<string, Tally> = {};
afterAll(() => {
  const total = (f: (t: Tally) => number, suffix: string) =>
    Object.entries(tallies)
      .filter(([k]) => k.endsWith(suffix))
      .reduce((n, [, t]) => n + f(t), 0);
  console.log(
    `hostile input: ${CHANNELS.length} channels; router ${total((t) => t.inputs, '@router')} inputs ` +
      `(${total((t) => t.refused, '@router')} refused), http ${total((t) => t.inputs, '@http')} inputs ` +
      `(${total((t) => t.refused, '@http')} refused)`,
  );
});

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Rows a refused sign-in may write: its attempt, and the audit row of a lock. */
function signInRecords(): number {
  const count = (table: string) => (db.sqlite.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  return count('login_attempts') + count('audit_log');
}
let lastSignInRecords = 0;

/** Checks one outcome and keeps the file fingerprint up to date. */
function judge(channel: Channel, door: string, input: unknown, result: Result<unknown>, before: Buffer): Buffer {
  const tally = (tallies[`${channel}@${door}`] ??= { inputs: 0, refused: 0, accepted: 0, codes: {} });
  tally.inputs++;
  const after = fileBytes(db.sqlite, dbPath);
  if (result.ok) {
    tally.accepted++;
    if (!contract[channel].mutates) expect(after.equals(before), `${channel} read changed the file`).toBe(true);
    return after;
  }
  tally.refused++;
  tally.codes[result.error.code] = (tally.codes[result.error.code] ?? 0) + 1;
  expect(ERROR_CODES).toContain(result.error.code);
  expect(typeof result.error.message).toBe('string');
  if (result.error.code === 'VALIDATION_ERROR') {
    const field = result.error.details?.field;
    expect(typeof field, `${channel}: ${JSON.stringify(result.error)}`).toBe('string');
    // An object input is refused for one of its fields (or a field it lacks), never "somewhere".
    // (An unknown key spelt "" is named as "" and listed in details.fields.)
    if (isPlainObject(input) && field === '') {
      expect(result.error.details?.fields, `${channel}: ${JSON.stringify(result.error)}`).toContain('');
    }
  }
  if (channel === 'auth.login' && result.error.code === 'UNAUTHENTICATED') {
    // The one refusal that writes, by design (PRODUCT F14): the failed attempt is the lockout
    // rule's memory, so it must add that row (and an audit row when it locks).
    expect(signInRecords(), `${channel} refused but recorded no attempt`).toBeGreaterThan(lastSignInRecords);
    lastSignInRecords = signInRecords();
    return after;
  }
  expect(after.equals(before), `${channel} refused ${JSON.stringify(result.error)} but changed the file`).toBe(true);
  return after;
}

describe('hostile input', () => {
  it.each(CHANNELS)(
    `%s refuses hostile input through the router (${RUNS} inputs)`,
    async (channel) => {
      let before = fileBytes(db.sqlite, dbPath);
      await fc.assert(
        fc.asyncProperty(inputs(channel), async (input) => {
          const result = await router.call(channel, input, { actor: 'hostile' });
          before = judge(channel, 'router', input, result, before);
        }),
        { numRuns: RUNS, seed: 20261126, endOnFailure: true },
      );
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    },
    HANG_GUARD_MS,
  );

  it.each(CHANNELS)(
    `%s refuses hostile input through the HTTP door (${HTTP_RUNS} inputs)`,
    async (channel) => {
      let before = fileBytes(db.sqlite, dbPath);
      const post = async (body: string) => {
        const response = await fetch(`${url}api/${channel}`, {
          method: 'POST',
          headers: { [TOKEN_HEADER]: TOKEN, 'content-type': 'application/json' },
          body,
        });
        expect([200, 400, 413]).toContain(response.status);
        expect(response.headers.get('access-control-allow-origin')).toBeNull();
        return (await response.json()) as Result<unknown> | { error: string };
      };
      // Bodies JSON cannot express but a hostile page can send.
      for (const raw of [
        'NaN',
        '{"credits": Infinity}',
        '{"credits": -0}',
        '{"amount": 1e999}',
        '{"__proto__": {"polluted": "yes"}}',
        '{"constructor": {"prototype": {"polluted": "yes"}}}',
        '[',
        '\u0000',
        '['.repeat(100_000),
        `{"x":"${'y'.repeat(1_100_000)}"}`,
      ]) {
        const result = await post(raw);
        if ('ok' in result) before = judge(channel, 'http', raw, result, before);
        else expect(fileBytes(db.sqlite, dbPath).equals(before)).toBe(true);
      }
      await fc.assert(
        fc.asyncProperty(inputs(channel), async (input) => {
          const body = JSON.stringify(input) ?? 'null';
          const result = await post(body);
          expect('ok' in result).toBe(true);
          before = judge(channel, 'http', JSON.parse(body), result as Result<unknown>, before);
        }),
        { numRuns: HTTP_RUNS, seed: 20261127, endOnFailure: true },
      );
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    },
    HANG_GUARD_MS,
  );

  it('left Object.prototype alone', () => {
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getOwnPropertyNames(Object.prototype)).not.toContain('polluted');
  });
});
