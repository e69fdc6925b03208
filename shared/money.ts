/**
 * Money arithmetic shared by the main process and the renderer.
 * Currency amounts travel as plain decimal strings ("3.51"), live in the database as integer
 * minor units (351), and are computed with decimal.js. Credits are integers. No float ever
 * holds money: a JS number is used only for integer minor units and integer credits, both
 * bounded well inside Number.MAX_SAFE_INTEGER.
 */
import Decimal from 'decimal.js';
import { isCurrencyCode, minorDigits } from './currencies';

/**
 * A private decimal.js constructor with enough precision that no product we form is ever
 * rounded: amounts have at most 15 integer + 4 fraction digits, rates at most 12 + 12.
 */
const D = Decimal.clone({ precision: 80, rounding: Decimal.ROUND_HALF_UP, toExpNeg: -100, toExpPos: 100 });

/** The largest currency amount, in minor units, the ledger accepts (a trillion in major units). */
export const MAX_MINOR_UNITS = 1_000_000_000_000_000;
/** The largest credit figure any single operation or balance may reach. */
export const MAX_CREDITS = 1_000_000_000_000_000;

const AMOUNT_PATTERN = /^\d{1,16}(\.\d{1,18})?$/;
const RATE_PATTERN = /^\d{1,15}(\.\d{1,12})?$/;

/** Why a string is not an acceptable amount, or null when it is. */
export type AmountProblem = 'format' | 'currency' | 'too_many_decimals' | 'not_positive' | 'too_large';

/** Outcome of {@link parseAmount}: minor units, or the problem in words for a finance person. */
export type ParsedAmount = { ok: true; minor: number } | { ok: false; problem: AmountProblem; message: string };

/**
 * Parses a plain decimal string ("3.51") into integer minor units of `currency` (351).
 * Refuses signs, exponents, thousands separators, more decimals than the currency has,
 * zero (unless `allowZero`), and amounts beyond {@link MAX_MINOR_UNITS}.
 */
export function parseAmount(text: string, currency: string, opts: { allowZero?: boolean } = {}): ParsedAmount {
  if (!isCurrencyCode(currency)) {
    return { ok: false, problem: 'currency', message: `${currency} is not a supported ISO 4217 currency code.` };
  }
  if (!AMOUNT_PATTERN.test(text)) {
    return {
      ok: false,
      problem: 'format',
      message: 'Enter the amount as digits with an optional decimal point, for example 3.51 (no sign or separators).',
    };
  }
  const digits = minorDigits(currency);
  const fraction = text.split('.')[1] ?? '';
  // "3.50" is fine for USD; "3.501" is not. Trailing zeros beyond the minor unit are still refused:
  // an amount written with more precision than the currency has is a data-entry mistake.
  if (fraction.length > digits) {
    return {
      ok: false,
      problem: 'too_many_decimals',
      message:
        digits === 0
          ? `${currency} amounts have no decimal places.`
          : `${currency} amounts have at most ${digits} decimal place${digits === 1 ? '' : 's'}.`,
    };
  }
  // Exact without decimal.js when the minor units have at most 15 significant digits (always a
  // safe integer, far below MAX_MINOR_UNITS): the text is already known to be plain digits.
  // parseAmount runs several times per posting (input validation, stored prices).
  const minorDigitsText = (text.split('.')[0]! + fraction.padEnd(digits, '0')).replace(/^0+/, '');
  if (minorDigitsText.length <= 15) {
    const minor = minorDigitsText === '' ? 0 : Number(minorDigitsText);
    if (minor === 0 && opts.allowZero !== true) {
      return { ok: false, problem: 'not_positive', message: 'The amount must be greater than zero.' };
    }
    return { ok: true, minor };
  }
  const minorDec = new D(text).times(new D(10).pow(digits));
  if (minorDec.gt(MAX_MINOR_UNITS)) {
    return { ok: false, problem: 'too_large', message: 'The amount is larger than Credit Desk accepts.' };
  }
  const minor = minorDec.toNumber();
  if (minor === 0 && opts.allowZero !== true) {
    return { ok: false, problem: 'not_positive', message: 'The amount must be greater than zero.' };
  }
  return { ok: true, minor };
}

/** Minor units back to the wire's decimal string with exactly the currency's digits: 351 USD → "3.51". */
export function formatMinor(minor: number, currency: string): string {
  const digits = minorDigits(currency);
  // Exact without decimal.js for every stored amount (safe integers): this runs for every row
  // of every history page and statement, where decimal.js cost ~1 µs a call.
  if (Number.isSafeInteger(minor)) {
    if (digits === 0) return String(minor);
    const abs = String(Math.abs(minor)).padStart(digits + 1, '0');
    return `${minor < 0 ? '-' : ''}${abs.slice(0, -digits)}.${abs.slice(-digits)}`;
  }
  return new D(minor).div(new D(10).pow(digits)).toFixed(digits);
}

/** Outcome of {@link parseRate}. */
export type ParsedRate = { ok: true; rate: string } | { ok: false; message: string };

/**
 * Parses credits-per-unit ("10", "0.07") into its canonical decimal string
 * (no trailing zeros), refusing zero, signs and exponents.
 */
export function parseRate(text: string): ParsedRate {
  if (!RATE_PATTERN.test(text)) {
    return {
      ok: false,
      message:
        'Enter credits per unit as a positive decimal number, for example 10 or 0.07 (at most 12 decimal places).',
    };
  }
  const value = new D(text);
  if (value.isZero()) return { ok: false, message: 'Credits per unit must be greater than zero.' };
  return { ok: true, rate: value.toFixed() };
}

/** The exact and charged credits for paying `minor` units of `currency` at `rate` credits per unit. */
export interface Conversion {
  /** The exact product amount × rate, as a decimal string ("35.1"): kept for audit. */
  exactCredits: string;
  /** ⌈exact⌉: the credits actually charged (36). */
  credits: number;
}

/**
 * credits = ⌈amount × rate⌉ (PRODUCT F4), computed exactly: $3.51 at 10/USD is 35.1 → 36,
 * $3.50 → 35, $0.01 → 1. Rounding up means the agency is never short-changed by rounding, and
 * the residue (charged − exact, always < 1) is stored with the debit.
 */
export function convert(minor: number, currency: string, rate: string): Conversion {
  const amount = new D(minor).div(new D(10).pow(minorDigits(currency)));
  const exact = amount.times(new D(rate));
  return { exactCredits: exact.toFixed(), credits: exact.ceil().toNumber() };
}

/** {@link convert} for a wire amount string that has already been validated. */
export function convertAmount(amount: string, currency: string, rate: string): Conversion {
  const parsed = parseAmount(amount, currency, { allowZero: true });
  if (!parsed.ok) throw new RangeError(parsed.message);
  return convert(parsed.minor, currency, rate);
}

/** A currency amount for people: 1234.5 USD → "$1,234.50" (in the given locale). */
export function formatMoney(minor: number, currency: string, locale?: string): string {
  const digits = minorDigits(currency);
  return new Intl.NumberFormat(locale, {
    style: 'currency',
    currency,
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
    // Latvian (and CLDR's other "min2" locales) would leave 1234,56 ungrouped; accountants group it.
    useGrouping: 'always',
  }).format(formatMinor(minor, currency) as `${number}`);
}

/** Credits for people: 1234567 → "1,234,567". */
export function formatCredits(credits: number, locale?: string): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 0, useGrouping: 'always' }).format(credits);
}
