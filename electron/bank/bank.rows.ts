/** Stored bank transactions → the wire (shared/dto.bank.ts), and the row look-ups the services share. */
import type { Selectable } from 'kysely';
import type { BankProposal, BankTransaction } from '../../shared/dto.bank';
import { formatMinor } from '../../shared/money';
import { AppError } from '../../shared/result';
import type { AsyncQueries } from '../db/async-db';
import { defineQuery } from '../db/database';
import type { BankTransactionsTable } from '../db/schema';

export const bankTransactionById = defineQuery(1, (k, id: number) =>
  k.selectFrom('bank_transactions').selectAll().where('id', '=', id),
);

/** The wire form of a stored transaction with its proposals of the moment. */
export function toBankTransaction(r: Selectable<BankTransactionsTable>, proposals: BankProposal[]): BankTransaction {
  const status = r.status === 'unmatched' && proposals.length > 0 ? 'proposed' : r.status;
  return {
    id: r.id,
    importId: r.import_id,
    accountId: r.account_id,
    direction: r.direction,
    reversal: r.reversal === 1,
    amount: formatMinor(r.amount_minor, r.currency),
    currency: r.currency,
    bookingDate: r.booking_date,
    valueDate: r.value_date,
    bankReference: r.bank_reference ?? r.entry_reference ?? r.end_to_end_id,
    remittance: r.remittance,
    payerName: r.payer_name,
    payerAccount: r.payer_account,
    status,
    proposals,
    requestId: r.request_id,
    flaggedOf: r.flagged_of,
    ignoreReason: r.ignore_reason,
    decidedAt: r.decided_at,
    decidedBy: r.decided_by,
  };
}

/** Loads a stored transaction or throws NOT_FOUND. */
export async function requireBankTransaction(q: AsyncQueries, id: number): Promise<Selectable<BankTransactionsTable>> {
  const row = await q.prepared(bankTransactionById).get(id);
  if (row === undefined) {
    throw new AppError('NOT_FOUND', `Bank transaction ${id} does not exist.`, { bankTransactionId: id });
  }
  return row;
}
