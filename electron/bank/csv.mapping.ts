/**
 * A CSV statement is read through a column mapping that staff save once per bank account
 * (PRODUCT F15): which column holds what, and how the bank writes numbers and dates.
 */
import { isCurrencyCode } from '../../shared/currencies';
import { bankAmount, splitSigned } from './amount';
import { StatementError } from './errors';
import { tokenizeCsv, type CsvRecord } from './csv.tokenize';
import type { BankRow } from './types';

/** Date layouts banks use in CSV exports. */
export const CSV_DATE_FORMATS = [
  'YYYY-MM-DD',
  'DD.MM.YYYY',
  'DD/MM/YYYY',
  'MM/DD/YYYY',
  'DD-MM-YYYY',
  'YYYYMMDD',
  'DD.MM.YY',
] as const;
export type CsvDateFormat = (typeof CSV_DATE_FORMATS)[number];

/** A column: its 0-based position, or its header text (matched case-insensitively, so reordered columns still work). */
export type CsvColumn = number | string;

/** How to read one bank's CSV export. */
export interface CsvMapping {
  /** The account the export is for (CSV files rarely say). */
  accountId: string;
  /** One character: ",", ";", "\t" or "|". */
  delimiter: string;
  /** Lines before the data; the last of them holds the column names. */
  headerRows: number;
  decimalSeparator: '.' | ',';
  thousandsSeparator: '' | '.' | ',' | ' ' | "'";
  dateFormat: CsvDateFormat;
  /** "utf-8" or "windows-1252"; null: UTF-8 when valid, else Windows-1252. */
  encoding?: 'utf-8' | 'windows-1252' | null;
  /** Used when no currency column is mapped. */
  fixedCurrency?: string | null;
  columns: {
    bookingDate: CsvColumn;
    valueDate?: CsvColumn | null;
    /** A signed amount (negative: money out). Either this, or credit and/or debit. */
    amount?: CsvColumn | null;
    credit?: CsvColumn | null;
    debit?: CsvColumn | null;
    currency?: CsvColumn | null;
    /** The transaction's reference as the bank shows it (not used to recognise repeats). */
    reference?: CsvColumn | null;
    /** The bank's unique transaction id, when the export has one: it keys re-imports. */
    transactionId?: CsvColumn | null;
    payerName?: CsvColumn | null;
    payerAccount?: CsvColumn | null;
    /** Several columns (e.g. "Verwendungszweck 1", "… 2") are joined with a space. */
    remittance?: CsvColumn | CsvColumn[] | null;
  };
}

/** A data row that could not be read, with its line. */
export interface CsvRowError {
  line: number;
  message: string;
}

function invalid(message: string): StatementError {
  return new StatementError('CSV_MAPPING_INVALID', message, null, 'csv');
}

function resolver(header: string[]): (col: CsvColumn, name: string) => number {
  const names = header.map((h) => h.trim().toLowerCase());
  return (col, name) => {
    if (typeof col === 'number') {
      if (!Number.isInteger(col) || col < 0) throw invalid(`The ${name} column must be a position from 0, not ${col}.`);
      return col;
    }
    const at = names.indexOf(col.trim().toLowerCase());
    if (at === -1) throw invalid(`The ${name} column "${col}" is not in the file's header.`);
    return at;
  };
}

/** Reads a date cell in `format` → YYYY-MM-DD, or null when it is not such a date. */
export function csvDate(raw: string, format: CsvDateFormat): string | null {
  const s = raw.trim().split(/[ T]/)[0]!;
  const patterns: Record<CsvDateFormat, [RegExp, number, number, number]> = {
    'YYYY-MM-DD': [/^(\d{4})-(\d{1,2})-(\d{1,2})$/, 1, 2, 3],
    'DD.MM.YYYY': [/^(\d{1,2})\.(\d{1,2})\.(\d{4})$/, 3, 2, 1],
    'DD/MM/YYYY': [/^(\d{1,2})\/(\d{1,2})\/(\d{4})$/, 3, 2, 1],
    'MM/DD/YYYY': [/^(\d{1,2})\/(\d{1,2})\/(\d{4})$/, 3, 1, 2],
    'DD-MM-YYYY': [/^(\d{1,2})-(\d{1,2})-(\d{4})$/, 3, 2, 1],
    YYYYMMDD: [/^(\d{4})(\d{2})(\d{2})$/, 1, 2, 3],
    'DD.MM.YY': [/^(\d{1,2})\.(\d{1,2})\.(\d{2})$/, 3, 2, 1],
  };
  const [re, y, mo, d] = patterns[format];
  const m = re.exec(s);
  if (m === null) return null;
  const year = m[y]!.length === 2 ? `20${m[y]}` : m[y]!;
  const month = Number(m[mo]);
  const day = Number(m[d]);
  if (month < 1 || month > 12 || day < 1 || day > 31) return null;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Checks a mapping's own shape (not against a file); throws CSV_MAPPING_INVALID naming the field. */
export function checkCsvMapping(m: CsvMapping): void {
  if (m.accountId.trim() === '') throw invalid('accountId: name the account this export is for.');
  if ([...m.delimiter].length !== 1 || m.delimiter === '"') throw invalid('delimiter: one character other than ".');
  if (!Number.isInteger(m.headerRows) || m.headerRows < 0 || m.headerRows > 50) throw invalid('headerRows: 0 to 50.');
  if (m.decimalSeparator === m.thousandsSeparator)
    throw invalid('thousandsSeparator: must differ from the decimal separator.');
  if (!CSV_DATE_FORMATS.includes(m.dateFormat)) throw invalid(`dateFormat: one of ${CSV_DATE_FORMATS.join(', ')}.`);
  const c = m.columns;
  const hasAmount = c.amount !== undefined && c.amount !== null;
  const hasSplit = (c.credit ?? null) !== null || (c.debit ?? null) !== null;
  if (hasAmount === hasSplit) throw invalid('columns: map either amount, or credit and/or debit.');
  if ((c.currency ?? null) === null) {
    if (m.fixedCurrency === undefined || m.fixedCurrency === null || !isCurrencyCode(m.fixedCurrency)) {
      throw invalid('fixedCurrency: map a currency column or give an ISO 4217 currency.');
    }
  }
}

/** Reads CSV text with `mapping`: rows, and the data lines that could not be read. At most `limit` rows. */
export function applyCsvMapping(
  text: string,
  mapping: CsvMapping,
  limit = Infinity,
): { header: string[]; rows: BankRow[]; errors: CsvRowError[] } {
  checkCsvMapping(mapping);
  const records = tokenizeCsv(text, mapping.delimiter, limit + mapping.headerRows);
  const header = mapping.headerRows > 0 ? (records[mapping.headerRows - 1]?.fields ?? []) : [];
  const col = resolver(header);
  const c = mapping.columns;
  const at = (name: keyof CsvMapping['columns']) => {
    const v = c[name];
    return v === undefined || v === null || Array.isArray(v) ? null : col(v, name);
  };
  const idx = {
    bookingDate: col(c.bookingDate, 'bookingDate'),
    valueDate: at('valueDate'),
    amount: at('amount'),
    credit: at('credit'),
    debit: at('debit'),
    currency: at('currency'),
    reference: at('reference'),
    transactionId: at('transactionId'),
    payerName: at('payerName'),
    payerAccount: at('payerAccount'),
    remittance: (c.remittance === undefined || c.remittance === null
      ? []
      : Array.isArray(c.remittance)
        ? c.remittance
        : [c.remittance]
    ).map((r) => col(r, 'remittance')),
  };
  const rows: BankRow[] = [];
  const errors: CsvRowError[] = [];
  for (const record of records.slice(mapping.headerRows)) {
    try {
      const row = readRecord(record, mapping, idx);
      if (row !== null) rows.push(row);
    } catch (e) {
      errors.push({ line: record.line, message: e instanceof Error ? e.message : String(e) });
    }
  }
  return { header, rows, errors };
}

type Indexes = {
  [K in keyof CsvMapping['columns']]-?: K extends 'remittance'
    ? number[]
    : K extends 'bookingDate'
      ? number
      : number | null;
};

function readRecord(record: CsvRecord, m: CsvMapping, idx: Indexes): BankRow | null {
  const cell = (i: number | null) => (i === null ? '' : (record.fields[i] ?? '').trim());
  const text = (i: number | null) => (cell(i) === '' ? null : cell(i).replace(/\s+/g, ' '));
  const amountCells = [cell(idx.amount), cell(idx.credit), cell(idx.debit)];
  // Banks end exports with blank or balance-only lines: no date and no amount is no transaction.
  if (cell(idx.bookingDate) === '' && amountCells.every((a) => a === '')) return null;
  const bookingDate = csvDate(cell(idx.bookingDate), m.dateFormat);
  if (bookingDate === null) throw new Error(`"${cell(idx.bookingDate)}" is not a ${m.dateFormat} date`);
  const valueCell = cell(idx.valueDate);
  const valueDate = valueCell === '' ? null : csvDate(valueCell, m.dateFormat);
  if (valueCell !== '' && valueDate === null) throw new Error(`"${valueCell}" is not a ${m.dateFormat} date`);
  const currency = (idx.currency === null ? (m.fixedCurrency ?? '') : cell(idx.currency)).toUpperCase();
  const parse = (raw: string) => {
    const s = splitSigned(raw, m.decimalSeparator, m.thousandsSeparator);
    if (s === null) throw new Error(`"${raw}" is not an amount (decimal "${m.decimalSeparator}")`);
    const a = bankAmount(s.digits, currency);
    if (!a.ok) throw new Error(a.message);
    return { negative: s.negative, amount: a.amount, zero: /^[0.]+$/.test(a.amount) };
  };
  let direction: 'credit' | 'debit';
  let amount: string;
  if (idx.amount !== null) {
    const a = parse(cell(idx.amount));
    direction = a.negative ? 'debit' : 'credit';
    amount = a.amount;
  } else {
    const credit = cell(idx.credit) === '' ? null : parse(cell(idx.credit));
    const debit = cell(idx.debit) === '' ? null : parse(cell(idx.debit));
    const cr = credit !== null && !credit.zero;
    const dr = debit !== null && !debit.zero;
    if (cr && dr) throw new Error('both the credit and the debit column hold an amount');
    if (!cr && !dr && credit === null && debit === null)
      throw new Error('neither the credit nor the debit column holds an amount');
    // Debit columns hold the amount with or without a minus: the column says which way it went.
    direction = cr || (!dr && credit !== null) ? 'credit' : 'debit';
    amount = (direction === 'credit' ? credit : debit)!.amount;
  }
  const remittance = idx.remittance.map((i) => text(i)).filter((s) => s !== null);
  return {
    accountId: m.accountId.trim(),
    direction,
    reversal: false,
    amount,
    currency,
    bookingDate,
    valueDate,
    bankReference: text(idx.transactionId),
    entryReference: text(idx.reference),
    endToEndId: null,
    remittance: remittance.length === 0 ? null : remittance.join(' '),
    payerName: text(idx.payerName),
    payerAccount: text(idx.payerAccount)?.replace(/\s+/g, '') ?? null,
    bankId: text(idx.transactionId),
    sourceLocation: `line ${record.line}`,
  };
}
