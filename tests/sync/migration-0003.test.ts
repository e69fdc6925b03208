/**
 * Migration 0003 is a data migration: it rebuilds ledger_entries (to allow `refund_reversal`)
 * and sync_review_items, and moves each provider's cursor onto its streams. A ledger written at
 * schema 0002 must come through with every entry, hash and balance intact, the append-only
 * triggers and indexes back in place, and each stream starting where its provider was.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrations } from '../../migrations';
import { openLedgerDatabase } from '../../electron/db/open';
import { callerFor, seed } from './helpers';
import { verifyLedger } from '../../electron/ledger/verify.service';

const upTo0002 = { '0001_initial': migrations['0001_initial']!, '0002_sync': migrations['0002_sync']! };

describe('migration 0003_refunds', () => {
  it('keeps every entry and hash, restores triggers and indexes, and gives each stream its provider’s cursor', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'cd-0003-')), 'ledger.db');
    const old = await openLedgerDatabase(path, { migrations: upTo0002 });
    await seed(old);
    const call = callerFor(old);
    for (let i = 0; i < 5; i++) {
      await call('purchases.record', {
        clientId: 1 + (i % 2),
        packageId: 1,
        provider: 'stripe',
        providerPaymentId: `pi_${i}`,
        amount: '10.00',
        currency: 'USD',
      });
    }
    await call('transactions.adjust', { clientId: 1, direction: 'out', credits: 7, reason: 'Correction' });
    old.sqlite
      .prepare(
        `INSERT INTO sync_review_items (provider, event_id, kind, provider_payment_id, purchase_id, client_id,
          amount_minor, currency, provider_status, occurred_at, created_at, status)
         VALUES ('stripe', 're_1', 'refund', 'pi_0', 1, 1, 1000, 'USD', 'succeeded', '2026-11-01T00:00:00.000Z',
          '2026-11-01T00:00:00.000Z', 'open')`,
      )
      .run();
    const stripeResume = JSON.stringify({ from: 'a', to: 'b', token: { stream: 'refunds', after: 're_9' } });
    const paypalResume = JSON.stringify({ from: 'a', to: 'b', token: { page: 3 } });
    old.sqlite
      .prepare(`UPDATE sync_state SET cursor = ?, resume_json = ? WHERE provider = 'stripe'`)
      .run('2026-11-20T00:00:00.000Z', stripeResume);
    old.sqlite
      .prepare(`UPDATE sync_state SET cursor = ?, resume_json = ? WHERE provider = 'paypal'`)
      .run('2026-11-21T00:00:00.000Z', paypalResume);
    const before = old.sqlite.prepare('SELECT * FROM ledger_entries ORDER BY id').all();
    const balancesBefore = old.sqlite.prepare('SELECT * FROM client_balances ORDER BY client_id').all();
    old.close();

    const db = await openLedgerDatabase(path);
    try {
      expect(db.sqlite.prepare('SELECT * FROM ledger_entries ORDER BY id').all()).toEqual(before);
      expect(db.sqlite.prepare('SELECT * FROM client_balances ORDER BY client_id').all()).toEqual(balancesBefore);
      const after = callerFor(db);
      expect(verifyLedger(db)).toMatchObject({ ok: true, checkedEntries: 6 });

      // Append-only still, and the history index is back.
      expect(() => db.sqlite.prepare('UPDATE ledger_entries SET credits = 1').run()).toThrow(/append-only/);
      expect(() => db.sqlite.prepare('DELETE FROM ledger_entries').run()).toThrow(/append-only/);
      const indexes = (
        db.sqlite
          .prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'ledger_entries'")
          .all() as {
          name: string;
        }[]
      ).map((r) => r.name);
      expect(indexes).toEqual(
        expect.arrayContaining([
          'ledger_entries_history',
          'ledger_entries_one_per_purchase',
          'ledger_entries_one_per_request',
          'ledger_entries_one_per_order',
          'ledger_entries_one_per_invoice',
        ]),
      );

      const streams = db.sqlite
        .prepare('SELECT provider, stream, enabled, cursor, resume_json FROM sync_streams ORDER BY provider, stream')
        .all();
      expect(streams).toEqual([
        {
          provider: 'paypal',
          stream: 'transactions',
          enabled: 1,
          cursor: '2026-11-21T00:00:00.000Z',
          resume_json: paypalResume,
        },
        { provider: 'stripe', stream: 'disputes', enabled: 1, cursor: '2026-11-20T00:00:00.000Z', resume_json: null },
        {
          provider: 'stripe',
          stream: 'refunds',
          enabled: 1,
          cursor: '2026-11-20T00:00:00.000Z',
          resume_json: stripeResume,
        },
        { provider: 'stripe', stream: 'sessions', enabled: 1, cursor: '2026-11-20T00:00:00.000Z', resume_json: null },
      ]);
      expect(db.sqlite.prepare('SELECT cursor, resume_json FROM sync_state').all()).toEqual([
        { cursor: null, resume_json: null },
        { cursor: null, resume_json: null },
      ]);

      // The old review item is open and can now be reversed with the new entry type.
      const reversed = (await after('sync.review.resolve', { reviewId: 1, action: 'reverse', reason: 'Refunded' })) as {
        transaction: { type: string; credits: number };
      };
      expect(reversed.transaction).toMatchObject({ type: 'refund_reversal', credits: 100 });
      expect(() => db.sqlite.prepare("UPDATE sync_review_items SET status = 'open'").run()).toThrow(/final/);
      expect(verifyLedger(db)).toMatchObject({ ok: true, checkedEntries: 7 });
    } finally {
      db.close();
    }
  });
});
