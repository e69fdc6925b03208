/** The pure mappers on recorded payloads (shapes as the real Stripe and PayPal APIs return them). */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { mapStripeReversal, mapStripeSession } from '../../electron/sync/providers/stripe/mapper';
import { mapPayPalTransaction, parseCustomField, parsePayPalTime } from '../../electron/sync/providers/paypal/mapper';
import { decimalToMinor, stripeAmountToMinor } from '../../electron/sync/amounts';

const fixture = (name: string) =>
  JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8')) as {
    data?: unknown[];
    transaction_details?: unknown[];
  };

describe('Stripe mapper', () => {
  const sessions = fixture('stripe-checkout-sessions.json').data!.map(mapStripeSession);

  it('maps a paid session with metadata: payment intent id, minor units, upper-case currency', () => {
    expect(sessions[0]).toEqual({
      kind: 'payment',
      payment: {
        provider: 'stripe',
        providerPaymentId: 'pi_3QxYzAbCdEfGhIjK0aBcDeFg',
        clientRef: '1',
        packageRef: '2',
        email: 'ap@northwind.example',
        amountMinor: 1000,
        currency: 'USD',
        createdAt: new Date(1795000000 * 1000).toISOString(),
        status: 'succeeded',
        sourceId: 'cs_test_a1B2c3D4e5F6g7H8i9J0kLmNoPqRsTuVwXyZ0123456789abcdef',
      },
    });
  });

  it('reads an expanded payment_intent and keeps the email for matching when no client id is given', () => {
    const e = sessions[1]!;
    expect(e.kind === 'payment' && e.payment).toMatchObject({
      providerPaymentId: 'pi_3ExpandedIntent0000000001',
      clientRef: null,
      packageRef: '3',
      email: 'Finance@Contoso.example',
      currency: 'EUR',
      amountMinor: 2500,
    });
  });

  it('an unpaid session is pending; a session without payment intent falls back to its id; JPY is zero-decimal', () => {
    expect(sessions[2]!.kind === 'payment' && sessions[2]!.payment.status).toBe('pending');
    const yen = sessions[3]!;
    expect(yen.kind === 'payment' && yen.payment).toMatchObject({
      providerPaymentId: 'cs_test_d1Yen00000000000000000000000000000000000000000000',
      amountMinor: 5000,
      currency: 'JPY',
      email: null,
    });
  });

  it('ISK is two-decimal on the Stripe wire and zero-decimal in ISO 4217', () => {
    const krona = sessions[4]!;
    expect(krona.kind === 'payment' && krona.payment).toMatchObject({
      amountMinor: 1500,
      currency: 'ISK',
      packageRef: null,
    });
    expect(stripeAmountToMinor(150050, 'ISK')).toBeNull();
  });

  it('an unreadable object is ignored, never guessed', () => {
    expect(sessions[5]).toEqual({ kind: 'ignored', id: 'cs_test_broken', why: 'unreadable Checkout Session' });
  });

  it('refunds map to reversals of the payment intent; failed refunds are ignored', () => {
    const [ok, failed] = fixture('stripe-refunds.json').data!.map((r) => mapStripeReversal(r, 'refund'));
    expect(ok).toEqual({
      kind: 'reversal',
      reversal: {
        provider: 'stripe',
        kind: 'refund',
        eventId: 're_3QxYzAbCdEfGhIjK0aBcDeFg',
        providerPaymentId: 'pi_3QxYzAbCdEfGhIjK0aBcDeFg',
        amountMinor: 1000,
        currency: 'USD',
        providerStatus: 'succeeded',
        merchantWon: false,
        occurredAt: new Date(1795100000 * 1000).toISOString(),
      },
    });
    expect(failed?.kind).toBe('ignored');
  });
});

describe('PayPal mapper', () => {
  const items = fixture('paypal-transactions.json').transaction_details!.map(mapPayPalTransaction);

  it('maps a completed T0006 payment with Credit Desk custom_field', () => {
    expect(items[0]).toEqual({
      kind: 'payment',
      payment: {
        provider: 'paypal',
        providerPaymentId: '5TY05013RG002845M',
        clientRef: '1',
        packageRef: '2',
        email: 'ap@northwind.example',
        amountMinor: 1000,
        currency: 'USD',
        createdAt: '2026-11-20T10:15:00.000Z',
        status: 'succeeded',
        sourceId: '5TY05013RG002845M',
      },
    });
  });

  it('a pending payment keeps status P as pending; offsets are normalised to UTC; "1000.00" JPY is 1000', () => {
    expect(items[1]!.kind === 'payment' && items[1]!.payment).toMatchObject({
      status: 'pending',
      createdAt: '2026-11-20T10:00:00.000Z',
      amountMinor: 1000,
      currency: 'JPY',
    });
  });

  it('a refund (T1107) reverses the referenced payment; the sign is dropped', () => {
    expect(items[2]).toEqual({
      kind: 'reversal',
      reversal: {
        provider: 'paypal',
        kind: 'refund',
        eventId: '1FN09943UA2346843',
        providerPaymentId: '5TY05013RG002845M',
        amountMinor: 1000,
        currency: 'USD',
        providerStatus: 'S',
        merchantWon: false,
        occurredAt: '2026-11-22T09:00:00.000Z',
      },
    });
  });

  it('a payment with someone else’s custom_field has no references; a withdrawal is ignored', () => {
    expect(items[3]!.kind === 'payment' && items[3]!.payment).toMatchObject({ clientRef: null, packageRef: null });
    expect(items[4]).toMatchObject({ kind: 'ignored', id: '9WD30264HN0193526' });
  });

  it('custom_field, time and amount helpers', () => {
    expect(parseCustomField('credit_desk:12:34')).toEqual({ clientRef: '12', packageRef: '34' });
    expect(parseCustomField(' credit_desk::34 ')).toEqual({ clientRef: null, packageRef: '34' });
    expect(parseCustomField('credit_desk:1')).toEqual({ clientRef: null, packageRef: null });
    expect(parsePayPalTime('2026-11-20T10:15:00-0700')).toBe('2026-11-20T17:15:00.000Z');
    expect(parsePayPalTime('not a time')).toBeNull();
    expect(decimalToMinor('3.51', 'USD')).toBe(351);
    expect(decimalToMinor('3.510', 'USD')).toBe(351);
    expect(decimalToMinor('3.515', 'USD')).toBeNull();
    expect(decimalToMinor('1.234', 'KWD')).toBe(1234);
    expect(decimalToMinor('12', 'XXX')).toBeNull();
  });
});
