/**
 * A real ledger (SQLite in memory, every migration applied) driven through the router with
 * an injected clock, so entries land at exact instants; and a small RFC 4180 parser to read
 * exports back.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openLedgerDatabase } from '../../electron/db/open';
import type { Db } from '../../electron/db/database';
import { createRouter } from '../../electron/ipc/router';
import type { Channel, Input, Output } from '../../shared/contract';

export interface Ledger {
  db: Db;
  /** Sets the instant of the next calls. */
  at(instant: string | number): void;
  call<C extends Channel>(channel: C, input: Input<C>): Promise<Output<C>>;
  callAsync<C extends Channel>(channel: C, input: Input<C>): Promise<Output<C>>;
  refusal(
    channel: Channel,
    input: unknown,
  ): Promise<{ code: string; message: string; details?: Record<string, unknown> }>;
  /** Creates a client and returns its id. */
  client(name: string): Promise<number>;
  /** Posts an adjustment at `instant` (ms or ISO). */
  post(
    clientId: number,
    instant: string | number,
    direction: 'in' | 'out',
    credits: number,
    reason?: string,
  ): Promise<void>;
}

export async function openLedger(path = ':memory:', timeZone = 'Europe/London'): Promise<Ledger> {
  const db = await openLedgerDatabase(path);
  let now = Date.parse('2026-01-01T12:00:00Z');
  const router = createRouter({ db, clock: () => new Date(now) });
  const caller = { actor: 'tester' };
  const ledger: Ledger = {
    db,
    at(instant) {
      now = typeof instant === 'number' ? instant : Date.parse(instant);
    },
    async call(channel, input) {
      const result = await router.call(channel, input, caller);
      if (!result.ok) throw new Error(`${channel} refused: ${result.error.code} ${result.error.message}`);
      return result.value as never;
    },
    async callAsync(channel, input) {
      const result = await router.call(channel, input, caller);
      if (!result.ok) throw new Error(`${channel} refused: ${result.error.code} ${result.error.message}`);
      return result.value as never;
    },
    async refusal(channel, input) {
      const result = await router.call(channel, input, caller);
      if (result.ok) throw new Error(`${channel} was expected to be refused`);
      return result.error;
    },
    async client(name) {
      return (await ledger.call('clients.create', { name })).id;
    },
    async post(clientId, instant, direction, credits, reason = 'test') {
      ledger.at(instant);
      await ledger.call('transactions.adjust', { clientId, direction, credits, reason });
    },
  };
  await ledger.call('settings.update', { timeZone, agencyName: 'Brightline Creative Agency' });
  return ledger;
}

/** A fresh temporary directory. */
export function tempDir(prefix = 'cd-statements-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Parses RFC 4180 CSV (CRLF records, quoted fields with doubled quotes); refuses anything else. */
export function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === '"') {
      if (field !== '') throw new Error(`A quote inside an unquoted field at ${i}`);
      i += 1;
      for (;;) {
        const j = text.indexOf('"', i);
        if (j < 0) throw new Error('An unterminated quoted field');
        field += text.slice(i, j);
        if (text[j + 1] === '"') {
          field += '"';
          i = j + 2;
        } else {
          i = j + 1;
          break;
        }
      }
      if (i < text.length && text[i] !== ',' && text[i] !== '\r') throw new Error(`Text after a closing quote at ${i}`);
    } else if (c === ',') {
      record.push(field);
      field = '';
      i += 1;
    } else if (c === '\r') {
      if (text[i + 1] !== '\n') throw new Error(`A bare CR at ${i}`);
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      i += 2;
    } else if (c === '\n') {
      throw new Error(`A bare LF at ${i}`);
    } else {
      field += c;
      i += 1;
    }
  }
  if (field !== '' || record.length > 0) throw new Error('The last record has no CRLF');
  return records;
}
