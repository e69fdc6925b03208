/**
 * `ledger.verify`'s fast path (electron/ledger/verify-range.ts): the entries split into id
 * ranges, each checked alone, the clients' chains stitched across the borders. On a sound
 * ledger it must give exactly the single pass's report wherever the borders fall; on a ledger
 * edited behind the app's back (even with the edited entry's own fingerprint recomputed, so
 * only a link, a sequence number or a running balance betrays it) it must never say "sound",
 * wherever the edit sits relative to a border, so that the exact single pass runs and names it.
 */
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSqlite } from '../../electron/db/sqlite';
import { entryHash, STORED_ENTRY_COLUMNS, storedRowHash, type HashedFields } from '../../electron/ledger/hash';
import { stitchRanges, verifyRange } from '../../electron/ledger/verify-range';
import { verifyLedger } from '../../electron/ledger/verify.service';
import { VERIFY_WORKERS, verifyLedgerOffThread } from '../../electron/workers/verify-off-thread';
import { writeBigLedger } from '../support/big-ledger';
import { tempDir } from '../reliability/helpers';

const CLIENTS = 5;
const ENTRIES = 60;
const dir = tempDir('verify-range');

/** The ranges' reports for borders after the given ids (ascending), the last one open-ended. */
function ranges(sqlite: Database.Database, borders: number[]) {
  const edges = [0, ...borders];
  return edges.map((after, k) => verifyRange(sqlite, after, edges[k + 1] ?? null));
}

/** Every way to put one or two borders in a ledger of `top` entries. */
function borderSets(top: number): number[][] {
  const sets: number[][] = [];
  for (let a = 1; a < top; a++) {
    sets.push([a]);
    for (let b = a + 1; b < top; b += 7) sets.push([a, b]);
  }
  return sets;
}

describe('verify by id ranges', () => {
  let sound: Database.Database;
  beforeAll(async () => {
    const path = join(dir, 'sound.db');
    await writeBigLedger(path, CLIENTS, ENTRIES);
    sound = openSqlite(path, { readonly: true });
  });
  afterAll(() => sound.close());

  it('gives the single pass’s report on a sound ledger, wherever the borders fall', () => {
    const onePass = verifyLedger(sound);
    expect(onePass).toMatchObject({ ok: true, checkedEntries: ENTRIES, checkedClients: CLIENTS });
    for (const borders of borderSets(ENTRIES)) {
      expect(stitchRanges(ranges(sound, borders)), `borders ${borders.join(',')}`).toEqual(onePass);
    }
  });

  /** A copy of the sound ledger with `edit` applied behind the app's back. */
  async function tampered(name: string, edit: (db: Database.Database) => void): Promise<string> {
    const path = join(dir, `${name}.db`);
    await writeBigLedger(path, CLIENTS, ENTRIES);
    const db = openSqlite(path);
    db.exec('DROP TRIGGER ledger_entries_no_update; DROP TRIGGER ledger_entries_no_delete');
    edit(db);
    db.close();
    return path;
  }

  /** Changes entry `id`'s credits and balance, then recomputes its own fingerprint. */
  function rehashedEdit(db: Database.Database, id: number) {
    const row = db
      .prepare(`SELECT ${STORED_ENTRY_COLUMNS.join(', ')} FROM ledger_entries WHERE id = ?`)
      .get(id) as HashedFields & { prev_hash: string };
    const edited = { ...row, credits: row.credits + 1, balance_after: row.balance_after + 1 };
    db.prepare('UPDATE ledger_entries SET credits = ?, balance_after = ?, hash = ? WHERE id = ?').run(
      edited.credits,
      edited.balance_after,
      entryHash(row.prev_hash, edited),
      id,
    );
  }

  const cases: [string, (db: Database.Database) => void][] = [
    ['an edited entry with its fingerprint recomputed', (db) => rehashedEdit(db, 30)],
    ['a removed entry', (db) => db.prepare('DELETE FROM ledger_entries WHERE id = 30').run()],
    ['a removed last entry of a client', (db) => db.prepare('DELETE FROM ledger_entries WHERE id = ?').run(ENTRIES)],
    [
      'a stored balance off by one',
      (db) => db.prepare('UPDATE client_balances SET balance = balance + 1 WHERE client_id = 3').run(),
    ],
    [
      'a client whose stored balance is gone',
      (db) => db.prepare('DELETE FROM client_balances WHERE client_id = 2').run(),
    ],
  ];

  it.each(cases)('never calls a ledger with %s sound, wherever the borders fall', async (name, edit) => {
    const path = await tampered(name.replaceAll(' ', '-'), edit);
    const db = openSqlite(path, { readonly: true });
    try {
      const onePass = verifyLedger(db);
      expect(onePass.ok).toBe(false);
      expect(stitchRanges(ranges(db, []))).toBeNull();
      for (const borders of borderSets(ENTRIES - 1)) {
        expect(stitchRanges(ranges(db, borders)), `borders ${borders.join(',')}`).toBeNull();
      }
      // Through the workers (forced: a ledger this small is verified on the calling thread), the
      // fast path finds no fit and the single pass names the problems; inline, the same report.
      expect(await verifyLedgerOffThread(path, VERIFY_WORKERS, 0)).toEqual(onePass);
      expect(await verifyLedgerOffThread(path)).toEqual(onePass);
    } finally {
      db.close();
    }
  });
});

describe('the fingerprint of a raw stored row', () => {
  it('is entryHash of the same entry, for any field values (nulls, quotes, unicode, big numbers)', () => {
    const text = fc.string({ unit: 'binary', maxLength: 40 });
    const int = fc.integer({ min: -(2 ** 53) + 1, max: 2 ** 53 - 1 });
    const entry = fc.record({
      client_id: int,
      seq: int,
      created_at: text,
      direction: fc.constantFrom('in', 'out'),
      type: text,
      credits: int,
      balance_after: int,
      reference: text,
      memo: fc.option(text),
      actor: text,
      purchase_id: fc.option(int),
      request_id: fc.option(int),
      order_id: fc.option(int),
      invoice_id: fc.option(int),
      amount_minor: fc.option(int),
      currency: fc.option(text),
      credits_per_unit: fc.option(text),
      exact_credits: fc.option(text),
      rate_id: fc.option(int),
    }) satisfies fc.Arbitrary<HashedFields>;
    fc.assert(
      fc.property(int, entry, text, text, (id, e, prevHash, hash) => {
        // As the verify scan reads it: the id, the stored columns in order, the chain's two hashes.
        const row = [id, ...STORED_ENTRY_COLUMNS.map((c) => ({ ...e, prev_hash: prevHash, hash })[c])];
        expect(storedRowHash(row)).toBe(entryHash(prevHash, e));
      }),
      { numRuns: 2_000, seed: 20261205 },
    );
  });
});
