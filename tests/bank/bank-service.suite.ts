/**
 * The bank service's behaviour, written once and run on both engines (bank-service.test.ts):
 * import, re-import, overlap, twins, a changed amount, confirm exactly once, ignore, proposals
 * that follow the pending queue, and hostile files that store nothing.
 */
import { expect, it } from 'vitest';
import { dbErrorKind } from '../../electron/db/async-db';
import { base64, camt053, type Transfer } from './camt-builder';
import { fixture } from './helpers';
import type { EngineLedger } from './engines';

/** A client, a EUR package of 100 credits at 250.00, and a pending bank-transfer request with `reference`. */
async function pendingRequest(l: EngineLedger, reference: string, name = 'Northwind Studio', actor = 'tester') {
  await l.ok('settings.update', { creditPaymentsEnabled: true });
  const client = await l.ok('clients.create', { name });
  const pkg = await l.ok('packages.create', {
    name: `Pack ${reference}`,
    credits: 100,
    currency: 'EUR',
    price: '250.00',
  });
  const request = await l.ok(
    'requests.submit',
    { clientId: client.id, packageId: pkg.id, method: 'bank_transfer', paymentReference: reference },
    actor,
  );
  return { client, request };
}

const PAID: Transfer = { ref: 'TX-1', amount: '250.00', payer: 'NORTHWIND STUDIO', remittance: 'Invoice CD-2026-0042' };
const FEE: Transfer = { ref: 'TX-2', amount: '4.50', direction: 'debit', payer: 'Bank', remittance: 'Account fee' };
const BACK: Transfer = { ref: 'TX-3', amount: '250.00', reversal: true, remittance: 'CD-2026-0042 returned' };

function importFile(l: EngineLedger, transfers: Transfer[], fileName = 'statement.xml') {
  return l.ok('bank.import', { fileName, content: base64(camt053(transfers)) });
}

export function bankServiceSuite(open: () => Promise<EngineLedger>): void {
  const withLedger = (name: string, body: (l: EngineLedger) => Promise<void>) =>
    it(
      name,
      async () => {
        const l = await open();
        try {
          await body(l);
        } finally {
          await l.close();
        }
      },
      60_000,
    );

  withLedger('imports a camt.053 and proposes the request whose reference the payer wrote', async (l) => {
    const { request } = await pendingRequest(l, 'CD-2026-0042');
    const result = await importFile(l, [PAID, FEE, BACK]);
    expect(result).toMatchObject({
      format: 'camt.053',
      transactions: 3,
      new: 3,
      duplicates: 0,
      flagged: 0,
      proposed: 1,
    });
    const page = await l.ok('bank.transactions.list', {});
    expect(page.items.map((t) => [t.direction, t.reversal, t.status])).toEqual([
      ['credit', true, 'unmatched'],
      ['debit', false, 'unmatched'],
      ['credit', false, 'proposed'],
    ]);
    const credit = page.items[2]!;
    expect(credit).toMatchObject({ amount: '250.00', currency: 'EUR', payerName: 'NORTHWIND STUDIO', requestId: null });
    expect(credit.proposals[0]).toMatchObject({
      requestId: request.id,
      score: expect.any(Number) as number,
      balanceAfter: 100,
    });
    expect(credit.proposals[0]!.reasons.map((r) => r.code)).toContain('reference');
    expect((await l.ok('bank.transactions.list', { status: 'proposed' })).items.map((t) => t.id)).toEqual([credit.id]);
  });

  withLedger('re-importing a file or an overlapping statement adds nothing twice', async (l) => {
    await importFile(l, [PAID, FEE]);
    expect(await importFile(l, [PAID, FEE])).toMatchObject({ transactions: 2, new: 0, duplicates: 2 });
    const next: Transfer = { ref: 'TX-9', amount: '12.00', date: '2026-03-03' };
    expect(await importFile(l, [FEE, next])).toMatchObject({ transactions: 2, new: 1, duplicates: 1 });
    expect(await l.count('bank_transactions')).toBe(3);
    expect(await l.count('bank_imports')).toBe(3);
  });

  withLedger('accepts an idempotencyKey like every mutating channel; a repeat adds nothing', async (l) => {
    const input = { fileName: 'statement.xml', content: base64(camt053([PAID, FEE])), idempotencyKey: 'import-1' };
    expect(await l.ok('bank.import', input)).toMatchObject({ transactions: 2, new: 2, duplicates: 0 });
    expect(await l.ok('bank.import', input)).toMatchObject({ transactions: 2, new: 0, duplicates: 2 });
    expect(await l.count('bank_transactions')).toBe(2);
  });

  withLedger('two identical rows in one file are both kept, and only once', async (l) => {
    const twin: Transfer = { amount: '10.00', payer: 'Jane Roe', remittance: 'top-up' };
    expect(await importFile(l, [twin, twin])).toMatchObject({ new: 2, duplicates: 0 });
    expect(await importFile(l, [twin, twin, twin])).toMatchObject({ new: 1, duplicates: 2 });
    expect(await l.count('bank_transactions')).toBe(3);
  });

  withLedger('a known key with another amount is flagged, never merged, never proposed', async (l) => {
    await pendingRequest(l, 'CD-2026-0042');
    await importFile(l, [{ ...PAID, amount: '25.00' }]);
    const result = await importFile(l, [PAID]);
    expect(result).toMatchObject({ new: 0, duplicates: 0, flagged: 1, proposed: 0 });
    const [flagged, first] = (await l.ok('bank.transactions.list', {})).items;
    expect(flagged).toMatchObject({ amount: '250.00', flaggedOf: first!.id, proposals: [], status: 'unmatched' });
    expect(first).toMatchObject({ amount: '25.00', flaggedOf: null });
    expect(await importFile(l, [PAID])).toMatchObject({ new: 0, duplicates: 1, flagged: 0 });
    await l.refused('bank.match.confirm', { bankTransactionId: flagged!.id, requestId: 1 }, 'VALIDATION_ERROR');
  });

  withLedger('confirm accepts the request exactly once; a concurrent second confirm is CONFLICT', async (l) => {
    const { client, request } = await pendingRequest(l, 'CD-2026-0042');
    await importFile(l, [PAID]);
    const [credit] = (await l.ok('bank.transactions.list', {})).items;
    const input = { bankTransactionId: credit!.id, requestId: request.id };
    const results = await Promise.all([l.call('bank.match.confirm', input), l.call('bank.match.confirm', input)]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok).map((r) => (r.ok ? '' : r.error.code))).toEqual(['CONFLICT']);
    expect(await l.ok('clients.get', { clientId: client.id })).toMatchObject({ balance: 100 });
    expect(await l.ok('requests.list', { status: 'accepted' })).toMatchObject({ items: [{ id: request.id }] });
    expect((await l.ok('bank.transactions.list', { status: 'matched' })).items).toMatchObject([
      { id: credit!.id, requestId: request.id, status: 'matched' },
    ]);
    await l.refused('requests.accept', { requestId: request.id }, 'REQUEST_NOT_PENDING');
    await l.refused('bank.match.confirm', input, 'CONFLICT');
    expect(await l.count('ledger_entries')).toBe(1);
  });

  withLedger(
    'a request already paid by another bank transaction is REQUEST_NOT_PENDING, writing nothing',
    async (l) => {
      const { client, request } = await pendingRequest(l, 'CD-2026-0042');
      await importFile(l, [PAID, { ref: 'TX-5', amount: '250.00', payer: 'NORTHWIND STUDIO' }]);
      const [second, first] = (await l.ok('bank.transactions.list', {})).items;
      await l.ok('bank.match.confirm', { bankTransactionId: first!.id, requestId: request.id });
      const e = await l.refused(
        'bank.match.confirm',
        { bankTransactionId: second!.id, requestId: request.id },
        'REQUEST_NOT_PENDING',
      );
      expect(e.details).toMatchObject({ requestId: request.id, status: 'accepted' });
      expect(await l.ok('clients.get', { clientId: client.id })).toMatchObject({ balance: 100 });
      expect(await l.count('ledger_entries')).toBe(1);
      expect((await l.ok('bank.transactions.list', { status: 'unmatched' })).items).toMatchObject([
        { id: second!.id, requestId: null, decidedAt: null },
      ]);
    },
  );

  withLedger('confirm refuses a debit, a reversal and another amount, writing nothing', async (l) => {
    const { request } = await pendingRequest(l, 'CD-2026-0042');
    await importFile(l, [FEE, BACK, { ref: 'TX-4', amount: '249.99' }]);
    const [other, back, fee] = (await l.ok('bank.transactions.list', {})).items;
    for (const t of [fee!, back!]) {
      const e = await l.refused(
        'bank.match.confirm',
        { bankTransactionId: t.id, requestId: request.id },
        'VALIDATION_ERROR',
      );
      expect(e.details).toMatchObject({ field: 'bankTransactionId' });
    }
    const e = await l.refused(
      'bank.match.confirm',
      { bankTransactionId: other!.id, requestId: request.id },
      'VALIDATION_ERROR',
    );
    expect(e.details).toMatchObject({ field: 'requestId' });
    await l.refused('bank.match.confirm', { bankTransactionId: 999, requestId: request.id }, 'NOT_FOUND');
    expect(await l.count('ledger_entries')).toBe(0);
    expect((await l.ok('bank.transactions.list', { status: 'matched' })).items).toEqual([]);
  });

  withLedger('four eyes: the submitter of a request may not confirm its bank match', async (l) => {
    const { request } = await pendingRequest(l, 'CD-2026-0042', 'Northwind Studio', 'anna');
    await l.ok('settings.update', { fourEyes: true });
    await importFile(l, [PAID]);
    const [credit] = (await l.ok('bank.transactions.list', {})).items;
    const input = { bankTransactionId: credit!.id, requestId: request.id };
    await l.refused('bank.match.confirm', input, 'FOUR_EYES_REQUIRED', 'anna');
    await l.ok('bank.match.confirm', input, 'ben');
  });

  withLedger('ignore keeps the reason; a decided transaction stays decided', async (l) => {
    await importFile(l, [FEE]);
    const [fee] = (await l.ok('bank.transactions.list', {})).items;
    const ignored = await l.ok('bank.match.ignore', { bankTransactionId: fee!.id, reason: 'Bank fee' });
    expect(ignored.bankTransaction).toMatchObject({ status: 'ignored', ignoreReason: 'Bank fee', decidedBy: 'tester' });
    await l.refused('bank.match.ignore', { bankTransactionId: fee!.id, reason: 'again' }, 'CONFLICT');
    await l.refused('bank.match.ignore', { bankTransactionId: fee!.id, reason: '' }, 'VALIDATION_ERROR');
    expect((await l.ok('bank.transactions.list', { status: 'ignored' })).items).toHaveLength(1);
  });

  withLedger('a request accepted by hand is no longer proposed', async (l) => {
    const { request } = await pendingRequest(l, 'CD-2026-0042');
    await importFile(l, [PAID]);
    expect((await l.ok('bank.transactions.list', { status: 'proposed' })).items).toHaveLength(1);
    await l.ok('requests.accept', { requestId: request.id });
    expect((await l.ok('bank.transactions.list', { status: 'proposed' })).items).toEqual([]);
    expect((await l.ok('bank.transactions.list', { status: 'unmatched' })).items).toMatchObject([{ proposals: [] }]);
  });

  withLedger('pages are keyset cursors over a filtered list', async (l) => {
    await importFile(
      l,
      Array.from({ length: 7 }, (_, i) => ({ ref: `P-${i}`, amount: `${i + 1}.00` })),
    );
    const first = await l.ok('bank.transactions.list', { limit: 3 });
    const second = await l.ok('bank.transactions.list', { limit: 3, cursor: first.nextCursor! });
    const third = await l.ok('bank.transactions.list', { limit: 3, cursor: second.nextCursor! });
    expect([...first.items, ...second.items, ...third.items].map((t) => t.amount)).toEqual([
      '7.00',
      '6.00',
      '5.00',
      '4.00',
      '3.00',
      '2.00',
      '1.00',
    ]);
    expect(third.nextCursor).toBeNull();
  });

  withLedger('a hostile or unreadable file is refused, says where, and stores nothing', async (l) => {
    for (const [fileName, bytes] of [
      ['bomb.xml', fixture('hostile/billion-laughs.xml')],
      ['xxe.xml', fixture('hostile/xxe.xml')],
      ['junk.sta', Buffer.from([0, 1, 2, 3, 255, 254, 0, 0, 7, 8])],
      ['cut.xml', Buffer.from(camt053([PAID]).slice(0, 400))],
    ] as const) {
      const e = await l.refused('bank.import', { fileName, content: base64(bytes) }, 'VALIDATION_ERROR');
      expect(e.details).toMatchObject({ field: 'content' });
      expect(e.message.length).toBeGreaterThan(10);
    }
    await l.refused('bank.import', { fileName: 'x.xml', content: 'not base64!' }, 'VALIDATION_ERROR');
    expect(await l.count('bank_imports')).toBe(0);
    expect(await l.count('bank_transactions')).toBe(0);
  });

  withLedger('the database keeps imports and bank facts as they were (migration 0006)', async (l) => {
    await importFile(l, [FEE]);
    const [fee] = (await l.ok('bank.transactions.list', {})).items;
    const refusedBy = async (write: () => Promise<unknown>) => {
      try {
        await write();
      } catch (error) {
        return dbErrorKind(error);
      }
      return 'written';
    };
    const { db } = l;
    expect(
      await refusedBy(() => db.write((tx) => tx.run(tx.k.updateTable('bank_imports').set({ file_name: 'x' })))),
    ).toBe('refused-by-trigger');
    expect(await refusedBy(() => db.write((tx) => tx.run(tx.k.deleteFrom('bank_imports'))))).toBe('refused-by-trigger');
    expect(await refusedBy(() => db.write((tx) => tx.run(tx.k.deleteFrom('bank_transactions'))))).toBe(
      'refused-by-trigger',
    );
    expect(
      await refusedBy(() => db.write((tx) => tx.run(tx.k.updateTable('bank_transactions').set({ amount_minor: 1 })))),
    ).toBe('refused-by-trigger');
    await l.ok('bank.match.ignore', { bankTransactionId: fee!.id, reason: 'Bank fee' });
    expect(
      await refusedBy(() =>
        db.write((tx) =>
          tx.run(
            tx.k
              .updateTable('bank_transactions')
              .set({ status: 'unmatched', ignore_reason: null, decided_at: null, decided_by: null }),
          ),
        ),
      ),
    ).toBe('refused-by-trigger');
  });
}
