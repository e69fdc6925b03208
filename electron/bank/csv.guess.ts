/**
 * The CSV preview shown before a first import: the file's first rows read with a mapping, and
 * a mapping guessed from the header and the data (delimiter, header line, columns by the names
 * banks use in English, German, Dutch, French and Latvian, number and date layout).
 */
import { StatementError } from './errors';
import {
  applyCsvMapping,
  CSV_DATE_FORMATS,
  csvDate,
  type CsvDateFormat,
  type CsvMapping,
  type CsvRowError,
} from './csv.mapping';
import { tokenizeCsv } from './csv.tokenize';
import { checkSize, decodeText, refuseBinary } from './text';
import type { BankRow } from './types';

/** What the mapping dialog shows. */
export interface CsvPreview {
  /** The header row's cells (empty when the guess found none). */
  header: string[];
  /** The first records as raw cells, header lines included, so staff see what the file holds. */
  sample: string[][];
  /** A mapping guessed from the file: a starting point for staff, never applied without them. */
  guessed: CsvMapping;
  /** The first rows read with the given mapping (or the guess when none was given). */
  rows: BankRow[];
  /** Lines among those that could not be read, with why. */
  errors: CsvRowError[];
  /** Why no rows could be read at all (an incomplete mapping), or null. */
  problem: string | null;
}

type ColumnKey =
  | 'bookingDate'
  | 'valueDate'
  | 'amount'
  | 'credit'
  | 'debit'
  | 'currency'
  | 'reference'
  | 'transactionId'
  | 'payerName'
  | 'payerAccount'
  | 'remittance';

/** Header names (lower case, exact after trimming) per column, most specific first. */
const SYNONYMS: Record<ColumnKey, string[]> = {
  bookingDate: [
    'booking date',
    'date',
    'transaction date',
    'posting date',
    'posted date',
    'buchungstag',
    'buchungsdatum',
    'datum',
    'datums',
    'date opération',
    "date d'opération",
    'date operation',
    'boekdatum',
    'grāmatošanas datums',
  ],
  valueDate: [
    'value date',
    'valuta',
    'wertstellung',
    'valutadatum',
    'date de valeur',
    'rentedatum',
    'valutēšanas datums',
  ],
  amount: [
    'amount',
    'betrag',
    'bedrag',
    'montant',
    'summa',
    'transaction amount',
    'umsatz',
    'betrag (eur)',
    'amount (eur)',
  ],
  credit: [
    'credit',
    'credit amount',
    'paid in',
    'money in',
    'haben',
    'gutschrift',
    'eingang',
    'bij',
    'crédit',
    'kredīts',
    'deposit',
    'deposits',
  ],
  debit: [
    'debit',
    'debit amount',
    'paid out',
    'money out',
    'soll',
    'lastschrift',
    'ausgang',
    'af',
    'débit',
    'debets',
    'withdrawal',
    'withdrawals',
  ],
  currency: ['currency', 'währung', 'waehrung', 'valuta code', 'munt', 'devise', 'valūta', 'ccy'],
  reference: [
    'reference',
    'referenz',
    'kundenreferenz',
    'référence',
    'referentie',
    'atsauce',
    'payment reference',
    'end-to-end-referenz',
    'dokumenta numurs',
  ],
  transactionId: [
    'transaction id',
    'transaction reference',
    'bank reference',
    'transaktions-id',
    'transaktionsnummer',
    'id',
    'fitid',
  ],
  payerName: [
    'payer',
    'payer name',
    'counterparty',
    'counterparty name',
    'name',
    'payee',
    'beguenstigter/zahlungspflichtiger',
    'begünstigter/zahlungspflichtiger',
    'auftraggeber',
    'empfänger',
    'naam / omschrijving',
    'tegenpartij',
    'bénéficiaire',
    'maksātājs',
    'saņēmējs/maksātājs',
    'partneris',
  ],
  payerAccount: [
    'payer account',
    'counterparty account',
    'iban',
    'kontonummer/iban',
    'kontonummer',
    'tegenrekening',
    'konto',
    'account',
    'partnera konts',
  ],
  remittance: [
    'remittance',
    'details',
    'description',
    'memo',
    'verwendungszweck',
    'mitteilung',
    'omschrijving',
    'mededelingen',
    'libellé',
    'libelle',
    'informācija saņēmējam',
    'maksājuma mērķis',
    'narrative',
  ],
};

function guessDelimiter(text: string): string {
  const lines = text
    .split(/\r?\n/)
    .filter((l) => l.trim() !== '')
    .slice(0, 10);
  let best = ',';
  let bestScore = 0;
  for (const d of [';', ',', '\t', '|']) {
    const counts = lines.map((l) => l.replace(/"[^"]*"/g, '').split(d).length - 1);
    const max = Math.max(0, ...counts);
    // A delimiter is used on most lines, and about equally often on each.
    const score = counts.filter((c) => c === max).length * max;
    if (max > 0 && score > bestScore) {
      best = d;
      bestScore = score;
    }
  }
  return best;
}

function columnFor(header: string[], key: ColumnKey, taken: Set<number>): number | null {
  const names = header.map((h) => h.trim().toLowerCase());
  for (const synonym of SYNONYMS[key]) {
    const at = names.findIndex((n, i) => !taken.has(i) && n === synonym);
    if (at !== -1) return at;
  }
  return null;
}

function guessNumbers(values: string[]): Pick<CsvMapping, 'decimalSeparator' | 'thousandsSeparator'> {
  const comma = values.some((v) => /\d,\d{1,2}\s*-?$/.test(v.trim()));
  const dot = values.some((v) => /\d\.\d{1,2}\s*-?$/.test(v.trim()));
  if (comma && !dot) {
    return { decimalSeparator: ',', thousandsSeparator: values.some((v) => /\d\.\d{3}/.test(v)) ? '.' : '' };
  }
  return { decimalSeparator: '.', thousandsSeparator: values.some((v) => /\d,\d{3}/.test(v)) ? ',' : '' };
}

function guessDateFormat(values: string[]): CsvDateFormat {
  const candidates = CSV_DATE_FORMATS.filter((f) => values.length > 0 && values.every((v) => csvDate(v, f) !== null));
  // DD/MM and MM/DD both fit when every day is ≤ 12: Europe's DD/MM is the default then.
  return candidates[0] ?? 'YYYY-MM-DD';
}

/** Guesses a mapping from decoded CSV text. The result may be incomplete (e.g. no currency). */
export function guessCsvMapping(text: string, accountId = ''): CsvMapping {
  const delimiter = guessDelimiter(text);
  const records = tokenizeCsv(text, delimiter, 40);
  // The header is the first line (of the first 20) naming at least two known columns.
  let headerRows = 0;
  for (let i = 0; i < Math.min(records.length, 20); i++) {
    const cells = records[i]!.fields.map((f) => f.trim().toLowerCase());
    const known = cells.filter((c) => Object.values(SYNONYMS).some((list) => list.includes(c))).length;
    if (known >= 2) {
      headerRows = i + 1;
      break;
    }
  }
  const header = headerRows > 0 ? records[headerRows - 1]!.fields : [];
  const taken = new Set<number>();
  const pick = (key: ColumnKey) => {
    const at = columnFor(header, key, taken);
    if (at !== null) taken.add(at);
    return at;
  };
  const order: ColumnKey[] = [
    'bookingDate',
    'valueDate',
    'credit',
    'debit',
    'amount',
    'currency',
    'transactionId',
    'reference',
    'payerAccount',
    'payerName',
    'remittance',
  ];
  const found = Object.fromEntries(order.map((k) => [k, pick(k)])) as Record<ColumnKey, number | null>;
  const data = records.slice(headerRows);
  const valuesOf = (i: number | null) =>
    i === null ? [] : data.map((r) => (r.fields[i] ?? '').trim()).filter((v) => v !== '');
  const split = found.credit !== null || found.debit !== null;
  const amountValues = split ? [...valuesOf(found.credit), ...valuesOf(found.debit)] : valuesOf(found.amount ?? 1);
  return {
    accountId,
    delimiter,
    headerRows,
    ...guessNumbers(amountValues),
    dateFormat: guessDateFormat(valuesOf(found.bookingDate ?? 0)),
    // Without a currency column staff must name the currency: a guess here could book EUR as USD.
    fixedCurrency: null,
    columns: {
      bookingDate: found.bookingDate ?? 0,
      valueDate: found.valueDate,
      amount: split ? null : (found.amount ?? 1),
      credit: split ? found.credit : null,
      debit: split ? found.debit : null,
      currency: found.currency,
      reference: found.reference,
      transactionId: found.transactionId,
      payerName: found.payerName,
      payerAccount: found.payerAccount,
      remittance: found.remittance,
    },
  };
}

/**
 * Reads the first `limit` rows of a CSV file with `mapping` (or the guessed one) for the
 * mapping dialog. File-level problems (binary, oversized, bad encoding) throw StatementError;
 * an incomplete mapping is reported in `problem`, bad lines in `errors`.
 */
export function previewCsv(
  bytes: Uint8Array,
  mapping: CsvMapping | null = null,
  options: { limit?: number; accountId?: string } = {},
): CsvPreview {
  checkSize(bytes);
  refuseBinary(bytes);
  const text = decodeText(bytes, mapping?.encoding ?? null);
  const limit = options.limit ?? 20;
  const guessed = guessCsvMapping(text, options.accountId ?? mapping?.accountId ?? '');
  const used = mapping ?? guessed;
  const sample = tokenizeCsv(text, used.delimiter, limit + used.headerRows).map((r) => r.fields);
  try {
    const read = applyCsvMapping(text, used.accountId === '' ? { ...used, accountId: '(preview)' } : used, limit);
    return { header: read.header, sample, guessed, rows: read.rows, errors: read.errors, problem: null };
  } catch (e) {
    if (!(e instanceof StatementError)) throw e;
    const header = used.headerRows > 0 ? (sample[used.headerRows - 1] ?? []) : [];
    return { header, sample, guessed, rows: [], errors: [], problem: e.message };
  }
}
