/**
 * Bank transactions after import (PRODUCT F15): the list with proposals of the moment, and the
 * two staff decisions. `bank.match.confirm` accepts the request through the ledger's own
 * acceptRequest (the exactly-once path of `requests.accept`) in the same transaction as the
 * link, so either both happen or neither does. A decision is claimed with a conditional
 * UPDATE (`WHERE status = 'unmatched'`): of two concurrent confirms one wins, the other is
 * CONFLICT, whichever engine.
 */
import type { ParsedInput } from '../../shared/contract';
import type { CreditRequest, LedgerEntry, Page } from '../../shared/dto';
import type { BankTransaction } from '../../shared/dto.bank';
import { parseAmount } from '../../shared/money';
import { AppError, invalid } from '../../shared/result';
import { assertFourEyes } from '../auth/four-eyes';
import type { AsyncQueries } from '../db/async-db';
import type { Call } from '../ledger/context';
import { DEFAULT_LIMIT, decodeCursor, encodeCursor } from '../ledger/cursor';
import type { Poster } from '../ledger/posting';
import { acceptRequest, requireRequest } from '../ledger/requests.service';
import { getSettings } from '../ledger/settings.service';
import { loadPendingQueue, proposalsFor, storedRow, type PendingQueue } from './bank.proposals';
import { requireBankTransaction, toBankTransaction } from './bank.rows';

type ListInput = ParsedInput<'bank.transactions.list'>;

function withProposals(queue: PendingQueue | null) {
  return (r: Parameters<typeof toBankTransaction>[0]): BankTransaction =>
    toBankTransaction(
      r,
      queue === null ? [] : proposalsFor(storedRow(r), queue, { status: r.status, flaggedOf: r.flagged_of }),
    );
}

/**
 * Newest first, keyset-paged by id. `proposed` and `unmatched` are both stored as unmatched and
 * told apart by the proposals of the moment, so those pages read ahead in chunks until full.
 */
export async function listBankTransactions(q: AsyncQueries, input: ListInput): Promise<Page<BankTransaction>> {
  const limit = input.limit ?? DEFAULT_LIMIT;
  const status = input.status;
  const stored = status === 'proposed' ? 'unmatched' : status;
  const queue = status === 'matched' || status === 'ignored' ? null : await loadPendingQueue(q);
  const toDto = withProposals(queue);
  let before =
    input.cursor === undefined ? Number.MAX_SAFE_INTEGER : decodeCursor(input.cursor, ['number'] as const)[0];
  const items: BankTransaction[] = [];
  const chunk = Math.max(limit + 1, 200);
  for (;;) {
    let query = q.k.selectFrom('bank_transactions').selectAll().where('id', '<', before);
    if (stored !== undefined) query = query.where('status', '=', stored);
    const rows = await q.all(query.orderBy('id', 'desc').limit(chunk));
    for (const row of rows) {
      const dto = toDto(row);
      if (status === undefined || dto.status === status) items.push(dto);
      if (items.length > limit) break;
    }
    if (items.length > limit || rows.length < chunk) break;
    before = rows[rows.length - 1]!.id;
  }
  const more = items.length > limit;
  const page = more ? items.slice(0, limit) : items;
  return { items: page, nextCursor: more ? encodeCursor([page[page.length - 1]!.id]) : null };
}

function alreadyDecided(r: { id: number; status: string; request_id: number | null; decided_by: string | null }) {
  const what = r.status === 'matched' ? `matched to request ${r.request_id}` : 'ignored';
  return new AppError(
    'CONFLICT',
    `Bank transaction ${r.id} was already ${what} by ${r.decided_by}; decisions are final.`,
    {
      bankTransactionId: r.id,
      status: r.status,
      requestId: r.request_id,
    },
  );
}

/** Claims an unmatched transaction for a decision, or throws CONFLICT (someone decided first). */
async function claim(
  call: Call,
  id: number,
  set: { status: 'matched'; request_id: number } | { status: 'ignored'; ignore_reason: string },
): Promise<void> {
  const { changes } = await call.tx.run(
    call.tx.k
      .updateTable('bank_transactions')
      .set({ ...set, decided_at: call.nowIso, decided_by: call.actor })
      .where('id', '=', id)
      .where('status', '=', 'unmatched'),
  );
  if (changes !== 1) throw alreadyDecided(await requireBankTransaction(call.tx, id));
}

/** Confirms that a credit paid a pending request: accepts the request and links the two. */
export async function confirmMatch(
  call: Call,
  poster: Poster,
  input: ParsedInput<'bank.match.confirm'>,
): Promise<{ bankTransaction: BankTransaction; request: CreditRequest; transaction: LedgerEntry }> {
  const { tx } = call;
  const row = await tx.get(
    tx.forUpdate(tx.k.selectFrom('bank_transactions').selectAll().where('id', '=', input.bankTransactionId)),
  );
  if (row === undefined) await requireBankTransaction(tx, input.bankTransactionId);
  const bank = row!;
  if (bank.status !== 'unmatched') throw alreadyDecided(bank);
  if (bank.direction !== 'credit' || bank.reversal === 1) {
    const what = bank.direction !== 'credit' ? 'money paid out' : 'a reversal';
    throw invalid('bankTransactionId', `Bank transaction ${bank.id} is ${what}, so it cannot pay a request.`);
  }
  if (bank.flagged_of !== null) {
    throw invalid(
      'bankTransactionId',
      `Bank transaction ${bank.id} repeats transaction ${bank.flagged_of} with another amount: check it with the bank, then ignore one of them.`,
    );
  }
  const request = await requireRequest(tx, input.requestId);
  const price = parseAmount(request.amount, request.currency);
  if (request.currency !== bank.currency || !price.ok || price.minor !== bank.amount_minor) {
    throw invalid(
      'requestId',
      `Request ${request.id} is for ${request.amount} ${request.currency}; the bank received another amount or currency.`,
    );
  }
  if (request.status === 'pending') {
    assertFourEyes((await getSettings(tx)).fourEyes, request.submittedBy, call.actor, { requestId: request.id });
  }
  // Accept first: a request already decided (by hand, or paid by another bank transaction) is
  // REQUEST_NOT_PENDING, as in requests.accept, before the link's UNIQUE(request_id) could
  // answer with a bare CONFLICT. Both writes are in this one transaction.
  const accepted = await acceptRequest(call, poster, { requestId: request.id });
  await claim(call, bank.id, { status: 'matched', request_id: request.id });
  const linked = await requireBankTransaction(tx, bank.id);
  return {
    bankTransaction: toBankTransaction(linked, []),
    request: accepted.request,
    transaction: accepted.transaction,
  };
}

/** Marks a transaction as not a payment to match (a fee, a transfer between own accounts, …). */
export async function ignoreTransaction(
  call: Call,
  input: ParsedInput<'bank.match.ignore'>,
): Promise<{ bankTransaction: BankTransaction }> {
  const bank = await requireBankTransaction(call.tx, input.bankTransactionId);
  if (bank.status !== 'unmatched') throw alreadyDecided(bank);
  await claim(call, bank.id, { status: 'ignored', ignore_reason: input.reason });
  return { bankTransaction: toBankTransaction(await requireBankTransaction(call.tx, bank.id), []) };
}
