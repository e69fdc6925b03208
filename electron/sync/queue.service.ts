/**
 * The unmatched queue, for staff (PRODUCT F11; review items: review.service.ts). Resolving credits the payment
 * through the same idempotent path as the poller (`recordPurchase`), so a payment is credited
 * once whichever way it arrives; decisions are final (a trigger refuses changing them).
 */
import type { Selectable } from 'kysely';
import { AppError } from '../../shared/result';
import { formatMinor } from '../../shared/money';
import { isCurrencyCode } from '../../shared/currencies';
import type { LedgerEntry, Page, Purchase } from '../../shared/dto';
import type { UnmatchedPayment } from '../../shared/dto.sync';
import type { ParsedInput } from '../../shared/contract';
import type { AsyncQueries } from '../db/async-db';
import type { SyncUnmatchedTable } from '../db/schema';
import type { Call } from '../ledger/context';
import { DEFAULT_LIMIT, decodeCursor, toPage } from '../ledger/cursor';
import type { Poster } from '../ledger/posting';
import { recordPurchase } from '../ledger/purchases.service';

function amountOf(minor: number | null, currency: string | null): string | null {
  return minor === null || currency === null || !isCurrencyCode(currency) ? null : formatMinor(minor, currency);
}

export function toUnmatched(r: Selectable<SyncUnmatchedTable>): UnmatchedPayment {
  return {
    id: r.id,
    provider: r.provider,
    providerPaymentId: r.provider_payment_id,
    reason: r.reason,
    detail: r.detail,
    clientRef: r.client_ref,
    packageRef: r.package_ref,
    email: r.email,
    amount: amountOf(r.amount_minor, r.currency),
    currency: r.currency,
    paidAt: r.paid_at,
    status: r.status,
    firstSeenAt: r.first_seen_at,
    lastSeenAt: r.last_seen_at,
    resolvedClientId: r.resolved_client_id,
    resolvedPackageId: r.resolved_package_id,
    purchaseId: r.purchase_id,
    dismissReason: r.dismiss_reason,
    decidedAt: r.decided_at,
    decidedBy: r.decided_by,
  };
}

/** The queue, newest first; filter by status and provider. */
export async function listUnmatched(
  q: AsyncQueries,
  input: ParsedInput<'sync.unmatched.list'>,
): Promise<Page<UnmatchedPayment>> {
  const limit = input.limit ?? DEFAULT_LIMIT;
  let query = q.k
    .selectFrom('sync_unmatched')
    .selectAll()
    .orderBy('id', 'desc')
    .limit(limit + 1);
  if (input.status !== undefined) query = query.where('status', '=', input.status);
  if (input.provider !== undefined) query = query.where('provider', '=', input.provider);
  if (input.cursor !== undefined) {
    const [afterId] = decodeCursor(input.cursor, ['number'] as const);
    query = query.where('id', '<', afterId);
  }
  return toPage(await q.all(query), limit, toUnmatched, (r) => [r.id]);
}

async function requireUnmatched(q: AsyncQueries, unmatchedId: number): Promise<Selectable<SyncUnmatchedTable>> {
  const row = await q.get(q.k.selectFrom('sync_unmatched').selectAll().where('id', '=', unmatchedId));
  if (row === undefined) {
    throw new AppError('NOT_FOUND', `Unmatched payment ${unmatchedId} does not exist.`, { unmatchedId });
  }
  return row;
}

/**
 * Staff choose the client and package: the payment is credited once through `recordPurchase`
 * (which refuses a package whose price or currency differs from what was paid). Repeating the
 * same resolution returns the first result; any other change of a decided item is CONFLICT.
 */
export async function resolveUnmatched(
  call: Call,
  poster: Poster,
  input: ParsedInput<'sync.unmatched.resolve'>,
): Promise<{ item: UnmatchedPayment; purchase: Purchase; transaction: LedgerEntry }> {
  const { tx } = call;
  const row = await requireUnmatched(tx, input.unmatchedId);
  if (row.status === 'dismissed') {
    throw new AppError('CONFLICT', 'This payment was dismissed; a dismissed payment cannot be credited.', {
      field: 'unmatchedId',
      status: row.status,
    });
  }
  if (
    row.status === 'resolved' &&
    (row.resolved_client_id !== input.clientId || row.resolved_package_id !== input.packageId)
  ) {
    throw new AppError('CONFLICT', 'This payment was already credited to another client or package.', {
      field: 'unmatchedId',
      status: row.status,
      purchaseId: row.purchase_id,
    });
  }
  const amount = amountOf(row.amount_minor, row.currency);
  if (amount === null || row.currency === null) {
    throw new AppError(
      'VALIDATION_ERROR',
      'The amount of this payment could not be read, so it cannot be credited as a package. Dismiss it and post an adjustment instead.',
      { field: 'unmatchedId' },
    );
  }
  let recorded;
  try {
    recorded = await recordPurchase(call, poster, {
      clientId: input.clientId,
      packageId: input.packageId,
      provider: row.provider,
      providerPaymentId: row.provider_payment_id,
      amount,
      currency: row.currency,
    });
  } catch (error) {
    // recordPurchase names its own fields (amount, currency); here the staff member chose the package.
    if (error instanceof AppError && error.code === 'VALIDATION_ERROR') {
      throw new AppError('VALIDATION_ERROR', error.message, { ...error.details, field: 'packageId' });
    }
    throw error;
  }
  if (row.status === 'pending') {
    await tx.run(
      tx.k
        .updateTable('sync_unmatched')
        .set({
          status: 'resolved',
          resolved_client_id: input.clientId,
          resolved_package_id: input.packageId,
          purchase_id: recorded.purchase.id,
          decided_at: call.nowIso,
          decided_by: call.actor,
        })
        .where('id', '=', row.id),
    );
  }
  return { item: toUnmatched(await requireUnmatched(tx, row.id)), ...recorded };
}

/** Staff dismiss a payment with a reason (e.g. refunded, not a package purchase). Repeating it changes nothing. */
export async function dismissUnmatched(
  call: Call,
  input: ParsedInput<'sync.unmatched.dismiss'>,
): Promise<UnmatchedPayment> {
  const { tx } = call;
  const row = await requireUnmatched(tx, input.unmatchedId);
  if (row.status === 'dismissed') return toUnmatched(row);
  if (row.status === 'resolved') {
    throw new AppError('CONFLICT', 'This payment was already credited; post an adjustment to correct it.', {
      field: 'unmatchedId',
      status: row.status,
      purchaseId: row.purchase_id,
    });
  }
  await tx.run(
    tx.k
      .updateTable('sync_unmatched')
      .set({ status: 'dismissed', dismiss_reason: input.reason, decided_at: call.nowIso, decided_by: call.actor })
      .where('id', '=', row.id),
  );
  return toUnmatched(await requireUnmatched(tx, row.id));
}
