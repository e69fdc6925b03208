/** Provider amounts → our integer minor units (ISO 4217 digits from shared/currencies). */
import { isCurrencyCode, minorDigits } from '../../shared/currencies';

/**
 * A decimal string from a provider ("10.00", "-10.00", "1000") → minor units of `currency`, sign
 * dropped. Extra trailing zeros beyond the currency's digits are accepted ("1000.00" JPY); any
 * other excess precision, or a malformed value, gives null.
 */
export function decimalToMinor(value: string, currency: string): number | null {
  if (!isCurrencyCode(currency)) return null;
  const m = /^-?(\d{1,16})(?:\.(\d{1,18}))?$/.exec(value.trim());
  if (m === null) return null;
  const digits = minorDigits(currency);
  let fraction = m[2] ?? '';
  if (fraction.length > digits) {
    if (!/^0*$/.test(fraction.slice(digits))) return null;
    fraction = fraction.slice(0, digits);
  }
  const minor = Number(`${m[1]}${fraction.padEnd(digits, '0')}`);
  return Number.isSafeInteger(minor) ? minor : null;
}

/**
 * Where Stripe's "smallest currency unit" differs from ISO 4217: Stripe represents ISK with two
 * decimals for backwards compatibility, and treats MGA as zero-decimal.
 * https://docs.stripe.com/currencies#special-cases
 */
const STRIPE_DIGITS: Readonly<Record<string, number>> = { ISK: 2, MGA: 0 };

/** A Stripe integer amount in `currency` → ISO minor units; null when it cannot be expressed exactly. */
export function stripeAmountToMinor(amount: number, currency: string): number | null {
  if (!Number.isSafeInteger(amount) || !isCurrencyCode(currency)) return null;
  const iso = minorDigits(currency);
  const stripe = STRIPE_DIGITS[currency] ?? iso;
  if (stripe === iso) return Math.abs(amount);
  if (stripe > iso) {
    const factor = 10 ** (stripe - iso);
    return amount % factor === 0 ? Math.abs(amount / factor) : null;
  }
  return Math.abs(amount * 10 ** (iso - stripe));
}
