/**
 * RFC 4180 CSV records, as banks write them: any one-character delimiter, quoted fields with
 * doubled quotes and embedded newlines, CRLF or LF, a missing final newline. Each record keeps
 * the line it starts on, so an error can say where.
 */
import { malformed } from './errors';

/** One record: its fields and the 1-based line it starts on. */
export interface CsvRecord {
  fields: string[];
  line: number;
}

/** Splits `text` into records. An unterminated quote is MALFORMED at the line it opened on. */
export function tokenizeCsv(text: string, delimiter: string, limit = Infinity): CsvRecord[] {
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  // Whether the field so far is only blanks: a quote then opens a quoted field. Kept as a flag
  // because trimming the field at every quote is quadratic on a hostile line of quotes.
  let blank = true;
  let quoted = false;
  let line = 1;
  let recordLine = 1;
  let quoteLine = 1;
  let i = 0;
  const n = text.length;
  const endRecord = () => {
    fields.push(field);
    // A blank line is no record (some banks end with several).
    if (!(fields.length === 1 && fields[0]!.trim() === '')) records.push({ fields, line: recordLine });
    fields = [];
    field = '';
    blank = true;
  };
  while (i < n && records.length < limit) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else {
        if (c === '\n') line++;
        field += c;
      }
      i++;
      continue;
    }
    if (c === '"' && blank) {
      quoted = true;
      blank = false;
      quoteLine = line;
      field = '';
    } else if (c === delimiter) {
      fields.push(field);
      field = '';
      blank = true;
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      endRecord();
      line++;
      recordLine = line;
    } else {
      field += c;
      if (c !== ' ' && c !== '\t') blank = false;
    }
    i++;
  }
  if (quoted) throw malformed('csv', `line ${quoteLine}`, 'a quoted field is never closed (truncated file?)');
  if (records.length < limit && (field !== '' || fields.length > 0)) endRecord();
  return records;
}
