/**
 * `bank.csvPreview`: a CSV file's first rows as `bank.import` would read them, so staff check
 * (and fix) the column mapping before the first import. Reads only: nothing is stored.
 */
import type { ParsedInput } from '../../shared/contract';
import type { BankCsvPreview } from '../../shared/dto.bank';
import { invalid } from '../../shared/result';
import type { AsyncQueries } from '../db/async-db';
import { listCsvMappings } from './csv-mappings.service';
import type { CsvMapping } from './csv.mapping';
import { previewCsv } from './csv.guess';
import { StatementError } from './errors';

/** Rows shown: enough to see the columns, few enough for a dialog. */
const PREVIEW_ROWS = 20;

async function savedMapping(q: AsyncQueries, accountId: string | undefined): Promise<CsvMapping | null> {
  if (accountId === undefined) return null;
  const found = (await listCsvMappings(q)).find((m) => m.accountId === accountId);
  return (found?.mapping as unknown as CsvMapping | undefined) ?? null;
}

/** Reads the first rows with the given mapping, else the account's saved one, else a guess. */
export async function previewCsvFile(q: AsyncQueries, input: ParsedInput<'bank.csvPreview'>): Promise<BankCsvPreview> {
  const given = (input.mapping as CsvMapping | undefined) ?? null;
  const saved = given === null ? await savedMapping(q, input.csvAccountId) : null;
  const bytes = Buffer.from(input.content, 'base64');
  try {
    const preview = previewCsv(bytes, given ?? saved, { limit: PREVIEW_ROWS, accountId: input.csvAccountId ?? '' });
    const used = given ?? saved ?? preview.guessed;
    return {
      mapping: used as unknown as Record<string, unknown>,
      source: given !== null ? 'given' : saved !== null ? 'saved' : 'guessed',
      header: preview.header,
      rows: preview.rows.map((r) => ({
        direction: r.direction,
        amount: r.amount,
        currency: r.currency,
        bookingDate: r.bookingDate,
        valueDate: r.valueDate,
        reference: r.entryReference,
        bankReference: r.bankReference,
        payerName: r.payerName,
        payerAccount: r.payerAccount,
        remittance: r.remittance,
        sourceLocation: r.sourceLocation,
      })),
      problem: preview.problem,
      errors: preview.errors,
    };
  } catch (error) {
    // The same refusal as bank.import: the field, the parser's code and where it failed.
    if (error instanceof StatementError) {
      throw invalid('content', error.message, { code: error.code, location: error.location, format: error.format });
    }
    throw error;
  }
}
