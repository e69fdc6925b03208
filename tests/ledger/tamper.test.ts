/** F9 append-only ledger: the database refuses edits, and `ledger.verify` finds edits made behind its back. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { VerifyProblem } from '../../shared/dto';
import { openTestLedger, rows, type TestLedger } from '../support/ledger';
import { fundedClient, newClient } from '../support/fixtures';

let l: TestLedger;
let clientId: number;
let entryIds: number[];
beforeEach(async () => {
  l = await openTestLedger();
  const funded = fundedClient(l, 100); // entry 1: +100
  clientId = funded.clientId;
  const bystander = newClient(l, 'Bystander');
  l.ok('transactions.adjust', { clientId: bystander, direction: 'in', credits: 9, reason: 'x' });
  l.ok('services.buyWithCredits', { clientId, serviceId: funded.service.id }); // −36 → 64
  l.ok('transactions.adjust', { clientId, direction: 'in', credits: 10, reason: 'Goodwill' }); // → 74
  entryIds = rows<{ id: number }>(l.db, 'SELECT id FROM ledger_entries WHERE client_id = ? ORDER BY seq', clientId).map(
    (r) => r.id,
  );
  expect(l.ok('ledger.verify', {})).toMatchObject({ ok: true, problems: [], checkedEntries: 4, checkedClients: 2 });
});
afterEach(() => l.close());

const raw = (sql: string, ...params: unknown[]) => l.db.sqlite.prepare(sql).run(...params);

/** Edits behind the app's back, as someone with a SQLite shell could. */
function dropAppendOnlyTriggers() {
  raw('DROP TRIGGER ledger_entries_no_update');
  raw('DROP TRIGGER ledger_entries_no_delete');
}

function problems(): VerifyProblem[] {
  const report = l.ok('ledger.verify', {});
  expect(report.ok).toBe(false);
  // Only the tampered client is named; the bystander's ledger is intact.
  expect(new Set(report.problems.map((p) => p.clientId))).toEqual(new Set([clientId]));
  return report.problems;
}

describe('the database itself', () => {
  it('refuses UPDATE and DELETE on ledger entries', () => {
    expect(() => raw('UPDATE ledger_entries SET credits = 1000 WHERE id = ?', entryIds[0])).toThrow(/append-only/);
    expect(() => raw("UPDATE ledger_entries SET memo = 'edited'")).toThrow(/append-only/);
    expect(() => raw('DELETE FROM ledger_entries WHERE id = ?', entryIds[1])).toThrow(/append-only/);
    expect(() => raw('DELETE FROM ledger_entries')).toThrow(/append-only/);
    expect(rows(l.db, 'SELECT count(*) AS n FROM ledger_entries')).toEqual([{ n: 4 }]);
  });

  it('refuses a negative stored balance and a non-positive or negative-balance entry', () => {
    expect(() => raw('UPDATE client_balances SET balance = -1 WHERE client_id = ?', clientId)).toThrow(/CHECK/);
    const insert = `INSERT INTO ledger_entries (client_id, seq, created_at, direction, type, credits, balance_after,
      reference, actor, prev_hash, hash) VALUES (?, 99, 'x', 'in', 'adjustment', ?, ?, 'r', 'a', 'p', 'h')`;
    expect(() => raw(insert, clientId, 0, 10)).toThrow(/CHECK/);
    expect(() => raw(insert, clientId, 5, -1)).toThrow(/CHECK/);
  });
});

describe('ledger.verify finds tampering', () => {
  it('an entry whose credits were edited', () => {
    dropAppendOnlyTriggers();
    raw('UPDATE ledger_entries SET credits = 30 WHERE id = ?', entryIds[1]);
    const found = problems();
    expect(found).toContainEqual(expect.objectContaining({ kind: 'running_balance', entryId: entryIds[1] }));
    expect(found).toContainEqual(expect.objectContaining({ kind: 'hash_mismatch', entryId: entryIds[1] }));
    expect(found).toContainEqual(expect.objectContaining({ kind: 'balance_mismatch', entryId: null }));
  });

  it('an entry whose credits and running balance were both edited consistently', () => {
    dropAppendOnlyTriggers();
    // The forger fixes up every running balance after the edit and the stored balance too:
    // only the hash chain can tell.
    raw('UPDATE ledger_entries SET credits = 26, balance_after = 74 WHERE id = ?', entryIds[1]);
    raw('UPDATE ledger_entries SET balance_after = 84 WHERE id = ?', entryIds[2]);
    raw('UPDATE client_balances SET balance = 84 WHERE client_id = ?', clientId);
    const found = problems();
    expect(found.map((p) => [p.kind, p.entryId])).toEqual([
      ['hash_mismatch', entryIds[1]],
      ['hash_mismatch', entryIds[2]],
    ]);
    expect(found[0]!.message).toContain(String(entryIds[1]));
  });

  it('an entry whose memo was edited', () => {
    dropAppendOnlyTriggers();
    raw("UPDATE ledger_entries SET memo = 'Approved by the director' WHERE id = ?", entryIds[2]);
    expect(problems().map((p) => [p.kind, p.clientId, p.entryId])).toEqual([['hash_mismatch', clientId, entryIds[2]]]);
  });

  it('a deleted entry in the middle of the chain', () => {
    dropAppendOnlyTriggers();
    raw('DELETE FROM ledger_entries WHERE id = ?', entryIds[1]);
    const found = problems();
    expect(found).toContainEqual(expect.objectContaining({ kind: 'sequence_gap', entryId: entryIds[2] }));
    expect(found).toContainEqual(expect.objectContaining({ kind: 'hash_mismatch', entryId: entryIds[2] }));
  });

  it('the newest entry deleted together with a matching stored balance', () => {
    dropAppendOnlyTriggers();
    raw('DELETE FROM ledger_entries WHERE id = ?', entryIds[2]);
    raw('UPDATE client_balances SET balance = 64 WHERE client_id = ?', clientId);
    // The remaining chain is consistent; the stored count and last hash still say otherwise.
    expect(problems().map((p) => [p.kind, p.entryId])).toEqual([['hash_mismatch', null]]);
  });

  it('a stored balance changed behind the app’s back', () => {
    raw('UPDATE client_balances SET balance = 1000 WHERE client_id = ?', clientId);
    const found = problems();
    expect(found).toEqual([expect.objectContaining({ kind: 'balance_mismatch', clientId, entryId: null })]);
    expect(found[0]!.message).toMatch(/1000.*74|74.*1000/);
  });

  it('an entry inserted behind the app’s back', () => {
    raw(
      `INSERT INTO ledger_entries (client_id, seq, created_at, direction, type, credits, balance_after, reference,
        memo, actor, prev_hash, hash)
       SELECT client_id, seq + 1, created_at, 'in', 'adjustment', 500, balance_after + 500, 'forged', 'gift', actor,
        hash, hash FROM ledger_entries WHERE id = ?`,
      entryIds[2],
    );
    const found = problems();
    expect(found.map((p) => p.kind)).toEqual(expect.arrayContaining(['hash_mismatch', 'balance_mismatch']));
  });
});
