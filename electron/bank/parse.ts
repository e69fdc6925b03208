/**
 * The parsers' one door: a file's name and bytes → its format and normalised rows, or a
 * StatementError saying what is wrong and where. Never anything else: an unexpected failure
 * inside a parser (a stack overflow on absurdly nested XML, say) is still a refusal, not a crash.
 */
import { parseCamt } from './camt';
import { applyCsvMapping, type CsvMapping } from './csv.mapping';
import { detectFormat } from './detect';
import { StatementError } from './errors';
import { parseMt940 } from './mt940';
import { parseOfx } from './ofx';
import { checkSize, decodeText, refuseBinary, xmlDeclaredEncoding } from './text';
import type { ParsedStatement, StatementFormat } from './types';

/** Options for {@link parseStatement}. */
export interface ParseOptions {
  /** How to read a CSV file (saved per bank account); required for CSV. */
  csvMapping?: CsvMapping | null;
}

function parseAs(format: StatementFormat, bytes: Uint8Array, options: ParseOptions): ParsedStatement {
  switch (format) {
    case 'camt.053':
    case 'camt.054':
      // XML without a declaration is UTF-8 by definition, and held to it.
      return parseCamt(decodeText(bytes, xmlDeclaredEncoding(bytes) ?? 'utf-8'));
    case 'mt940':
      return parseMt940(decodeText(bytes, null));
    case 'ofx':
      return parseOfx(bytes);
    case 'csv': {
      const mapping = options.csvMapping ?? null;
      if (mapping === null) {
        throw new StatementError(
          'CSV_MAPPING_REQUIRED',
          'A CSV statement needs its column mapping first.',
          null,
          'csv',
        );
      }
      const read = applyCsvMapping(decodeText(bytes, mapping.encoding ?? null), mapping);
      const first = read.errors[0];
      if (first !== undefined) {
        const more = read.errors.length > 1 ? ` (and ${read.errors.length - 1} more lines)` : '';
        throw new StatementError('MALFORMED', `${first.message}${more}`, `line ${first.line}`, 'csv');
      }
      const accounts = [{ accountId: mapping.accountId.trim(), currency: mapping.fixedCurrency ?? null }];
      return { format: 'csv', version: null, accounts, rows: read.rows };
    }
  }
}

/** Reads a statement file. Throws {@link StatementError} (and only that) when it cannot. */
export function parseStatement(fileName: string, bytes: Uint8Array, options: ParseOptions = {}): ParsedStatement {
  checkSize(bytes);
  refuseBinary(bytes);
  const format = detectFormat(fileName, bytes);
  if (format === null) {
    throw new StatementError(
      'UNKNOWN_FORMAT',
      'The file is not a statement Credit Desk reads: camt.053, camt.054, MT940, OFX/QFX or CSV.',
    );
  }
  try {
    return parseAs(format, bytes, options);
  } catch (e) {
    if (e instanceof StatementError) throw e;
    const why = e instanceof RangeError ? 'it is nested too deeply or too large' : 'of an unexpected problem';
    throw new StatementError('MALFORMED', `The ${format} file could not be read because ${why}.`, null, format);
  }
}
