/**
 * PayPal wire → domain, pure. Reads `transaction_details` items of the Transaction Search API
 * (GET /v1/reporting/transactions, https://developer.paypal.com/docs/api/transaction-search/v1/).
 *
 * The contract an agency's checkout follows (README "Payment-provider sync"):
 * - a transaction counts when `transaction_status` is `S` and it is a payment (event code T00xx);
 * - `custom_field` is `credit_desk:<clientId>:<packageId>`;
 * - payment id: `transaction_id`; amount: `transaction_amount {currency_code, value}`.
 * Refunds (T1107) and reversals/chargebacks (T1106, T1201, T1202) name the payment they reverse
 * in `paypal_reference_id`. T1202 (chargeback reversal) means the merchant won: it closes the
 * payment's open dispute items by itself.
 */
import * as z from 'zod';
import type { ProviderEvent } from '../../types';
import { decimalToMinor } from '../../amounts';

// Built on first use (z.lazy), not at load: every CLI call loads this module, few parse payments.
const money = z.lazy(() => z.looseObject({ currency_code: z.string(), value: z.string() }));

const itemSchema = z.lazy(() =>
  z.looseObject({
    transaction_info: z.looseObject({
      transaction_id: z.string().min(1),
      transaction_event_code: z.string().optional(),
      transaction_initiation_date: z.string(),
      transaction_amount: money.optional(),
      transaction_status: z.string().optional(),
      custom_field: z.string().optional(),
      paypal_reference_id: z.string().optional(),
    }),
    payer_info: z.looseObject({ email_address: z.string().optional() }).optional(),
  }),
);

/** custom_field for Credit Desk: `credit_desk:<clientId>:<packageId>`. */
const CUSTOM_FIELD = /^credit_desk:([^:\s]*):([^:\s]*)$/;

const REFUND_CODES = new Set(['T1107']);
const DISPUTE_CODES = new Set(['T1106', 'T1201', 'T1202']);

/** PayPal times look like `2026-11-20T10:15:00+0000`: normalised to ISO-8601 UTC. */
export function parsePayPalTime(value: string): string | null {
  const normalised = value.trim().replace(/([+-]\d{2})(\d{2})$/, '$1:$2');
  const ms = Date.parse(normalised);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}

/** Splits custom_field into client and package references; nulls when it is not ours. */
export function parseCustomField(value: string | undefined): { clientRef: string | null; packageRef: string | null } {
  const m = CUSTOM_FIELD.exec(value?.trim() ?? '');
  if (m === null) return { clientRef: null, packageRef: null };
  return { clientRef: m[1] === '' ? null : m[1]!, packageRef: m[2] === '' ? null : m[2]! };
}

function statusOf(code: string | undefined): 'succeeded' | 'pending' | 'failed' | 'other' {
  switch (code) {
    case 'S':
      return 'succeeded';
    case 'P':
      return 'pending';
    case 'D':
    case 'V':
      return 'failed';
    default:
      return 'other';
  }
}

/** One `transaction_details` item → a payment, a reversal, or ignored. */
export function mapPayPalTransaction(raw: unknown): ProviderEvent {
  const parsed = itemSchema.safeParse(raw);
  if (!parsed.success) {
    const id = (raw as { transaction_info?: { transaction_id?: unknown } } | null)?.transaction_info?.transaction_id;
    return { kind: 'ignored', id: typeof id === 'string' ? id : '(no id)', why: 'unreadable transaction' };
  }
  const t = parsed.data.transaction_info;
  const createdAt = parsePayPalTime(t.transaction_initiation_date);
  if (createdAt === null) return { kind: 'ignored', id: t.transaction_id, why: 'unreadable transaction date' };
  const code = t.transaction_event_code ?? '';
  const currency = t.transaction_amount?.currency_code.toUpperCase() ?? null;
  const amountMinor =
    t.transaction_amount === undefined || currency === null
      ? null
      : decimalToMinor(t.transaction_amount.value, currency);

  if (REFUND_CODES.has(code) || DISPUTE_CODES.has(code)) {
    if (t.paypal_reference_id === undefined || t.paypal_reference_id === '') {
      return { kind: 'ignored', id: t.transaction_id, why: `${code} without a reference to the payment` };
    }
    return {
      kind: 'reversal',
      reversal: {
        provider: 'paypal',
        kind: REFUND_CODES.has(code) ? 'refund' : 'dispute',
        eventId: t.transaction_id,
        providerPaymentId: t.paypal_reference_id,
        amountMinor,
        currency,
        providerStatus: t.transaction_status ?? null,
        occurredAt: createdAt,
        // T1202 is a chargeback reversal: the money came back to the merchant.
        merchantWon: code === 'T1202',
      },
    };
  }
  if (!code.startsWith('T00')) return { kind: 'ignored', id: t.transaction_id, why: `transaction type ${code}` };
  const refs = parseCustomField(t.custom_field);
  const email = parsed.data.payer_info?.email_address?.trim();
  return {
    kind: 'payment',
    payment: {
      provider: 'paypal',
      providerPaymentId: t.transaction_id,
      clientRef: refs.clientRef,
      packageRef: refs.packageRef,
      email: email === undefined || email === '' ? null : email,
      amountMinor,
      currency,
      createdAt,
      status: statusOf(t.transaction_status),
      sourceId: t.transaction_id,
    },
  };
}
