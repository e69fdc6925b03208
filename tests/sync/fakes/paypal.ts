/**
 * A fake PayPal REST API: OAuth2 client credentials (`POST /v1/oauth2/token`, Basic auth) and
 * Transaction Search (`GET /v1/reporting/transactions` with start_date, end_date ≤ 31 days apart,
 * fields, page_size, page; `{transaction_details, page, total_items, total_pages,
 * last_refreshed_datetime, …}`). A wrong client id/secret gets 401 invalid_client; an unknown or
 * expired bearer token gets 401. `order: 'shuffled'` serves transactions in a non-chronological
 * order across pages; `repeatAcrossPages` repeats the last item of a page at the top of the next.
 */
import { randomBytes } from 'node:crypto';
import { FakeServer, type Reply, type SeenRequest } from './server';

/** One `transaction_details` item as PayPal returns it. */
export interface PayPalTransaction {
  transaction_info: {
    paypal_account_id?: string;
    transaction_id: string;
    paypal_reference_id?: string;
    paypal_reference_id_type?: string;
    transaction_event_code: string;
    transaction_initiation_date: string;
    transaction_updated_date: string;
    transaction_amount: { currency_code: string; value: string };
    fee_amount?: { currency_code: string; value: string };
    transaction_status: string;
    transaction_subject?: string;
    invoice_id?: string;
    custom_field?: string;
    protection_eligibility?: string;
  };
  payer_info?: {
    account_id?: string;
    email_address?: string;
    address_status?: string;
    payer_status?: string;
    payer_name?: { given_name?: string; surname?: string; alternate_full_name?: string };
    country_code?: string;
  };
}

/** PayPal's time format: 2026-11-20T10:15:00+0000. */
export function paypalTime(date: Date): string {
  return `${date.toISOString().slice(0, 19)}+0000`;
}

let counter = 0;
/** A 17-character PayPal transaction id. */
export function paypalId(): string {
  counter++;
  return `${(counter + 1000000).toString(36).toUpperCase()}${'K'.repeat(12)}`.slice(0, 17).padEnd(17, 'Q');
}

/** A completed payment with Credit Desk's custom_field (overridable). */
export function paypalPayment(over: {
  at: Date;
  clientId?: number | string;
  packageId?: number | string;
  value?: string;
  currency?: string;
  status?: string;
  id?: string;
  custom?: string;
  email?: string;
}): PayPalTransaction {
  const currency = over.currency ?? 'USD';
  return {
    transaction_info: {
      paypal_account_id: 'QQZ6QW3S2KQ7C',
      transaction_id: over.id ?? paypalId(),
      transaction_event_code: 'T0006',
      transaction_initiation_date: paypalTime(over.at),
      transaction_updated_date: paypalTime(over.at),
      transaction_amount: { currency_code: currency, value: over.value ?? '10.00' },
      fee_amount: { currency_code: currency, value: '-0.59' },
      transaction_status: over.status ?? 'S',
      transaction_subject: 'Credit Desk package',
      protection_eligibility: '01',
      ...(over.custom !== undefined
        ? { custom_field: over.custom }
        : over.clientId !== undefined || over.packageId !== undefined
          ? { custom_field: `credit_desk:${over.clientId ?? ''}:${over.packageId ?? ''}` }
          : {}),
    },
    payer_info: {
      account_id: 'PAYERACCOUNT1',
      email_address: over.email ?? 'payer@example.com',
      address_status: 'Y',
      payer_status: 'Y',
      payer_name: { given_name: 'Pat', surname: 'Payer', alternate_full_name: 'Pat Payer' },
      country_code: 'US',
    },
  };
}

/** A refund (T1107) of `paymentId`. */
export function paypalRefund(paymentId: string, at: Date, value = '-10.00', currency = 'USD'): PayPalTransaction {
  return paypalReversal(paymentId, at, 'T1107', value, currency);
}

/**
 * A refund or reversal of `paymentId`: T1107 refund, T1106 reversal by PayPal, T1201 chargeback,
 * T1202 chargeback reversal (the money came back to the merchant).
 */
export function paypalReversal(
  paymentId: string,
  at: Date,
  code: 'T1106' | 'T1107' | 'T1201' | 'T1202',
  value = '-10.00',
  currency = 'USD',
): PayPalTransaction {
  return {
    transaction_info: {
      transaction_id: paypalId(),
      paypal_reference_id: paymentId,
      paypal_reference_id_type: 'TXN',
      transaction_event_code: code,
      transaction_initiation_date: paypalTime(at),
      transaction_updated_date: paypalTime(at),
      transaction_amount: { currency_code: currency, value },
      transaction_status: 'S',
    },
  };
}

export class FakePayPal extends FakeServer {
  transactions: PayPalTransaction[] = [];
  order: 'chronological' | 'shuffled' = 'chronological';
  repeatAcrossPages = false;
  /** Overrides last_refreshed_datetime (default: the request's end_date). */
  lastRefreshed: (() => Date) | undefined;
  private readonly tokens = new Set<string>();

  constructor(
    public clientId: string,
    public clientSecret: string,
  ) {
    super();
  }

  /** Invalidates every issued token (the client must fetch a new one). */
  expireTokens(): void {
    this.tokens.clear();
  }

  protected route(req: SeenRequest): Reply {
    if (req.path === '/v1/oauth2/token' && req.method === 'POST') {
      const expected = `Basic ${Buffer.from(`${this.clientId}:${this.clientSecret}`).toString('base64')}`;
      if (req.authorization !== expected || !req.body.includes('grant_type=client_credentials')) {
        return { status: 401, body: { error: 'invalid_client', error_description: 'Client Authentication failed' } };
      }
      const token = `A21AA${randomBytes(24).toString('hex')}`;
      this.tokens.add(token);
      return {
        status: 200,
        body: {
          scope: 'https://uri.paypal.com/services/reporting/search/read',
          access_token: token,
          token_type: 'Bearer',
          app_id: 'APP-80W284485P519543T',
          expires_in: 32400,
          nonce: '2026-11-26T10:00:00Zabc',
        },
      };
    }
    if (req.path !== '/v1/reporting/transactions' || req.method !== 'GET') {
      return { status: 404, body: { name: 'RESOURCE_NOT_FOUND', message: 'The specified resource does not exist.' } };
    }
    const bearer = (req.authorization ?? '').replace(/^Bearer\s+/, '');
    if (!this.tokens.has(bearer)) {
      return {
        status: 401,
        body: { error: 'invalid_token', error_description: 'Token signature verification failed' },
      };
    }
    const q = req.query;
    const start = Date.parse(q.get('start_date') ?? '');
    const end = Date.parse(q.get('end_date') ?? '');
    if (Number.isNaN(start) || Number.isNaN(end) || end < start || end - start > 31 * 24 * 3600 * 1000) {
      return {
        status: 400,
        body: {
          name: 'INVALID_REQUEST',
          message: 'Request is not well-formed, syntactically incorrect, or violates schema.',
          details: [{ field: 'start_date', issue: 'Date range is greater than 31 days' }],
        },
      };
    }
    const pageSize = Math.min(500, this.pageSizeCap, Number(q.get('page_size') ?? 100));
    const page = Number(q.get('page') ?? 1);
    const time = (t: PayPalTransaction) =>
      Date.parse(t.transaction_info.transaction_initiation_date.replace(/\+0000$/, 'Z'));
    let items = this.transactions.filter((t) => time(t) >= start && time(t) <= end);
    items =
      this.order === 'chronological'
        ? items.sort((a, b) => time(a) - time(b))
        : items.sort((a, b) => (a.transaction_info.transaction_id < b.transaction_info.transaction_id ? 1 : -1));
    const totalPages = Math.max(1, Math.ceil(items.length / pageSize));
    const from = (page - 1) * pageSize;
    const slice = items.slice(from, from + pageSize);
    if (this.repeatAcrossPages && page > 1 && items[from - 1] !== undefined) slice.unshift(items[from - 1]!);
    const refreshed = this.lastRefreshed?.() ?? new Date(end);
    return {
      status: 200,
      body: {
        transaction_details: slice,
        account_number: 'XZXSPECPDZHZU',
        start_date: paypalTime(new Date(start)),
        end_date: paypalTime(new Date(end)),
        last_refreshed_datetime: paypalTime(refreshed),
        page,
        total_items: items.length,
        total_pages: totalPages,
        links: [],
      },
    };
  }
}
