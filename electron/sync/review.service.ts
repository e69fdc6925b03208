/**
 * Review items (PRODUCT F16): refunds, reversals and disputes of credited provider payments,
 * closed by staff. *Reverse* posts an Out "refund reversal" for the credits the refunded part
 * bought, in the same transaction as closing the item, so the two can never part: a refused
 * posting (INSUFFICIENT_CREDITS) leaves the item open. *Keep* records why the credits stay.
 * A closed item is final (a trigger refuses changing it): resolving twice is CONFLICT.
 */
import type { Selectable } from 'kysely';
import { AppError } from '../../shared/result';
import { formatMinor } from '../../shared/money';
import { isCurrencyCode } from '../../shared/currencies';
import type { LedgerEntry, Page } from '../../shared/dto';
import type { SyncReviewItem } from '../../shared/dto.sync';
import type { ParsedInput } from '../../shared/contract';
import type { AsyncQueries } from '../db/async-db';
import type { SyncReviewItemsTable } from '../db/schema';
import type { Call } from '../ledger/context';
import { DEFAULT_LIMIT, decodeCursor, toPage } from '../ledger/cursor';
import type { Poster } from '../ledger/posting';
import { formatCreditsPlain, providerLabel } from '../ledger/words';
import { proportionalCredits, type Proportion } from './proportion';

type ReviewRow = Selectable<SyncReviewItemsTable>;

interface PurchaseFacts {
  credits: number;
  amount_minor: number;
  currency: string;
}

function amountOf(minor: number | null, currency: string | null): string | null {
  return minor === null || currency === null || !isCurrencyCode(currency) ? null : formatMinor(minor, currency);
}

async function purchaseOf(q: AsyncQueries, row: ReviewRow): Promise<PurchaseFacts> {
  const p = await q.get(
    q.k.selectFrom('purchases').select(['credits', 'amount_minor', 'currency']).where('id', '=', row.purchase_id),
  );
  if (p === undefined) throw new Error(`review item ${row.id} names purchase ${row.purchase_id}, which does not exist`);
  return p;
}

/**
 * What reversing an open item would take back now: the proportion of the purchase's credits,
 * less what earlier reversals of the same payment took (a refund and then a chargeback of one
 * payment never take more than it bought). Null when the refund is in another currency.
 */
async function plan(q: AsyncQueries, row: ReviewRow, purchase: PurchaseFacts): Promise<Proportion | null> {
  if (row.currency !== null && row.currency !== purchase.currency) return null;
  // A dispute or reversal whose amount the provider did not give is for the whole payment.
  const refunded = row.amount_minor ?? purchase.amount_minor;
  const share = proportionalCredits(purchase.credits, refunded, purchase.amount_minor);
  const taken = await q.get(
    q.k
      .selectFrom('sync_review_items')
      .select((eb) => eb.fn.sum<number | null>('reversal_credits').as('n'))
      .where('purchase_id', '=', row.purchase_id)
      .where('resolution', '=', 'reversed'),
  );
  const left = Math.max(0, purchase.credits - (taken?.n ?? 0));
  return share.credits <= left ? share : { ...share, credits: left };
}

export async function toReviewItem(q: AsyncQueries, r: ReviewRow): Promise<SyncReviewItem> {
  const purchase = await purchaseOf(q, r);
  const client = await q.get(
    q.k
      .selectFrom('clients')
      .innerJoin('client_balances', 'client_balances.client_id', 'clients.id')
      .select(['clients.name', 'client_balances.balance'])
      .where('clients.id', '=', r.client_id),
  );
  const reversal =
    r.status === 'open'
      ? await plan(q, r, purchase)
      : r.resolution === 'reversed'
        ? { credits: r.reversal_credits!, exact: r.reversal_exact! }
        : null;
  return {
    id: r.id,
    provider: r.provider,
    kind: r.kind,
    eventId: r.event_id,
    providerPaymentId: r.provider_payment_id,
    purchaseId: r.purchase_id,
    clientId: r.client_id,
    amount: amountOf(r.amount_minor, r.currency),
    currency: r.currency,
    providerStatus: r.provider_status,
    occurredAt: r.occurred_at,
    createdAt: r.created_at,
    status: r.status,
    clientName: client?.name ?? '',
    clientBalance: client?.balance ?? 0,
    purchaseCredits: purchase.credits,
    purchaseAmount: formatMinor(purchase.amount_minor, purchase.currency),
    purchaseCurrency: purchase.currency,
    reversal: reversal === null ? null : { credits: reversal.credits, exact: reversal.exact },
    resolution: r.resolution,
    resolutionReason: r.resolution_reason,
    resolvedAt: r.resolved_at,
    resolvedBy: r.resolved_by,
    reversalEntryId: r.reversal_entry_id,
  };
}

/** Review items, newest first. */
export async function listReviewItems(
  q: AsyncQueries,
  input: ParsedInput<'sync.review.list'>,
): Promise<Page<SyncReviewItem>> {
  const limit = input.limit ?? DEFAULT_LIMIT;
  let query = q.k
    .selectFrom('sync_review_items')
    .selectAll()
    .orderBy('id', 'desc')
    .limit(limit + 1);
  if (input.status !== undefined) query = query.where('status', '=', input.status);
  if (input.cursor !== undefined) {
    const [afterId] = decodeCursor(input.cursor, ['number'] as const);
    query = query.where('id', '<', afterId);
  }
  const page = toPage(
    await q.all(query),
    limit,
    (r) => r,
    (r) => [r.id],
  );
  const items: SyncReviewItem[] = [];
  for (const r of page.items) items.push(await toReviewItem(q, r));
  return { ...page, items };
}

async function requireReview(q: AsyncQueries, reviewId: number): Promise<ReviewRow> {
  const row = await q.get(q.k.selectFrom('sync_review_items').selectAll().where('id', '=', reviewId));
  if (row === undefined) throw new AppError('NOT_FOUND', `Review item ${reviewId} does not exist.`, { reviewId });
  return row;
}

const KIND_WORD = { refund: 'Refund', dispute: 'Dispute' } as const;

/** `sync.review.resolve`. */
export async function resolveReview(
  call: Call,
  poster: Poster,
  input: ParsedInput<'sync.review.resolve'>,
): Promise<{ item: SyncReviewItem; transaction: LedgerEntry | null }> {
  const { tx } = call;
  // Lock the client's balance row (the one posting locks) before reading the item and what
  // earlier reversals of its payment took: on PostgreSQL two staff closing a refund and a
  // chargeback of one payment at once must take turns, or each would take back the whole
  // payment. Reading after the lock sees the other's committed reversal.
  const { client_id: clientId } = await requireReview(tx, input.reviewId);
  await tx.lockRows('client_balances', 'client_id', [clientId]);
  const row = await requireReview(tx, input.reviewId);
  if (row.status === 'closed') {
    const how =
      row.resolution === 'reversed'
        ? `its credits were taken back by ${row.resolved_by ?? 'someone'}`
        : row.resolution === 'kept'
          ? `${row.resolved_by ?? 'someone'} kept the credits`
          : 'the dispute was won';
    throw new AppError('CONFLICT', `This ${row.kind} was already closed: ${how}. A closed item cannot be changed.`, {
      field: 'reviewId',
      resolution: row.resolution,
    });
  }
  const close = {
    status: 'closed' as const,
    resolution_reason: input.reason,
    resolved_at: call.nowIso,
    resolved_by: call.actor,
  };
  if (input.action === 'keep') {
    await tx.run(
      tx.k
        .updateTable('sync_review_items')
        .set({ ...close, resolution: 'kept' })
        .where('id', '=', row.id),
    );
    return { item: await toReviewItem(tx, await requireReview(tx, row.id)), transaction: null };
  }
  const purchase = await purchaseOf(tx, row);
  const share = await plan(tx, row, purchase);
  if (share === null) {
    throw new AppError(
      'VALIDATION_ERROR',
      `This ${row.kind} is in ${row.currency ?? 'another currency'}, not the ${purchase.currency} the payment was made in, so its credits cannot be worked out. Keep it with a reason and post an adjustment instead.`,
      { field: 'reviewId' },
    );
  }
  let transaction: LedgerEntry | null = null;
  // A refund worth less than one credit takes nothing back (rounded down in the client's favour).
  if (share.credits > 0) {
    const refundedMinor = row.amount_minor ?? purchase.amount_minor;
    try {
      transaction = await poster.post(call, {
        clientId: row.client_id,
        direction: 'out',
        type: 'refund_reversal',
        credits: share.credits,
        reference: `${KIND_WORD[row.kind]} ${row.event_id} of ${providerLabel(row.provider)} ${row.provider_payment_id}`,
        memo: input.reason,
        conversion: {
          amountMinor: refundedMinor,
          currency: purchase.currency,
          creditsPerUnit: null,
          exactCredits: share.exactDecimal,
          rateId: null,
        },
      });
    } catch (error) {
      if (error instanceof AppError && error.code === 'INSUFFICIENT_CREDITS') {
        const available = (error.details as { available: number }).available;
        throw new AppError(
          'INSUFFICIENT_CREDITS',
          `Reversing this ${row.kind} takes back ${formatCreditsPlain(share.credits)} credits, but the client has only ${formatCreditsPlain(available)} left: the rest were spent. The item stays open: keep it with a reason, or take back what is left with an adjustment.`,
          error.details,
        );
      }
      throw error;
    }
  }
  await tx.run(
    tx.k
      .updateTable('sync_review_items')
      .set({
        ...close,
        resolution: 'reversed',
        reversal_entry_id: transaction?.id ?? null,
        reversal_credits: share.credits,
        reversal_exact: share.exact,
      })
      .where('id', '=', row.id),
  );
  return { item: await toReviewItem(tx, await requireReview(tx, row.id)), transaction };
}
