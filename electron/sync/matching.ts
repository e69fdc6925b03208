/**
 * Matching (PRODUCT F5, F11): a provider payment → a client and a package → `recordPurchase`
 * (idempotent by provider + payment id), or the unmatched queue with the reason.
 *
 * Rules, in order (the first that fails is the reason):
 * 1. The checkout must name a package and either a client or (Stripe) a payer email → else `missing_reference`.
 * 2. Client: the named id must exist (`unknown_client`); without an id, the payer email must
 *    belong to exactly one client, case-insensitively (`unknown_client` / `ambiguous_client`).
 * 3. Package: the named id must exist (`unknown_package`). An archived package is still credited:
 *    archiving stops new sales, but this customer already paid for it at its price.
 * 4. Currency and amount must equal the package's price exactly, now or in an earlier version
 *    of the package (a checkout started before a price change) (`currency_mismatch`,
 *    `amount_mismatch`): a partial, discounted or over-payment waits for staff.
 * 5. A payment id already recorded with other data is `conflict` (never credited twice).
 * All of this runs inside the page's write transaction; each payment in its own savepoint, so one
 * refusal never undoes the rest of the page.
 */
import { inSavepoint, type AsyncQueries, type AsyncTx } from '../db/async-db';
import type { Call } from '../ledger/context';
import type { Poster } from '../ledger/posting';
import { packageVersionSoldAt, requirePackage } from '../ledger/packages.service';
import { recordPurchase } from '../ledger/purchases.service';
import { AppError } from '../../shared/result';
import { formatMinor } from '../../shared/money';
import type { UnmatchedReason } from '../../shared/dto.sync';
import type { SyncLog } from './log';
import type { ProviderPayment, ProviderReversal } from './types';

/** What applying one page did. */
export interface ApplyCounts {
  credited: number;
  duplicates: number;
  unmatched: number;
  reviews: number;
  ignored: number;
}

type Match = { ok: true; clientId: number; packageId: number } | { ok: false; reason: UnmatchedReason; detail: string };

function refId(ref: string | null): number | null {
  if (ref === null || !/^\d{1,15}$/.test(ref)) return null;
  const n = Number(ref);
  return n > 0 ? n : null;
}

/** Finds the client and package a payment is for, or says why not. */
export async function matchPayment(q: AsyncQueries, p: ProviderPayment): Promise<Match> {
  if (p.packageRef === null || (p.clientRef === null && p.email === null)) {
    return {
      ok: false,
      reason: 'missing_reference',
      detail:
        p.provider === 'stripe'
          ? 'The Checkout Session names no Credit Desk package (metadata credit_desk_package_id) or client (metadata credit_desk_client_id or a customer email).'
          : 'The PayPal payment has no Credit Desk reference (custom_field credit_desk:<clientId>:<packageId>).',
    };
  }
  let clientId: number;
  if (p.clientRef !== null) {
    const id = refId(p.clientRef);
    const row = id === null ? undefined : await q.get(q.k.selectFrom('clients').select('id').where('id', '=', id));
    if (row === undefined)
      return { ok: false, reason: 'unknown_client', detail: `No client has the id "${p.clientRef}".` };
    clientId = row.id;
  } else {
    const email = p.email!.toLowerCase();
    const rows = await q.all(
      q.k
        .selectFrom('clients')
        .select('id')
        .where((eb) => eb(eb.fn('lower', ['email']), '=', email))
        .limit(2),
    );
    if (rows.length === 0)
      return { ok: false, reason: 'unknown_client', detail: `No client has the email ${p.email}.` };
    if (rows.length > 1) {
      return { ok: false, reason: 'ambiguous_client', detail: `More than one client has the email ${p.email}.` };
    }
    clientId = rows[0]!.id;
  }
  const packageId = refId(p.packageRef);
  const pkg =
    packageId === null
      ? undefined
      : await q.get(
          q.k
            .selectFrom('credit_packages')
            .select(['id', 'name', 'currency', 'price_minor'])
            .where('id', '=', packageId),
        );
  if (pkg === undefined) {
    return { ok: false, reason: 'unknown_package', detail: `No credit package has the id "${p.packageRef}".` };
  }
  // A payment at a price the package had before its latest edit buys that earlier version.
  const soldEarlier =
    p.currency !== null && p.amountMinor !== null && (p.currency !== pkg.currency || p.amountMinor !== pkg.price_minor)
      ? (await packageVersionSoldAt(q, await requirePackage(q, pkg.id), p.amountMinor, p.currency)) !== undefined
      : false;
  if (soldEarlier) return { ok: true, clientId, packageId: pkg.id };
  if (p.currency === null || p.currency !== pkg.currency) {
    return {
      ok: false,
      reason: 'currency_mismatch',
      detail: `Paid in ${p.currency ?? 'an unknown currency'}, but package "${pkg.name}" is sold in ${pkg.currency}.`,
    };
  }
  if (p.amountMinor !== pkg.price_minor) {
    const paid =
      p.amountMinor === null
        ? 'an amount that could not be read'
        : `${formatMinor(p.amountMinor, p.currency)} ${p.currency}`;
    return {
      ok: false,
      reason: 'amount_mismatch',
      detail: `Paid ${paid}, but package "${pkg.name}" costs ${formatMinor(pkg.price_minor, pkg.currency)} ${pkg.currency}.`,
    };
  }
  return { ok: true, clientId, packageId: pkg.id };
}

/** Credits a matched payment through the ledger's one idempotent path. */
export async function creditPayment(
  call: Call,
  poster: Poster,
  p: ProviderPayment,
  clientId: number,
  packageId: number,
) {
  return await recordPurchase(call, poster, {
    clientId,
    packageId,
    provider: p.provider,
    providerPaymentId: p.providerPaymentId,
    amount: formatMinor(p.amountMinor!, p.currency!),
    currency: p.currency!,
  });
}

async function queue(
  tx: AsyncTx,
  call: Call,
  p: ProviderPayment,
  reason: UnmatchedReason,
  detail: string,
): Promise<void> {
  const summary = JSON.stringify(p);
  await tx.run(
    tx.k
      .insertInto('sync_unmatched')
      .values({
        provider: p.provider,
        provider_payment_id: p.providerPaymentId,
        reason,
        detail,
        client_ref: p.clientRef,
        package_ref: p.packageRef,
        email: p.email,
        amount_minor: p.amountMinor,
        currency: p.currency,
        paid_at: p.createdAt,
        summary_json: summary,
        status: 'pending',
        first_seen_at: call.nowIso,
        last_seen_at: call.nowIso,
      })
      .onConflict((oc) =>
        oc
          .columns(['provider', 'provider_payment_id'])
          .doUpdateSet({ reason, detail, last_seen_at: call.nowIso })
          .where('sync_unmatched.status', '=', 'pending'),
      ),
  );
}

/**
 * Applies one succeeded payment. Already credited → duplicate. Waiting in the queue → matched
 * again (staff may have added the client since): credited and the queue item resolved by the
 * sync, or left waiting with the current reason. Decided by staff → left alone.
 */
export async function applyPayment(call: Call, poster: Poster, p: ProviderPayment, counts: ApplyCounts): Promise<void> {
  if (p.status !== 'succeeded') {
    counts.ignored++;
    return;
  }
  const tx = call.tx;
  const credited = await tx.get(
    tx.k
      .selectFrom('purchases')
      .select('id')
      .where('provider', '=', p.provider)
      .where('provider_payment_id', '=', p.providerPaymentId),
  );
  if (credited !== undefined) {
    counts.duplicates++;
    return;
  }
  const queued = await tx.get(
    tx.k
      .selectFrom('sync_unmatched')
      .select(['id', 'status'])
      .where('provider', '=', p.provider)
      .where('provider_payment_id', '=', p.providerPaymentId),
  );
  if (queued !== undefined && queued.status !== 'pending') {
    counts.duplicates++;
    return;
  }
  const match = await matchPayment(tx, p);
  if (!match.ok) {
    await queue(tx, call, p, match.reason, match.detail);
    if (queued === undefined) counts.unmatched++;
    else counts.duplicates++;
    return;
  }
  try {
    // A savepoint: a refusal here rolls back only this payment, never the rest of the page.
    await inSavepoint(tx, async () => {
      const recorded = await creditPayment(call, poster, p, match.clientId, match.packageId);
      if (queued !== undefined) {
        await tx.run(
          tx.k
            .updateTable('sync_unmatched')
            .set({
              status: 'resolved',
              resolved_client_id: match.clientId,
              resolved_package_id: match.packageId,
              purchase_id: recorded.purchase.id,
              decided_at: call.nowIso,
              decided_by: call.actor,
              last_seen_at: call.nowIso,
            })
            .where('id', '=', queued.id),
        );
      }
    });
    counts.credited++;
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    await queue(tx, call, p, error.code === 'CONFLICT' ? 'conflict' : 'amount_mismatch', error.message);
    if (queued === undefined) counts.unmatched++;
    else counts.duplicates++;
  }
}

/**
 * A refund or dispute of a credited payment → one review item (no automatic debit: staff decide,
 * PRODUCT F16). Seen again: the provider's status is brought up to date while the item is open.
 * A dispute the merchant won closes its item, and the payment's other open disputes, by itself.
 * Reversals of payments that were never credited are ignored.
 */
export async function applyReversal(
  call: Call,
  r: ProviderReversal,
  counts: ApplyCounts,
  log?: SyncLog,
): Promise<void> {
  const tx = call.tx;
  const purchase = await tx.get(
    tx.k
      .selectFrom('purchases')
      .select(['id', 'client_id'])
      .where('provider', '=', r.provider)
      .where('provider_payment_id', '=', r.providerPaymentId),
  );
  if (purchase === undefined) {
    counts.ignored++;
    return;
  }
  const won = r.merchantWon
    ? {
        status: 'closed' as const,
        resolution: 'dispute_won' as const,
        resolution_reason: null,
        resolved_at: call.nowIso,
        resolved_by: call.actor,
      }
    : { status: 'open' as const };
  if (r.merchantWon) {
    const closed = (
      await tx.run(
        tx.k
          .updateTable('sync_review_items')
          .set({ ...won, provider_status: r.providerStatus })
          .where('provider', '=', r.provider)
          .where('kind', '=', 'dispute')
          .where('status', '=', 'open')
          .where((eb) => eb.or([eb('event_id', '=', r.eventId), eb('provider_payment_id', '=', r.providerPaymentId)])),
      )
    ).changes;
    if (closed > 0) log?.info(`dispute of ${r.providerPaymentId} won: ${closed} review item(s) closed by themselves.`);
  }
  const existing = await tx.get(
    tx.k
      .selectFrom('sync_review_items')
      .select(['id', 'status'])
      .where('provider', '=', r.provider)
      .where('event_id', '=', r.eventId),
  );
  if (existing !== undefined) {
    if (existing.status === 'open') {
      await tx.run(
        tx.k.updateTable('sync_review_items').set({ provider_status: r.providerStatus }).where('id', '=', existing.id),
      );
    }
    counts.duplicates++;
    return;
  }
  await tx.run(
    tx.k.insertInto('sync_review_items').values({
      provider: r.provider,
      event_id: r.eventId,
      kind: r.kind,
      provider_payment_id: r.providerPaymentId,
      purchase_id: purchase.id,
      client_id: purchase.client_id,
      amount_minor: r.amountMinor,
      currency: r.currency,
      provider_status: r.providerStatus,
      occurred_at: r.occurredAt,
      created_at: call.nowIso,
      ...won,
    }),
  );
  // A won dispute is recorded for the trail, closed: nothing waits for staff.
  if (r.merchantWon) counts.ignored++;
  else counts.reviews++;
}
