/**
 * Display formatting through Intl in the user's language (F17), on top of shared/money.ts so
 * the screens and the ledger agree on every figure. Amounts stay decimal strings until shown.
 * Formatters are cached per locale: the language can change while the app runs.
 */
import { formatCredits, formatMoney, parseAmount } from '../../../shared/money';
import type { EntryType, InvoiceStatus, RequestMethod, RequestStatus } from '../../../shared/dto';
import { currentLocale, t } from '../i18n';

/** "3.51" USD → "$3.51" (en) or "3,51 $" (lv); an amount that does not parse is shown as written. */
export function money(amount: string, currency: string): string {
  const parsed = parseAmount(amount, currency, { allowZero: true });
  return parsed.ok ? formatMoney(parsed.minor, currency, currentLocale()) : `${amount} ${currency}`;
}

/** 1234567 → "1,234,567" (en) or "1 234 567" (lv). */
export function credits(value: number): string {
  return formatCredits(value, currentLocale());
}

/** A plain decimal string ("35.1", "0.07") in the user's locale, without rounding it. */
export function decimal(text: string): string {
  const locale = currentLocale();
  const [whole = '0', fraction] = text.split('.');
  const grouped = new Intl.NumberFormat(locale, { maximumFractionDigits: 0, useGrouping: 'always' }).format(
    BigInt(whole),
  );
  if (fraction === undefined) return grouped;
  const point = new Intl.NumberFormat(locale).formatToParts(1.5).find((p) => p.type === 'decimal')?.value ?? '.';
  return `${grouped}${point}${fraction}`;
}

const cache = new Map<string, Intl.DateTimeFormat>();

function dateFormat(style: 'dateTime' | 'date' | 'time' | 'long'): Intl.DateTimeFormat {
  const locale = currentLocale();
  const key = `${locale}|${style}`;
  let format = cache.get(key);
  if (format === undefined) {
    const options: Intl.DateTimeFormatOptions =
      style === 'dateTime'
        ? { dateStyle: 'medium', timeStyle: 'short' }
        : style === 'date'
          ? { dateStyle: 'medium' }
          : style === 'long'
            ? { dateStyle: 'long' }
            : { timeStyle: 'short' };
    format = new Intl.DateTimeFormat(locale, options);
    cache.set(key, format);
  }
  return format;
}

/** An ISO instant as a local date and time. */
export function dateTime(iso: string): string {
  return dateFormat('dateTime').format(new Date(iso));
}

/** An ISO instant as a local time of day. */
export function time(iso: string): string {
  return dateFormat('time').format(new Date(iso));
}

/** An ISO instant as a local date. */
export function date(iso: string): string {
  return dateFormat('date').format(new Date(iso));
}

/** An ISO instant as a long date: "December 1, 2026", "2026. gada 1. decembris". */
export function longDate(iso: string): string {
  return dateFormat('long').format(new Date(iso));
}

/**
 * Credits with their noun in the right plural form ("1 credit", "21 kredīts", "5 kredīti") and,
 * for Latvian, the right case: `acc` after a verb ("norakstīt 36 kredītus"), `ins` after "ar".
 */
export function creditsText(value: number, grammaticalCase?: 'acc' | 'ins'): string {
  return t('common.credits', { count: value, value: credits(value), context: grammaticalCase });
}

export function entryTypeLabel(type: EntryType): string {
  return t(`entryType.${type}`);
}

export function methodLabel(method: RequestMethod): string {
  return t(`method.${method}`);
}

export function requestStatusLabel(status: RequestStatus): string {
  return t(`requestStatus.${status}`);
}

export function invoiceStatusLabel(status: InvoiceStatus): string {
  return t(`invoiceStatus.${status}`);
}
