/** The matching scorer: gates, then reference ≫ payer name > date; ties stay ties. */
import { describe, expect, it } from 'vitest';
import {
  indexRequests,
  MATCH_POINTS,
  normaliseReference,
  proposeMatches,
  type PendingRequest,
} from '../../electron/bank/matching';
import { nameSimilarity, nameWords } from '../../electron/bank/names';
import { parseStatement } from '../../electron/bank/parse';
import type { BankRow } from '../../electron/bank/types';
import { fixture } from './helpers';

const credit: BankRow = {
  accountId: 'DE89370400440532013000',
  direction: 'credit',
  reversal: false,
  amount: '10.00',
  currency: 'EUR',
  bookingDate: '2026-03-02',
  valueDate: null,
  bankReference: null,
  entryReference: null,
  endToEndId: null,
  remittance: 'Credit request bank 00-42, thanks',
  payerName: 'NORTHWIND STUDIO GMBH',
  payerAccount: null,
  bankId: null,
  sourceLocation: 'line 1',
};

function request(id: number, extra: Partial<PendingRequest> = {}): PendingRequest {
  return {
    id,
    clientName: 'Someone Else',
    clientCompany: null,
    amount: '10.00',
    currency: 'EUR',
    paymentReference: null,
    submittedAt: '2025-06-01T10:00:00.000Z',
    ...extra,
  };
}

const propose = (row: BankRow, requests: PendingRequest[]) => proposeMatches(row, indexRequests(requests));

describe('hard gates', () => {
  it('proposes only for incoming, non-reversed credits of the same currency and exact amount', () => {
    const requests = [
      request(1),
      request(2, { amount: '10.01' }),
      request(3, { currency: 'USD' }),
      request(4, { amount: '10' }),
    ];
    // "10" and "10.00" are the same amount.
    expect(propose(credit, requests).map((p) => p.requestId)).toEqual([1, 4]);
    expect(propose({ ...credit, direction: 'debit' }, requests)).toEqual([]);
    expect(propose({ ...credit, reversal: true }, requests)).toEqual([]);
    expect(propose({ ...credit, amount: '9.99' }, requests)).toEqual([]);
  });

  it('never proposes a request whose amount cannot be read', () => {
    expect(propose(credit, [request(1, { amount: '10.001' }), request(2, { amount: 'ten' })])).toEqual([]);
  });

  it('lists every candidate with at least the amount reason', () => {
    expect(propose(credit, [request(7)])).toEqual([
      { requestId: 7, score: 0, reasons: [{ code: 'amount', points: 0, detail: 'same amount 10.00 EUR' }] },
    ]);
  });
});

describe('reference', () => {
  it('ignores case, spaces, hyphens, dots and slashes', () => {
    expect(normaliseReference(' bank-00.42/x\\y ')).toBe('BANK0042XY');
    const [best] = propose(credit, [request(1, { paymentReference: 'BANK-0042' })]);
    expect(best!.score).toBe(MATCH_POINTS.reference);
    expect(best!.reasons[1]).toEqual({
      code: 'reference',
      points: 100,
      detail: 'payment reference BANK-0042 found in the remittance',
    });
  });

  it('finds it in the end-to-end id, the bank reference or the entry reference too', () => {
    for (const where of ['endToEndId', 'bankReference', 'entryReference'] as const) {
      const row = { ...credit, remittance: null, [where]: 'bank/0042' };
      expect(propose(row, [request(1, { paymentReference: 'BANK-0042' })])[0]!.score).toBe(100);
    }
  });

  it('does not count references too short to mean anything', () => {
    expect(propose({ ...credit, remittance: 'order 42' }, [request(1, { paymentReference: '42' })])[0]!.score).toBe(0);
  });

  it('outranks the best name and date together', () => {
    const byName = request(1, { clientName: 'Northwind Studio', submittedAt: '2026-03-02T09:00:00Z' });
    const byRef = request(2, { paymentReference: 'BANK-0042' });
    const [first, second] = propose(credit, [byName, byRef]);
    expect(first!.requestId).toBe(2);
    expect(second!.score).toBe(MATCH_POINTS.payerName + MATCH_POINTS.date);
    expect(first!.score).toBeGreaterThan(second!.score);
  });
});

describe('payer name and date', () => {
  it('matches the client name or company despite case, accents, legal forms and word order', () => {
    expect(nameSimilarity(nameWords('MUELLER HANS'), nameWords('Hans Mueller'))).toBe(1);
    expect(nameSimilarity(nameWords('SIA OZOLS UN BERZS'), nameWords('Ozols un Bērzs'))).toBe(1);
    expect(nameSimilarity(nameWords('NORTHWINDSTUDIO'), nameWords('Northwind Studio'))).toBe(1);
    expect(nameSimilarity(nameWords('NORTHWIND STUDIO INTERNATIO'), nameWords('Northwind Studio International'))).toBe(
      0.9,
    );
    expect(nameSimilarity(nameWords('Contoso'), nameWords('Fabrikam'))).toBe(0);

    const [p] = propose(credit, [request(1, { clientName: 'Jane Roe', clientCompany: 'Northwind Studio' })]);
    expect(p!.reasons.find((r) => r.code === 'payer_name')).toEqual({
      code: 'payer_name',
      points: 20,
      detail: "payer NORTHWIND STUDIO GMBH is like the client's company Northwind Studio (100%)",
    });
  });

  it('ranks a similar name above a near date, and a nearer date above a farther one', () => {
    const near = request(1, { submittedAt: '2026-03-01T23:00:00Z' });
    const named = request(2, { clientName: 'Northwind Studio' });
    const far = request(3, { submittedAt: '2026-02-10' });
    const proposals = propose(credit, [near, far, named]);
    expect(proposals.map((p) => [p.requestId, p.score])).toEqual([
      [2, 20],
      [1, 5],
      [3, 2],
    ]);
    expect(proposals[1]!.reasons[1]).toEqual({
      code: 'date',
      points: 5,
      detail: "booked 1 day from the request's submission",
    });
  });

  it('keeps ties as ties, in the order the requests were given', () => {
    const proposals = propose(credit, [request(9), request(3), request(5)]);
    expect(proposals.map((p) => [p.requestId, p.score])).toEqual([
      [9, 0],
      [3, 0],
      [5, 0],
    ]);
  });
});

describe('on a real statement', () => {
  it('proposes the batch detail that names the request, and nothing for the reversal', () => {
    const { rows } = parseStatement('s.xml', fixture('camt/camt053-v02-batch.xml'));
    const index = indexRequests([
      request(1, { paymentReference: 'BANK-0042', clientName: 'Hans Müller', submittedAt: '2026-03-01T12:00:00Z' }),
      request(2, { amount: '250.00', clientName: 'Northwind Studio', paymentReference: 'RF18539007547034' }),
    ]);
    expect(proposeMatches(rows[1]!, index).map((p) => [p.requestId, p.score])).toEqual([[1, 100 + 10 + 5]]);
    expect(proposeMatches(rows[0]!, index).map((p) => [p.requestId, p.score])).toEqual([[2, 120]]);
    expect(proposeMatches(rows[5]!, index)).toEqual([]); // the returned direct debit
  });
});
