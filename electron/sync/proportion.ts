/**
 * How many credits a refund takes back (PRODUCT F16): the purchase's credits in proportion to the
 * part of the payment refunded, rounded DOWN in the client's favour, with the exact figure kept
 * for the audit trail (as F4 keeps a conversion's). Integer arithmetic on BigInt, never a float.
 */
import Decimal from 'decimal.js';

const D = Decimal.clone({ precision: 80, rounding: Decimal.ROUND_DOWN, toExpNeg: -100, toExpPos: 100 });

/** Places kept when the exact figure is a decimal that never ends (e.g. 1000/3). */
const NON_TERMINATING_PLACES = 12;

function gcd(a: bigint, b: bigint): bigint {
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

/** The reversal of `refundedMinor` out of `paidMinor` for a purchase of `credits`. */
export interface Proportion {
  /** Whole credits to take back: ⌊credits × refunded ÷ paid⌋. */
  credits: number;
  /** The exact figure: a decimal when it ends ("33.5"), else the reduced fraction ("1000/3"). */
  exact: string;
  /** A decimal for the ledger entry's exact-credits column: exact, or cut to 12 places when it never ends. */
  exactDecimal: string;
}

export function proportionalCredits(credits: number, refundedMinor: number, paidMinor: number): Proportion {
  // A refund larger than the payment (it cannot be, but a provider's figure is not ours) takes all.
  const refunded = BigInt(Math.min(refundedMinor, paidMinor));
  let num = BigInt(credits) * refunded;
  let den = BigInt(paidMinor);
  const g = gcd(num, den);
  if (g > 1n) {
    num /= g;
    den /= g;
  }
  let rest = den;
  while (rest % 2n === 0n) rest /= 2n;
  while (rest % 5n === 0n) rest /= 5n;
  const terminating = rest === 1n;
  const decimal = new D(num.toString()).div(den.toString());
  const exactDecimal = terminating
    ? decimal.toFixed()
    : decimal.toDecimalPlaces(NON_TERMINATING_PLACES, Decimal.ROUND_DOWN).toFixed();
  return {
    credits: Number(num / den),
    exact: terminating ? exactDecimal : `${num}/${den}`,
    exactDecimal,
  };
}
