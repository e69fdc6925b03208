/**
 * The `bank.*` channels (PRODUCT F15), spread into the contract by shared/contract.ts.
 *
 * A file travels as `content`: its bytes in base64, exactly as read from disk, so the parsers
 * see the real encoding (MT940 files are often Latin-1, some CSV exports Windows-1252) and the
 * stored SHA-256 is the file's own. Roles: importing is clerk's work (reading a file changes
 * no balance), confirming or ignoring a match is an approver's decision (F14: approvers do
 * "bank matches"), reading is for everyone.
 */
import * as z from 'zod';
import type { ContractPart } from './roles';
import type { Page } from './dto';
import type { CreditRequest, LedgerEntry } from './dto';
import type { BankCsvMappingRecord, BankCsvPreview, BankImportResult, BankTransaction } from './dto.bank';
import { cursor, id, idempotencyKey, limit, text } from './fields';

/** Largest statement file accepted (the parsers' own limit, electron/bank/text.ts). */
export const MAX_BANK_FILE_BYTES = 50 * 1024 * 1024;
/** Its length in base64. */
const MAX_BASE64 = Math.ceil(MAX_BANK_FILE_BYTES / 3) * 4;

const base64File = z.lazy(() =>
  z
    .string({ error: 'must be the file in base64' })
    .min(1, { error: 'is empty: choose a statement file' })
    .max(MAX_BASE64, { error: `is larger than ${MAX_BANK_FILE_BYTES / (1024 * 1024)} MB: export a shorter period` })
    .regex(/^[A-Za-z0-9+/]*={0,2}$/, { error: 'must be the file in base64' }),
);

const column = z.union([z.number().int().min(0).max(500), z.string().trim().min(1).max(200)], {
  error: 'must be a column position (from 0) or a header name',
});

/** How to read a bank account's CSV export (electron/bank/csv.mapping.ts CsvMapping). */
export const csvMappingSchema = z.lazy(() =>
  z.strictObject({
    accountId: text(200),
    delimiter: z.string({ error: 'must be one character' }).min(1).max(2),
    headerRows: z.number({ error: 'must be a whole number' }).int().min(0).max(50),
    decimalSeparator: z.enum(['.', ','], { error: 'must be "." or ","' }),
    thousandsSeparator: z.enum(['', '.', ',', ' ', "'"], { error: 'must be "", ".", ",", " " or "\'"' }),
    dateFormat: z.enum(['YYYY-MM-DD', 'DD.MM.YYYY', 'DD/MM/YYYY', 'MM/DD/YYYY', 'DD-MM-YYYY', 'YYYYMMDD', 'DD.MM.YY'], {
      error: 'must be a date layout such as YYYY-MM-DD or DD.MM.YYYY',
    }),
    encoding: z.enum(['utf-8', 'windows-1252'], { error: 'must be utf-8 or windows-1252' }).nullable().optional(),
    fixedCurrency: z
      .string()
      .regex(/^[A-Z]{3}$/, { error: 'must be an ISO 4217 code' })
      .nullable()
      .optional(),
    columns: z.strictObject({
      bookingDate: column,
      valueDate: column.nullable().optional(),
      amount: column.nullable().optional(),
      credit: column.nullable().optional(),
      debit: column.nullable().optional(),
      currency: column.nullable().optional(),
      reference: column.nullable().optional(),
      transactionId: column.nullable().optional(),
      payerName: column.nullable().optional(),
      payerAccount: column.nullable().optional(),
      remittance: z
        .union([column, z.array(column).max(10)])
        .nullable()
        .optional(),
    }),
  }),
);

export const bankContract = {
  /** A task: the file is read outside the write transaction, then stored in one. Idempotent by each row's key. */
  'bank.import': {
    mutates: true,
    task: true,
    role: 'clerk',
    input: () =>
      z.strictObject({
        fileName: text(255),
        content: base64File,
        /** Addition: which saved CSV mapping reads a CSV file (needed only when several are saved). */
        csvAccountId: text(200).optional(),
        /**
         * Accepted like on every mutating channel (PRODUCT), and not needed: the import is
         * idempotent by each row's key, so a repeat adds nothing (as backup.create, a task too).
         */
        idempotencyKey,
      }),
  },
  'bank.transactions.list': {
    mutates: false,
    role: 'viewer',
    input: () =>
      z.strictObject({
        status: z
          .enum(['unmatched', 'proposed', 'matched', 'ignored'], {
            error: 'must be unmatched, proposed, matched or ignored',
          })
          .optional(),
        cursor,
        limit,
      }),
  },
  'bank.match.confirm': {
    mutates: true,
    role: 'approver',
    input: () => z.strictObject({ bankTransactionId: id, requestId: id, idempotencyKey }),
  },
  'bank.match.ignore': {
    mutates: true,
    role: 'approver',
    input: () => z.strictObject({ bankTransactionId: id, reason: text(1000), idempotencyKey }),
  },
  /** Addition: saves (or replaces) the CSV mapping of a bank account. */
  'bank.csvMappings.save': {
    mutates: true,
    role: 'clerk',
    input: () => z.strictObject({ mapping: csvMappingSchema, idempotencyKey }),
  },
  /** Addition: the saved CSV mappings. */
  'bank.csvMappings.list': { mutates: false, role: 'viewer', input: () => z.strictObject({}) },
  /**
   * Addition: a CSV file's first rows as they would be imported, before the first import. Reads
   * with `mapping` when given, else the account's saved one, else a guess. Writes nothing; clerk,
   * like the import it prepares.
   */
  'bank.csvPreview': {
    mutates: false,
    role: 'clerk',
    input: () =>
      z.strictObject({
        content: base64File,
        csvAccountId: text(200).optional(),
        mapping: csvMappingSchema.optional(),
      }),
  },
} as const satisfies ContractPart;

/** The result type of each `bank.*` channel. */
export interface BankOutputs {
  'bank.import': BankImportResult;
  'bank.transactions.list': Page<BankTransaction>;
  'bank.match.confirm': { bankTransaction: BankTransaction; request: CreditRequest; transaction: LedgerEntry };
  'bank.match.ignore': { bankTransaction: BankTransaction };
  'bank.csvMappings.save': BankCsvMappingRecord;
  'bank.csvMappings.list': BankCsvMappingRecord[];
  'bank.csvPreview': BankCsvPreview;
}

/** Every `bank.*` channel name. */
export type BankChannel = keyof typeof bankContract;
