/**
 * A fake Stripe API speaking the wire format the SDK expects for Checkout Sessions, Refunds and
 * Disputes: `GET /v1/checkout/sessions|refunds|disputes` with `created[gte]`, `created[lte]`,
 * `limit`, `starting_after`, (sessions) `status`; newest first; `{object:"list", data, has_more, url}`.
 * `GET /v1/disputes/:id` reads one dispute again (its status changes as it is decided).
 * Bearer-key auth (401 like Stripe for a wrong key). Faults: see {@link FakeServer}; plus
 * `repeatAcrossPages` (the last item of a page is also the first of the next).
 */
import { FakeServer, type Fault, type Reply, type SeenRequest } from './server';

/** A Checkout Session as Stripe returns it (the fields Credit Desk reads, plus a few others). */
export interface StripeSession {
  id: string;
  object: 'checkout.session';
  created: number;
  status: 'open' | 'complete' | 'expired';
  payment_status: 'paid' | 'unpaid' | 'no_payment_required';
  mode: 'payment';
  amount_total: number | null;
  amount_subtotal: number | null;
  currency: string | null;
  metadata: Record<string, string>;
  customer: string | null;
  customer_details: { email: string | null; name: string | null } | null;
  customer_email: string | null;
  payment_intent: string | null;
  livemode: boolean;
  url: string | null;
}

/** A Refund or Dispute as Stripe returns it. */
export interface StripeReversal {
  id: string;
  object: 'refund' | 'dispute';
  created: number;
  amount: number;
  currency: string;
  payment_intent: string;
  status: string;
  reason?: string | null;
}

/** Stripe's answer to a restricted key without the permission an endpoint needs. */
export function permissionDenied(resource: string): Fault {
  return {
    kind: 'status',
    status: 403,
    body: JSON.stringify({
      error: {
        type: 'invalid_request_error',
        message: `The provided key 'rk_test_******42' does not have the required permissions for this endpoint on account 'acct_1Fake'. Having the '${resource}' permission would allow this request to continue.`,
      },
    }),
  };
}

let counter = 0;
/** A realistic id: prefix + 24 chars. */
export function stripeId(prefix: string): string {
  counter++;
  return `${prefix}_${counter.toString(36).padStart(6, '0')}${'x'.repeat(18)}`;
}

/** Builds a paid Checkout Session for a package (overridable). */
export function paidSession(over: Partial<StripeSession> & { created: number }): StripeSession {
  const id = over.id ?? stripeId('cs_test');
  return {
    id,
    object: 'checkout.session',
    status: 'complete',
    payment_status: 'paid',
    mode: 'payment',
    amount_total: 1000,
    amount_subtotal: 1000,
    currency: 'usd',
    metadata: {},
    customer: null,
    customer_details: { email: null, name: 'Test Payer' },
    customer_email: null,
    payment_intent: over.payment_intent === undefined ? stripeId('pi') : over.payment_intent,
    livemode: false,
    url: null,
    ...over,
  };
}

export class FakeStripe extends FakeServer {
  sessions: StripeSession[] = [];
  refunds: StripeReversal[] = [];
  disputes: StripeReversal[] = [];
  repeatAcrossPages = false;

  constructor(public apiKey: string) {
    super();
  }

  protected route(req: SeenRequest): Reply {
    if (req.authorization !== `Bearer ${this.apiKey}`) {
      const given = (req.authorization ?? '').replace(/^Bearer\s+/, '');
      return {
        status: 401,
        body: {
          error: {
            type: 'invalid_request_error',
            message: `Invalid API Key provided: ${given.slice(0, 8)}${'*'.repeat(Math.max(0, given.length - 12))}${given.slice(-4)}`,
          },
        },
      };
    }
    const lists: Record<string, { items: { id: string; created: number }[]; url: string }> = {
      '/v1/checkout/sessions': { items: this.sessions, url: '/v1/checkout/sessions' },
      '/v1/refunds': { items: this.refunds, url: '/v1/refunds' },
      '/v1/disputes': { items: this.disputes, url: '/v1/disputes' },
    };
    const dispute = /^\/v1\/disputes\/([^/]+)$/.exec(req.path);
    if (req.method === 'GET' && dispute !== null) {
      const found = this.disputes.find((d) => d.id === dispute[1]);
      return found === undefined
        ? {
            status: 404,
            body: { error: { type: 'invalid_request_error', message: `No such dispute: '${dispute[1]}'` } },
          }
        : { status: 200, body: found };
    }
    const list = lists[req.path];
    if (req.method !== 'GET' || list === undefined) {
      return {
        status: 404,
        body: {
          error: { type: 'invalid_request_error', message: `Unrecognized request URL (${req.method}: ${req.path}).` },
        },
      };
    }
    const q = req.query;
    const gte = q.get('created[gte]');
    const lte = q.get('created[lte]');
    const status = q.get('status');
    const limit = Math.min(100, this.pageSizeCap, Number(q.get('limit') ?? 10));
    const after = q.get('starting_after');
    let items = list.items
      .filter((s) => gte === null || s.created >= Number(gte))
      .filter((s) => lte === null || s.created <= Number(lte))
      .filter((s) => status === null || (s as { status?: string }).status === status)
      .sort((a, b) => b.created - a.created || (a.id < b.id ? 1 : -1));
    if (after !== null) {
      const at = items.findIndex((s) => s.id === after);
      if (at === -1) {
        return {
          status: 400,
          body: {
            error: { type: 'invalid_request_error', message: `No such object: '${after}'`, param: 'starting_after' },
          },
        };
      }
      items = items.slice(this.repeatAcrossPages ? at : at + 1);
    }
    const page = items.slice(0, limit);
    const hasMore = items.length > limit;
    return { status: 200, body: { object: 'list', data: page, has_more: hasMore, url: list.url } };
  }
}
