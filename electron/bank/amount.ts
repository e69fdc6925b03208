/**
 * Bank amounts → the wire's exact decimal string, with shared/money's rules. No float ever
 * holds an amount: the text is checked digit by digit and handed to parseAmount/formatMinor.
 */
import { isCurrencyCode } from '../../shared/currencies';
import { formatMinor, parseAmount } from '../../shared/money';

/** A parsed amount, or why it is not one. */
export type BankAmount = { ok: true; amount: string } | { ok: false; message: string };

/**
 * An unsigned decimal with `.` as the decimal point ("1234.5", "100", "0.10") → exactly the
 * currency's minor digits ("1234.50"). Trailing zeros beyond those digits are dropped
 * ("1000.00" JPY → "1000"); any other extra precision is refused, never rounded away.
 */
export function bankAmount(text: string, currency: string): BankAmount {
  if (!isCurrencyCode(currency)) return { ok: false, message: `"${currency}" is not an ISO 4217 currency code` };
  const m = /^(\d+)(?:\.(\d*))?$/.exec(text);
  if (m === null) return { ok: false, message: `"${text}" is not an amount` };
  const fraction = (m[2] ?? '').replace(/0+$/, '');
  const integer = m[1]!.replace(/^0+(?=\d)/, '');
  const parsed = parseAmount(fraction === '' ? integer : `${integer}.${fraction}`, currency, { allowZero: true });
  if (!parsed.ok) return { ok: false, message: `${text} ${currency}: ${parsed.message}` };
  return { ok: true, amount: formatMinor(parsed.minor, currency) };
}

/** A signed amount as banks write it: a leading or trailing minus, or (parentheses). */
export interface SignedText {
  negative: boolean;
  digits: string;
}

/**
 * Strips sign, currency symbols and thousands separators from a bank's number and turns the
 * decimal separator into `.`: "-1.234,56" with decimal "," → {negative, "1234.56"}.
 * Returns null for anything that is not a number.
 */
export function splitSigned(raw: string, decimal: '.' | ',', thousands: string): SignedText | null {
  let s = raw.trim();
  if (thousands === ' ') s = s.replace(/[\s\u00a0\u202f]/g, '');
  let negative = false;
  if (/^\(.*\)$/.test(s)) {
    negative = true;
    s = s.slice(1, -1).trim();
  }
  // A currency code or symbol may stand on either side of the sign: "EUR -5", "-$5", "5 €".
  const stripCurrency = () => {
    s = s
      .replace(/^[A-Z]{3}\s*|\s*[A-Z]{3}$/g, '')
      .replace(/^[€$£¥]\s*|\s*[€$£¥]$/g, '')
      .trim();
  };
  stripCurrency();
  if (s.startsWith('-') || s.startsWith('\u2212')) {
    negative = !negative;
    s = s.slice(1);
  } else if (s.startsWith('+')) s = s.slice(1);
  else if (s.endsWith('-')) {
    negative = !negative;
    s = s.slice(0, -1);
  }
  stripCurrency();
  if (thousands !== '' && thousands !== ' ') s = s.split(thousands).join('');
  if (decimal === ',') {
    if (s.includes('.')) return null;
    s = s.replace(',', '.');
  } else if (s.includes(',')) return null;
  return /^\d+(\.\d*)?$/.test(s) ? { negative, digits: s } : null;
}
