/**
 * Stripe wire → domain, pure. Reads Checkout Sessions, Refunds and Disputes as the API returns
 * them (https://docs.stripe.com/api/checkout/sessions/object). Unknown fields are ignored; an
 * object that lacks what we need is reported as ignored, never guessed.
 *
 * The contract an agency's checkout follows (README "Payment-provider sync"):
 * - a session counts when `payment_status` is `paid`;
 * - client: `metadata.credit_desk_client_id`, else matched by `customer_details.email`;
 * - package: `metadata.credit_desk_package_id`;
 * - payment id: the session's `payment_intent`, else the session id;
 * - amount: `amount_total` in the smallest unit of `currency` (lower-case on the wire).
 */
import * as z from 'zod';
import type { ProviderEvent } from '../../types';
import { stripeAmountToMinor } from '../../amounts';

// Built on first use (z.lazy), not at load: every CLI call loads this module, few parse payments.
const idOrObject = z.lazy(() => z.union([z.string(), z.looseObject({ id: z.string() })]));

const sessionSchema = z.lazy(() =>
  z.looseObject({
    id: z.string().min(1),
    created: z.number().int(),
    status: z.string().nullable().optional(),
    payment_status: z.string(),
    payment_intent: idOrObject.nullable().optional(),
    amount_total: z.number().int().nullable().optional(),
    currency: z.string().nullable().optional(),
    metadata: z.record(z.string(), z.string()).nullable().optional(),
    customer_details: z.looseObject({ email: z.string().nullable().optional() }).nullable().optional(),
    customer_email: z.string().nullable().optional(),
  }),
);

const reversalSchema = z.lazy(() =>
  z.looseObject({
    id: z.string().min(1),
    created: z.number().int(),
    amount: z.number().int().nullable().optional(),
    currency: z.string().nullable().optional(),
    status: z.string().nullable().optional(),
    payment_intent: idOrObject.nullable().optional(),
  }),
);

/** Metadata keys an agency sets on its Checkout Sessions. */
export const STRIPE_CLIENT_KEY = 'credit_desk_client_id';
export const STRIPE_PACKAGE_KEY = 'credit_desk_package_id';

function isoFromUnix(seconds: number): string {
  return new Date(seconds * 1000).toISOString();
}

function idOf(value: z.infer<typeof idOrObject> | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  return typeof value === 'string' ? value : value.id;
}

function nonEmpty(value: string | null | undefined): string | null {
  const trimmed = value?.trim();
  return trimmed === undefined || trimmed === '' ? null : trimmed;
}

/** A Checkout Session → a payment (or ignored when unreadable). */
export function mapStripeSession(raw: unknown): ProviderEvent {
  const parsed = sessionSchema.safeParse(raw);
  if (!parsed.success) return { kind: 'ignored', id: rawId(raw), why: 'unreadable Checkout Session' };
  const s = parsed.data;
  const currency = s.currency === null || s.currency === undefined ? null : s.currency.toUpperCase();
  const amountMinor =
    currency === null || s.amount_total === null || s.amount_total === undefined
      ? null
      : stripeAmountToMinor(s.amount_total, currency);
  const status =
    s.payment_status === 'paid' && (s.status === 'complete' || s.status === undefined || s.status === null)
      ? 'succeeded'
      : s.payment_status === 'unpaid'
        ? 'pending'
        : 'other';
  return {
    kind: 'payment',
    payment: {
      provider: 'stripe',
      providerPaymentId: idOf(s.payment_intent) ?? s.id,
      clientRef: nonEmpty(s.metadata?.[STRIPE_CLIENT_KEY]),
      packageRef: nonEmpty(s.metadata?.[STRIPE_PACKAGE_KEY]),
      email: nonEmpty(s.customer_details?.email) ?? nonEmpty(s.customer_email),
      amountMinor,
      currency,
      createdAt: isoFromUnix(s.created),
      status,
      sourceId: s.id,
    },
  };
}

/** A Refund or a Dispute → a reversal of the payment intent it names. */
export function mapStripeReversal(raw: unknown, kind: 'refund' | 'dispute'): ProviderEvent {
  const parsed = reversalSchema.safeParse(raw);
  if (!parsed.success) return { kind: 'ignored', id: rawId(raw), why: `unreadable ${kind}` };
  const r = parsed.data;
  const paymentIntent = idOf(r.payment_intent);
  if (paymentIntent === null) return { kind: 'ignored', id: r.id, why: `${kind} without a payment intent` };
  // A refund that failed or was cancelled reverses nothing.
  if (kind === 'refund' && (r.status === 'failed' || r.status === 'canceled')) {
    return { kind: 'ignored', id: r.id, why: `refund ${r.status}` };
  }
  const currency = r.currency === null || r.currency === undefined ? null : r.currency.toUpperCase();
  return {
    kind: 'reversal',
    reversal: {
      provider: 'stripe',
      kind,
      eventId: r.id,
      providerPaymentId: paymentIntent,
      amountMinor:
        currency === null || r.amount === null || r.amount === undefined
          ? null
          : stripeAmountToMinor(r.amount, currency),
      currency,
      providerStatus: r.status ?? null,
      occurredAt: isoFromUnix(r.created),
      // An inquiry closed without a chargeback takes nothing either.
      merchantWon: kind === 'dispute' && (r.status === 'won' || r.status === 'warning_closed'),
    },
  };
}

function rawId(raw: unknown): string {
  const id = (raw as { id?: unknown } | null)?.id;
  return typeof id === 'string' ? id : '(no id)';
}
