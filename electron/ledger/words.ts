/** Small wording helpers for messages written to finance staff. */

/** 1234567 → "1,234,567": grouping makes large credit figures readable in error messages. */
export function formatCreditsPlain(n: number): string {
  return n.toLocaleString('en-US');
}

/** "bank_transfer" → "bank transfer". */
export function methodLabel(method: 'bank_transfer' | 'crypto'): string {
  return method === 'bank_transfer' ? 'bank transfer' : 'crypto';
}

/** "stripe" → "Stripe". */
export function providerLabel(provider: 'stripe' | 'paypal'): string {
  return provider === 'stripe' ? 'Stripe' : 'PayPal';
}
