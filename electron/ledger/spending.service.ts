/**
 * Spending credits (F7): Buy with Credit (a service) and Pay with Credit (an invoice).
 * The currency price is converted at the active rate with round-up (F4), the balance must
 * cover it, and the debit keeps the amount, rate, exact product and credits charged.
 * Both are client-side credit actions, refused while credit payments are off (F1).
 */
import { AppError, invalid } from '../../shared/result';
import { parseAmount } from '../../shared/money';
import type { Invoice, LedgerEntry, Order } from '../../shared/dto';
import type { ParsedInput } from '../../shared/contract';
import { defineQuery } from '../db/database';
import type { Call } from './context';
import { requireService } from './catalog.service';
import { requireClient } from './clients.service';
import { requireInvoice } from './invoices.service';
import { toOrder } from './mappers';
import type { Poster } from './posting';
import { convertChargeable, requireActiveRate } from './rates.service';
import { assertCreditPaymentsEnabled } from './settings.service';

const insertOrder = defineQuery(
  7,
  (
    k,
    clientId: number,
    serviceId: number,
    serviceName: string,
    priceMinor: number,
    currency: string,
    credits: number,
    at: string,
  ) =>
    k
      .insertInto('orders')
      .values({
        client_id: clientId,
        service_id: serviceId,
        service_name: serviceName,
        price_minor: priceMinor,
        currency,
        credits,
        created_at: at,
      })
      .returning('id'),
);
const orderById = defineQuery(1, (k, id: number) => k.selectFrom('orders').selectAll().where('id', '=', id));
// Conditional on still being unpaid: see payWithCredits.
const markInvoicePaid = defineQuery(2, (k, paidAt: string, invoiceId: number) =>
  k
    .updateTable('invoices')
    .set({ status: 'paid', paid_at: paidAt })
    .where('id', '=', invoiceId)
    .where('status', '=', 'unpaid'),
);

/** Converts a stored price at the active rate: the facts every debit keeps. */
async function price(call: Call, amount: string, currency: string, field: 'serviceId' | 'invoiceId') {
  const parsed = parseAmount(amount, currency);
  if (!parsed.ok) throw new Error(`Stored amount ${amount} ${currency} is invalid`);
  const rate = await requireActiveRate(call.tx, currency);
  const { credits, exactCredits } = convertChargeable(parsed.minor, currency, rate.creditsPerUnit, field);
  return {
    credits,
    conversion: {
      amountMinor: parsed.minor,
      currency,
      creditsPerUnit: rate.creditsPerUnit,
      exactCredits,
      rateId: rate.id,
    },
  };
}

export async function buyWithCredits(
  call: Call,
  poster: Poster,
  input: ParsedInput<'services.buyWithCredits'>,
): Promise<{ order: Order; transaction: LedgerEntry }> {
  const { tx } = call;
  await assertCreditPaymentsEnabled(tx);
  const client = await requireClient(tx, input.clientId);
  const service = await requireService(tx, input.serviceId);
  if (!service.active) throw invalid('serviceId', `Service "${service.name}" is not offered any more.`);
  const { credits, conversion } = await price(call, service.price, service.currency, 'serviceId');
  await poster.assertCovers(call, client.id, credits);
  const inserted = await tx
    .prepared(insertOrder)
    .get(client.id, service.id, service.name, conversion.amountMinor, service.currency, credits, call.nowIso);
  const orderId = Number(inserted!.id);
  const transaction = await poster.post(call, {
    clientId: client.id,
    direction: 'out',
    type: 'service_purchase',
    credits,
    reference: `Order #${orderId}`,
    memo: service.name,
    orderId,
    conversion,
  });
  const order = toOrder((await tx.prepared(orderById).get(orderId))!);
  return { order, transaction };
}

export async function payWithCredits(
  call: Call,
  poster: Poster,
  input: ParsedInput<'invoices.payWithCredits'>,
): Promise<{ invoice: Invoice; transaction: LedgerEntry }> {
  const { tx } = call;
  await assertCreditPaymentsEnabled(tx);
  const invoice = await requireInvoice(tx, input.invoiceId);
  if (invoice.status !== 'unpaid') {
    throw new AppError(
      'INVOICE_NOT_PAYABLE',
      `Invoice ${invoice.number} is ${invoice.status}: only an unpaid invoice can be paid.`,
      {
        invoiceId: invoice.id,
        status: invoice.status,
      },
    );
  }
  const { credits, conversion } = await price(call, invoice.amount, invoice.currency, 'invoiceId');
  const transaction = await poster.post(call, {
    clientId: invoice.clientId,
    direction: 'out',
    type: 'invoice_payment',
    credits,
    reference: `Invoice ${invoice.number}`,
    memo: `Invoice ${invoice.number} paid in full`,
    invoiceId: invoice.id,
    conversion,
  });
  // Conditional on still being unpaid: together with the unique index on the ledger's
  // invoice_id, an invoice can never be paid twice, even by two processes.
  const { changes } = await tx.prepared(markInvoicePaid).run(call.nowIso, invoice.id);
  if (changes !== 1)
    throw new AppError('INVOICE_NOT_PAYABLE', `Invoice ${invoice.number} was paid meanwhile.`, {
      invoiceId: invoice.id,
    });
  return { invoice: await requireInvoice(tx, invoice.id), transaction };
}
