/**
 * Display formatting through Intl, on top of shared/money.ts so the screens and the ledger
 * agree on every figure. Amounts stay decimal strings until they are shown.
 */
import { formatCredits, formatMoney, parseAmount } from '../../../shared/money';
import type { EntryType, InvoiceStatus, RequestMethod, RequestStatus } from '../../../shared/dto';

/** "3.51" USD → "$3.51"; an amount that does not parse is shown as written, with its code. */
export function money(amount: string, currency: string): string {
  const parsed = parseAmount(amount, currency, { allowZero: true });
  return parsed.ok ? formatMoney(parsed.minor, currency) : `${amount} ${currency}`;
}

/** 1234567 → "1,234,567". */
export function credits(value: number): string {
  return formatCredits(value);
}

/** A plain decimal string ("35.1", "0.07") in the user's locale, without rounding it. */
export function decimal(text: string): string {
  const [whole = '0', fraction] = text.split('.');
  const grouped = new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 }).format(BigInt(whole));
  if (fraction === undefined) return grouped;
  const point = new Intl.NumberFormat(undefined).formatToParts(1.5).find((p) => p.type === 'decimal')?.value ?? '.';
  return `${grouped}${point}${fraction}`;
}

const dateTimeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });

/** An ISO instant as a local date and time. */
export function dateTime(iso: string): string {
  return dateTimeFormat.format(new Date(iso));
}

const timeFormat = new Intl.DateTimeFormat(undefined, { timeStyle: 'short' });

/** An ISO instant as a local time of day. */
export function time(iso: string): string {
  return timeFormat.format(new Date(iso));
}

/** An ISO instant as a local date. */
export function date(iso: string): string {
  return dateFormat.format(new Date(iso));
}

export const ENTRY_TYPE_LABELS: Record<EntryType, string> = {
  package_purchase: 'Package purchase',
  request_approved: 'Approved request',
  service_purchase: 'Service purchase',
  invoice_payment: 'Invoice payment',
  adjustment: 'Adjustment',
};

export const METHOD_LABELS: Record<RequestMethod, string> = {
  bank_transfer: 'Bank transfer',
  crypto: 'Crypto',
};

export const REQUEST_STATUS_LABELS: Record<RequestStatus, string> = {
  pending: 'Pending',
  accepted: 'Accepted',
  rejected: 'Rejected',
};

export const INVOICE_STATUS_LABELS: Record<InvoiceStatus, string> = {
  unpaid: 'Unpaid',
  paid: 'Paid',
  void: 'Void',
};
