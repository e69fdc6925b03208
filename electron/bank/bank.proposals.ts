/**
 * Proposals against the requests pending right now (PRODUCT F15). They are never stored: each
 * read computes them from the pending queue of that moment, so a request accepted or rejected
 * by hand (or through another bank match) is no longer proposed anywhere, with nothing to
 * keep in step.
 */
import type { Selectable } from 'kysely';
import type { BankProposal } from '../../shared/dto.bank';
import { formatMinor } from '../../shared/money';
import type { AsyncQueries } from '../db/async-db';
import type { BankTransactionsTable } from '../db/schema';
import { indexRequests, proposeMatches, type RequestIndex } from './matching';
import type { BankRow } from './types';

/** What the page shows of a pending request beside the scorer's facts. */
interface RequestFacts {
  clientId: number;
  clientName: string;
  paymentReference: string | null;
  credits: number;
  balance: number;
}

/** The pending queue, indexed once per call. */
export interface PendingQueue {
  index: RequestIndex;
  facts: Map<number, RequestFacts>;
}

/** Reads every pending request (oldest first, so ties keep the queue's order) and indexes it. */
export async function loadPendingQueue(q: AsyncQueries): Promise<PendingQueue> {
  const rows = await q.all(
    q.k
      .selectFrom('credit_requests')
      .innerJoin('clients', 'clients.id', 'credit_requests.client_id')
      .innerJoin('client_balances', 'client_balances.client_id', 'credit_requests.client_id')
      .select([
        'credit_requests.id',
        'credit_requests.client_id',
        'credit_requests.amount_minor',
        'credit_requests.currency',
        'credit_requests.credits',
        'credit_requests.payment_reference',
        'credit_requests.submitted_at',
        'clients.name',
        'clients.company',
        'client_balances.balance',
      ])
      .where('credit_requests.status', '=', 'pending')
      .orderBy('credit_requests.id', 'asc'),
  );
  const facts = new Map<number, RequestFacts>();
  const index = indexRequests(
    rows.map((r) => {
      facts.set(r.id, {
        clientId: r.client_id,
        clientName: r.name,
        paymentReference: r.payment_reference,
        credits: r.credits,
        balance: r.balance,
      });
      return {
        id: r.id,
        clientName: r.name,
        clientCompany: r.company,
        amount: formatMinor(r.amount_minor, r.currency),
        currency: r.currency,
        paymentReference: r.payment_reference,
        submittedAt: r.submitted_at,
      };
    }),
  );
  return { index, facts };
}

/** The scorer's view of a stored transaction. */
export function storedRow(r: Selectable<BankTransactionsTable>): BankRow {
  return {
    accountId: r.account_id,
    direction: r.direction,
    reversal: r.reversal === 1,
    amount: formatMinor(r.amount_minor, r.currency),
    currency: r.currency,
    bookingDate: r.booking_date,
    valueDate: r.value_date,
    bankReference: r.bank_reference,
    entryReference: r.entry_reference,
    endToEndId: r.end_to_end_id,
    remittance: r.remittance,
    payerName: r.payer_name,
    payerAccount: r.payer_account,
    bankId: null,
    sourceLocation: r.source_location,
  };
}

/** Proposals for a row: none for a flagged row (its amount is in question) or a decided one. */
export function proposalsFor(
  row: BankRow,
  queue: PendingQueue,
  state: { status: string; flaggedOf: number | null },
): BankProposal[] {
  if (state.status !== 'unmatched' || state.flaggedOf !== null) return [];
  return proposeMatches(row, queue.index).map((p) => {
    const f = queue.facts.get(p.requestId)!;
    return { ...p, ...f, balanceAfter: f.balance + f.credits };
  });
}
