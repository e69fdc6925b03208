/**
 * F4 rounding, checked against an independent exact method: BigInt rational arithmetic
 * (not decimal.js again). For 100,000 random (amount, currency, rate) cases:
 * charged ≥ amount × rate > charged − 1, equality exactly when the product is whole, and the
 * stored exact product is the true decimal product.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { convert, MAX_CREDITS, parseRate } from '../../shared/money';
import { minorDigits } from '../../shared/currencies';

const CURRENCIES = ['JPY', 'USD', 'KWD'] as const; // 0, 2 and 3 minor digits

/** A rate written as a plain decimal: up to 6 integer digits and up to 12 decimals, never zero. */
const rateText = fc
  .tuple(
    fc.oneof(fc.integer({ min: 0, max: 20 }), fc.integer({ min: 0, max: 999_999 })),
    fc.oneof(fc.constant(''), fc.stringMatching(/^[0-9]{1,12}$/)),
  )
  .map(([whole, fraction]) => (fraction === '' ? String(whole) : `${whole}.${fraction}`))
  .filter((text) => /[1-9]/.test(text));

/** Minor units: the smallest amounts, everyday prices and large ones (≤ 10⁹ minor units). */
const minorUnits = fc.oneof(
  fc.integer({ min: 1, max: 100 }),
  fc.integer({ min: 1, max: 1_000_000 }),
  fc.integer({ min: 1, max: 1_000_000_000 }),
);

/** The rate as a fraction numerator / 10^scale. */
function rational(text: string): { numerator: bigint; scale: number } {
  const [whole, fraction = ''] = text.split('.');
  return { numerator: BigInt(`${whole}${fraction}`), scale: fraction.length };
}

/** The exact decimal text of numerator / 10^scale with no trailing zeros ("35.1", "35"). */
function decimalText(numerator: bigint, scale: number): string {
  const digits = numerator.toString().padStart(scale + 1, '0');
  const whole = digits.slice(0, digits.length - scale);
  const fraction = digits.slice(digits.length - scale).replace(/0+$/, '');
  return fraction === '' ? whole : `${whole}.${fraction}`;
}

describe('credits = ⌈amount × rate⌉', () => {
  it('holds for 100,000 cases across JPY, USD and KWD', () => {
    let whole = 0;
    fc.assert(
      fc.property(fc.constantFrom(...CURRENCIES), minorUnits, rateText, (currency, minor, rate) => {
        const r = rational(rate);
        // amount × rate = minor × numerator / 10^(digits + scale)
        const product = BigInt(minor) * r.numerator;
        const denominator = 10n ** BigInt(minorDigits(currency) + r.scale);
        const { credits, exactCredits } = convert(minor, currency, rate);
        const charged = BigInt(credits) * denominator;
        const isWhole = product % denominator === 0n;
        if (isWhole) whole++;
        // Plain booleans rather than expect(): 100,000 runs stay fast; fast-check reports the counterexample.
        return (
          parseRate(rate).ok &&
          Number.isSafeInteger(credits) &&
          credits <= MAX_CREDITS &&
          charged >= product && // charged ≥ amount × rate
          charged - denominator < product && // amount × rate > charged − 1
          (charged === product) === isWhole && // equality exactly when the product is whole
          exactCredits === decimalText(product, minorDigits(currency) + r.scale)
        );
      }),
      { numRuns: 100_000, seed: 20261126 },
    );
    // The generator reaches both sides of the rule, so neither branch is vacuous.
    expect(whole).toBeGreaterThan(1000);
  });

  it('the examples of the product', () => {
    expect(convert(351, 'USD', '10')).toEqual({ credits: 36, exactCredits: '35.1' });
    expect(convert(350, 'USD', '10')).toEqual({ credits: 35, exactCredits: '35' });
    expect(convert(1, 'USD', '10')).toEqual({ credits: 1, exactCredits: '0.1' });
    expect(convert(1000, 'JPY', '0.07')).toEqual({ credits: 70, exactCredits: '70' });
    expect(convert(1001, 'KWD', '0.001')).toEqual({ credits: 1, exactCredits: '0.001001' });
  });
});
