/**
 * A real, fully migrated ledger for tests: `:memory:` (or a file in a temp dir) opened through
 * the same `openLedgerDatabase` the app uses, a router with an injected clock, and helpers
 * that say what a call must do (`ok` returns the value, `refused` asserts the error code).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { Channel, Input, Output } from '../../shared/contract';
import type { ApiError, ErrorCode, Result } from '../../shared/result';
import type { Db } from '../../electron/db/database';
import { openLedgerDatabase } from '../../electron/db/open';
import { createRouter, type Router } from '../../electron/ipc/router';
import { syncHandlers } from '../../electron/sync/handlers';

/** A clock the test moves by hand: time only changes when the test says so. */
export interface TestClock {
  now(): Date;
  set(iso: string): void;
  advance(ms: number): void;
}

export function testClock(startIso = '2026-03-01T09:00:00.000Z'): TestClock {
  let ms = Date.parse(startIso);
  return {
    now: () => new Date(ms),
    set: (iso) => {
      ms = Date.parse(iso);
    },
    advance: (delta) => {
      ms += delta;
    },
  };
}

export interface TestLedger {
  db: Db;
  router: Router;
  clock: TestClock;
  /** Calls a channel as `actor` (default "tester") and returns the raw Result. */
  call(channel: string, input: unknown, actor?: string): Promise<Result<unknown>>;
  /** Calls a channel that must succeed and returns its value, typed by the contract. */
  ok<C extends Channel>(channel: C, input: Input<C>, actor?: string): Promise<Output<C>>;
  /** Calls a channel that must be refused with `code` and returns the error. */
  refused(channel: string, input: unknown, code: ErrorCode, actor?: string): Promise<ApiError>;
  /** Every row of every table of ours, as text: equal dumps mean nothing was written. */
  dump(): string;
  close(): void;
}

const DEFAULT_ACTOR = 'tester';

/** Wraps an opened database in the test helpers. */
/** `ok` and `refused` over a door's `call`: the same assertions for every harness (this one, engines.ts). */
export function expectations(
  call: (channel: string, input: unknown, actor?: string) => Promise<Result<unknown>>,
): Pick<TestLedger, 'ok' | 'refused'> {
  return {
    async ok<C extends Channel>(channel: C, input: Input<C>, actor?: string): Promise<Output<C>> {
      const result = await call(channel, input, actor);
      if (!result.ok) throw new Error(`${channel} was refused: ${JSON.stringify(result.error)}`);
      return result.value as Output<C>;
    },
    async refused(channel, input, code, actor) {
      const result = await call(channel, input, actor);
      if (result.ok) throw new Error(`${channel} succeeded but ${code} was expected: ${JSON.stringify(result.value)}`);
      expect(result.error.code, result.error.message).toBe(code);
      expect(result.error.message.length).toBeGreaterThan(0);
      return result.error;
    },
  };
}

export function ledgerOver(db: Db, clock: TestClock = testClock()): TestLedger {
  const router = createRouter({ db, clock: clock.now, sync: syncHandlers() });
  const call = (channel: string, input: unknown, actor = DEFAULT_ACTOR) => router.call(channel, input, { actor });
  return {
    db,
    router,
    clock,
    call,
    ...expectations(call),
    dump: () => dumpTables(db),
    close: () => db.close(),
  };
}

export async function openTestLedger(clock: TestClock = testClock()): Promise<TestLedger> {
  return ledgerOver(await openLedgerDatabase(':memory:'), clock);
}

/** A temp directory removed by the returned cleanup function. */
export function tempDir(prefix = 'credit-desk-test-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export function dumpTables(db: Db): string {
  const tables = db.sqlite
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .all() as { name: string }[];
  const out: Record<string, unknown[]> = {};
  for (const { name } of tables) out[name] = db.sqlite.prepare(`SELECT * FROM "${name}" ORDER BY rowid`).all();
  return JSON.stringify(out);
}

/** Raw rows, for assertions about what is stored rather than what the API says. */
export function rows<T = Record<string, unknown>>(db: Db, sql: string, ...params: unknown[]): T[] {
  return db.sqlite.prepare(sql).all(...params) as T[];
}
