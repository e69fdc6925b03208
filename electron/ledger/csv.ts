/**
 * CSV as spreadsheet programs read it safely: RFC 4180 (CRLF line ends, fields quoted when
 * they hold a comma, quote, CR or LF, quotes doubled), UTF-8 with a byte-order mark so Excel
 * picks the right encoding for "Chloé" and "€", and every record padded to the same number
 * of fields (RFC 4180 §2.4).
 *
 * Formula injection: a spreadsheet runs a cell that starts with =, +, -, @ (and, in some
 * programs, tab or CR) as a formula, so a client named `=HYPERLINK(…)` could run code on the
 * accountant's machine. Every *text* cell that starts with one of those is prefixed with an
 * apostrophe, which makes the spreadsheet show it as text. Cells that are numbers by their
 * nature (credits, balances, amounts, ids) are written as plain numbers and never prefixed;
 * a memo that happens to read "-2" is text and is neutralised like any other text.
 */

/** The byte-order mark that opens every CSV file. */
export const BOM = '\uFEFF';

/** A decimal number kept as text on the wire ("10.00"): written as a plain number. */
export class CsvNumber {
  constructor(readonly text: string) {
    if (!/^-?\d+(\.\d+)?$/.test(text)) throw new RangeError(`Not a plain number: ${text}`);
  }
}

/** What a cell may hold: text (neutralised), a number, a decimal string as a number, or nothing. */
export type Cell = string | number | CsvNumber | null;

const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

/** Makes a text cell inert in spreadsheet programs (see the file comment). */
export function neutralise(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** One field, neutralised and quoted as needed. */
export function csvField(cell: Cell): string {
  if (cell === null) return '';
  if (typeof cell === 'number') {
    if (!Number.isFinite(cell)) throw new RangeError(`Not a finite number: ${cell}`);
    return String(cell);
  }
  if (cell instanceof CsvNumber) return cell.text;
  const text = neutralise(cell);
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One record with its CRLF, padded with empty fields to `width`. */
export function csvRecord(cells: readonly Cell[], width = cells.length): string {
  const fields = cells.map(csvField);
  while (fields.length < width) fields.push('');
  return `${fields.join(',')}\r\n`;
}
