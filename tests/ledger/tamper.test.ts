/** On SQLite and PostgreSQL. F9 append-only ledger: the database refuses edits, and `ledger.verify` finds edits made behind its back. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { VerifyProblem, VerifyReport } from '../../shared/dto';
import { forEachEngine, type EngineLedger } from '../support/engines';
import { fundedClient, newClient } from '../support/fixtures';

forEachEngine((engine) => {
  let l: EngineLedger;
  let clientId: number;
  let entryIds: number[];
  beforeEach(async () => {
    l = await engine.open();
    const funded = await fundedClient(l, 100); // entry 1: +100
    clientId = funded.clientId;
    const bystander = await newClient(l, 'Bystander');
    await l.ok('transactions.adjust', { clientId: bystander, direction: 'in', credits: 9, reason: 'x' });
    await l.ok('services.buyWithCredits', { clientId, serviceId: funded.service.id }); // −36 → 64
    await l.ok('transactions.adjust', { clientId, direction: 'in', credits: 10, reason: 'Goodwill' }); // → 74
    entryIds = (
      await l.rows<{ id: number }>('SELECT id FROM ledger_entries WHERE client_id = ? ORDER BY seq', clientId)
    ).map((r) => r.id);
    expect(await verify()).toMatchObject({ ok: true, problems: [], checkedEntries: 4, checkedClients: 2 });
  });
  afterEach(() => l.close());

  const raw = (sql: string, ...params: unknown[]) => l.exec(sql, ...params);
  const verify = (): Promise<VerifyReport> => l.ok('ledger.verify', {});

  /** Edits behind the app's back, as someone with a SQLite shell could. */
  async function dropAppendOnlyTriggers() {
    if (engine.engine === 'sqlite') {
      await raw('DROP TRIGGER ledger_entries_no_update');
      await raw('DROP TRIGGER ledger_entries_no_delete');
    } else await raw('ALTER TABLE ledger_entries DISABLE TRIGGER USER'); // the tables' owner may
  }

  async function problems(): Promise<VerifyProblem[]> {
    const report = await verify();
    expect(report.ok).toBe(false);
    // Only the tampered client is named; the bystander's ledger is intact.
    expect(new Set(report.problems.map((p) => p.clientId))).toEqual(new Set([clientId]));
    return report.problems;
  }

  describe('the database itself', () => {
    it('refuses UPDATE and DELETE on ledger entries', async () => {
      await expect(raw('UPDATE ledger_entries SET credits = 1000 WHERE id = ?', entryIds[0])).rejects.toThrow(
        /append-only/i,
      );
      await expect(raw("UPDATE ledger_entries SET memo = 'edited'")).rejects.toThrow(/append-only/i);
      await expect(raw('DELETE FROM ledger_entries WHERE id = ?', entryIds[1])).rejects.toThrow(/append-only/i);
      await expect(raw('DELETE FROM ledger_entries')).rejects.toThrow(/append-only/i);
      expect(await l.rows('SELECT count(*) AS n FROM ledger_entries')).toEqual([{ n: 4 }]);
    });

    it('refuses a negative stored balance and a non-positive or negative-balance entry', async () => {
      await expect(raw('UPDATE client_balances SET balance = -1 WHERE client_id = ?', clientId)).rejects.toThrow(
        /CHECK/i,
      );
      const insert = `INSERT INTO ledger_entries (client_id, seq, created_at, direction, type, credits, balance_after,
      reference, actor, prev_hash, hash) VALUES (?, 99, 'x', 'in', 'adjustment', ?, ?, 'r', 'a', 'p', 'h')`;
      await expect(raw(insert, clientId, 0, 10)).rejects.toThrow(/CHECK/i);
      await expect(raw(insert, clientId, 5, -1)).rejects.toThrow(/CHECK/i);
    });
  });

  describe('ledger.verify finds tampering', () => {
    it('an entry whose credits were edited', async () => {
      await dropAppendOnlyTriggers();
      await raw('UPDATE ledger_entries SET credits = 30 WHERE id = ?', entryIds[1]);
      const found = await problems();
      expect(found).toContainEqual(expect.objectContaining({ kind: 'running_balance', entryId: entryIds[1] }));
      expect(found).toContainEqual(expect.objectContaining({ kind: 'hash_mismatch', entryId: entryIds[1] }));
      expect(found).toContainEqual(expect.objectContaining({ kind: 'balance_mismatch', entryId: null }));
    });

    it('an entry whose credits and running balance were both edited consistently', async () => {
      await dropAppendOnlyTriggers();
      // The forger fixes up every running balance after the edit and the stored balance too:
      // only the hash chain can tell.
      await raw('UPDATE ledger_entries SET credits = 26, balance_after = 74 WHERE id = ?', entryIds[1]);
      await raw('UPDATE ledger_entries SET balance_after = 84 WHERE id = ?', entryIds[2]);
      await raw('UPDATE client_balances SET balance = 84 WHERE client_id = ?', clientId);
      const found = await problems();
      expect(found.map((p) => [p.kind, p.entryId])).toEqual([
        ['hash_mismatch', entryIds[1]],
        ['hash_mismatch', entryIds[2]],
      ]);
      expect(found[0]!.message).toContain(String(entryIds[1]));
    });

    it('an entry whose memo was edited', async () => {
      await dropAppendOnlyTriggers();
      await raw("UPDATE ledger_entries SET memo = 'Approved by the director' WHERE id = ?", entryIds[2]);
      expect((await problems()).map((p) => [p.kind, p.clientId, p.entryId])).toEqual([
        ['hash_mismatch', clientId, entryIds[2]],
      ]);
    });

    it('a deleted entry in the middle of the chain', async () => {
      await dropAppendOnlyTriggers();
      await raw('DELETE FROM ledger_entries WHERE id = ?', entryIds[1]);
      const found = await problems();
      expect(found).toContainEqual(expect.objectContaining({ kind: 'sequence_gap', entryId: entryIds[2] }));
      expect(found).toContainEqual(expect.objectContaining({ kind: 'hash_mismatch', entryId: entryIds[2] }));
    });

    it('the newest entry deleted together with a matching stored balance', async () => {
      await dropAppendOnlyTriggers();
      await raw('DELETE FROM ledger_entries WHERE id = ?', entryIds[2]);
      await raw('UPDATE client_balances SET balance = 64 WHERE client_id = ?', clientId);
      // The remaining chain is consistent; the stored count and last hash still say otherwise.
      expect((await problems()).map((p) => [p.kind, p.entryId])).toEqual([['hash_mismatch', null]]);
    });

    it('a stored balance changed behind the app’s back', async () => {
      await raw('UPDATE client_balances SET balance = 1000 WHERE client_id = ?', clientId);
      const found = await problems();
      expect(found).toEqual([expect.objectContaining({ kind: 'balance_mismatch', clientId, entryId: null })]);
      expect(found[0]!.message).toMatch(/1000.*74|74.*1000/);
    });

    it('an entry inserted behind the app’s back', async () => {
      await raw(
        `INSERT INTO ledger_entries (client_id, seq, created_at, direction, type, credits, balance_after, reference,
        memo, actor, prev_hash, hash)
       SELECT client_id, seq + 1, created_at, 'in', 'adjustment', 500, balance_after + 500, 'forged', 'gift', actor,
        hash, hash FROM ledger_entries WHERE id = ?`,
        entryIds[2],
      );
      const found = await problems();
      expect(found.map((p) => p.kind)).toEqual(expect.arrayContaining(['hash_mismatch', 'balance_mismatch']));
    });
  });
});
