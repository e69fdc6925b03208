/**
 * Automatic purchases (F5): a payment completed at Stripe or PayPal credits the client at
 * once. Recording is idempotent by (provider, provider payment id): the same payment seen
 * twice returns the first result and credits once. It works with credit payments switched
 * off (F1): the money was already taken.
 */
import { AppError, invalid } from '../../shared/result';
import { formatMinor, parseAmount } from '../../shared/money';
import type { LedgerEntry, Purchase } from '../../shared/dto';
import type { ParsedInput } from '../../shared/contract';
import { defineQuery } from '../db/database';
import type { Call } from './context';
import { requireClient } from './clients.service';
import { ENTRY_COLUMNS, toEntry, toPurchase } from './mappers';
import { packageVersionSoldAt, requirePackage } from './packages.service';
import type { Poster } from './posting';
import { providerLabel } from './words';

/** The purchase and the ledger entry that credited it. */
export interface RecordedPurchase {
  purchase: Purchase;
  transaction: LedgerEntry;
}

const purchaseByProviderId = defineQuery(2, (k, provider: 'stripe' | 'paypal', providerPaymentId: string) =>
  k
    .selectFrom('purchases')
    .selectAll()
    .where('provider', '=', provider)
    .where('provider_payment_id', '=', providerPaymentId),
);
const purchaseById = defineQuery(1, (k, id: number) => k.selectFrom('purchases').selectAll().where('id', '=', id));
const insertPurchase = defineQuery(
  9,
  (
    k,
    clientId: number,
    packageId: number,
    packageName: string,
    provider: 'stripe' | 'paypal',
    providerPaymentId: string,
    amountMinor: number,
    currency: string,
    credits: number,
    at: string,
  ) =>
    k
      .insertInto('purchases')
      .values({
        client_id: clientId,
        package_id: packageId,
        package_name: packageName,
        provider,
        provider_payment_id: providerPaymentId,
        amount_minor: amountMinor,
        currency,
        credits,
        created_at: at,
      })
      // Another writer (PostgreSQL: another connection or process) may have recorded the same
      // payment since our look-up: no row comes back, and the call answers as a replay.
      .onConflict((oc) => oc.columns(['provider', 'provider_payment_id']).doNothing())
      .returning('id'),
);

export async function recordPurchase(
  call: Call,
  poster: Poster,
  input: ParsedInput<'purchases.record'>,
): Promise<RecordedPurchase> {
  const { tx } = call;
  const existing = await tx.prepared(purchaseByProviderId).get(input.provider, input.providerPaymentId);
  if (existing !== undefined) return replay(call, input, existing);

  const client = await requireClient(tx, input.clientId);
  const pkg = await requirePackage(tx, input.packageId);
  const parsed = parseAmount(input.amount, input.currency);
  if (!parsed.ok) throw invalid('amount', parsed.message);
  // The package as it was sold for this price (a payment started before a price change may
  // arrive after it); a price it never had is refused.
  const sold = await packageVersionSoldAt(tx, pkg, parsed.minor, input.currency);
  if (sold === undefined && input.currency !== pkg.currency) {
    throw invalid(
      'currency',
      `Package "${pkg.name}" is sold in ${pkg.currency}, but this payment is in ${input.currency}.`,
    );
  }
  if (sold === undefined) {
    throw invalid(
      'amount',
      `Package "${pkg.name}" costs ${pkg.price} ${pkg.currency}, but this payment is ${formatMinor(parsed.minor, input.currency)} ${input.currency}.`,
    );
  }
  const inserted = await tx
    .prepared(insertPurchase)
    .get(
      client.id,
      pkg.id,
      sold.name,
      input.provider,
      input.providerPaymentId,
      parsed.minor,
      sold.currency,
      sold.credits,
      call.nowIso,
    );
  if (inserted === undefined) {
    // Recorded meanwhile by another writer, which has committed (the insert waited for it):
    // READ COMMITTED's next statement sees its row.
    const recorded = await tx.prepared(purchaseByProviderId).get(input.provider, input.providerPaymentId);
    if (recorded === undefined) throw new Error(`Payment ${input.providerPaymentId} vanished after a conflict`);
    return replay(call, input, recorded);
  }
  const purchaseId = Number(inserted.id);
  const transaction = await poster.post(call, {
    clientId: client.id,
    direction: 'in',
    type: 'package_purchase',
    credits: sold.credits,
    reference: `${providerLabel(input.provider)} ${input.providerPaymentId}`,
    memo: `${sold.name} (${sold.price} ${sold.currency})`,
    purchaseId,
  });
  const purchase = toPurchase((await tx.prepared(purchaseById).get(purchaseId))!);
  return { purchase, transaction };
}

/** The answer to a payment already recorded: the same purchase and entry, or CONFLICT if it differs. */
async function replay(
  call: Call,
  input: ParsedInput<'purchases.record'>,
  existing: Parameters<typeof toPurchase>[0],
): Promise<RecordedPurchase> {
  const { tx } = call;
  const purchase = toPurchase(existing);
  const paid = parseAmount(input.amount, input.currency, { allowZero: true });
  const same =
    purchase.clientId === input.clientId &&
    purchase.packageId === input.packageId &&
    purchase.currency === input.currency &&
    paid.ok &&
    existing.amount_minor === paid.minor;
  if (!same) {
    throw new AppError(
      'CONFLICT',
      `${providerLabel(input.provider)} payment ${input.providerPaymentId} was already recorded for another client, package or amount.`,
      { field: 'providerPaymentId', purchaseId: purchase.id },
    );
  }
  const entry = await tx.get(
    tx.k.selectFrom('ledger_entries').select(ENTRY_COLUMNS).where('purchase_id', '=', existing.id),
  );
  if (entry === undefined) throw new Error(`Purchase ${existing.id} has no ledger entry`);
  return { purchase, transaction: toEntry(entry) };
}
