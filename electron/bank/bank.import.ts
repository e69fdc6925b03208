/**
 * `bank.import` (PRODUCT F15): read a statement file, store its import and every row not seen
 * before, in one write transaction.
 *
 * The file is parsed before the transaction opens (parsing 50 MB must not hold the ledger's
 * write lock), and a file that cannot be read is refused before anything is written:
 * VALIDATION_ERROR on `content` with the parser's code and where it failed.
 *
 * Each row's identity is its import key and occurrence (import-key.ts). Stored already with the
 * same direction, amount and currency: a duplicate, skipped. Stored with another amount: kept
 * as a new row flagged against the first, never merged. Otherwise new. The UNIQUE indexes of
 * migration 0006 make this hold even when two imports of one file race (the later one is
 * refused with CONFLICT and writes nothing).
 */
import { createHash } from 'node:crypto';
import type { Insertable } from 'kysely';
import type { ParsedInput } from '../../shared/contract';
import type { BankImportResult } from '../../shared/dto.bank';
import { parseAmount } from '../../shared/money';
import { invalid, type AppError } from '../../shared/result';
import type { AsyncQueries } from '../db/async-db';
import type { BankTransactionsTable } from '../db/schema';
import type { TaskCall } from '../ledger/context';
import { loadPendingQueue, proposalsFor } from './bank.proposals';
import { loadCsvMapping } from './csv-mappings.service';
import { StatementError } from './errors';
import { importKeys } from './import-key';
import { parseStatement } from './parse';
import type { BankRow, ParsedStatement } from './types';

/** Rows per INSERT: few round trips, well under both engines' parameter limits. */
const INSERT_BATCH = 200;

function decode(content: string): Uint8Array {
  return Buffer.from(content, 'base64');
}

function refusal(error: StatementError): AppError {
  return invalid('content', error.message, {
    code: error.code,
    location: error.location,
    format: error.format,
  });
}

async function parse(q: AsyncQueries, input: ParsedInput<'bank.import'>, bytes: Uint8Array): Promise<ParsedStatement> {
  // A CSV file needs its saved mapping; the other formats say what they are.
  const csvMapping = await loadCsvMapping(q, input.csvAccountId ?? null, input.fileName, bytes);
  try {
    return parseStatement(input.fileName, bytes, { csvMapping });
  } catch (error) {
    if (error instanceof StatementError) throw refusal(error);
    throw error;
  }
}

function minorOf(row: BankRow): number {
  const parsed = parseAmount(row.amount, row.currency, { allowZero: true });
  if (!parsed.ok)
    throw invalid('content', `${row.sourceLocation}: ${parsed.message}`, { location: row.sourceLocation });
  return parsed.minor;
}

type Classified = { kind: 'duplicate' } | { kind: 'new'; flaggedOf: number | null };
interface Known {
  id: number;
  occurrence: number;
  direction: string;
  amount_minor: number;
  currency: string;
  flagged_of: number | null;
}

/** Keys per look-up: a few dozen queries for a big file instead of one per row. */
const LOOKUP_BATCH = 500;

/** Every stored row sharing a key with the file, by key. */
async function knownRows(q: AsyncQueries, keys: readonly string[]): Promise<Map<string, Known[]>> {
  const unique = [...new Set(keys)];
  const byKey = new Map<string, Known[]>();
  for (let at = 0; at < unique.length; at += LOOKUP_BATCH) {
    const rows = await q.all(
      q.k
        .selectFrom('bank_transactions')
        .select(['id', 'import_key', 'occurrence', 'direction', 'amount_minor', 'currency', 'flagged_of'])
        .where('import_key', 'in', unique.slice(at, at + LOOKUP_BATCH)),
    );
    for (const r of rows) {
      const list = byKey.get(r.import_key) ?? [];
      list.push(r);
      byKey.set(r.import_key, list);
    }
  }
  return byKey;
}

function classify(known: Known[] | undefined, occurrence: number, row: BankRow, minor: number): Classified {
  const same = (known ?? []).filter((k) => k.occurrence === occurrence);
  if (same.length === 0) return { kind: 'new', flaggedOf: null };
  if (same.some((k) => k.direction === row.direction && k.amount_minor === minor && k.currency === row.currency)) {
    return { kind: 'duplicate' };
  }
  return { kind: 'new', flaggedOf: (same.find((k) => k.flagged_of === null) ?? same[0]!).id };
}

/** Reads and stores a statement file. */
export async function importStatement(call: TaskCall, input: ParsedInput<'bank.import'>): Promise<BankImportResult> {
  const bytes = decode(input.content);
  const parsed = await call.db.read((q) => parse(q, input, bytes));
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const keys = importKeys(parsed.rows);
  const minors = parsed.rows.map(minorOf);
  return call.db.write(async (tx) => {
    const queue = await loadPendingQueue(tx);
    const known = await knownRows(
      tx,
      keys.map((k) => k.key),
    );
    const fresh: Omit<Insertable<BankTransactionsTable>, 'import_id'>[] = [];
    let duplicates = 0;
    let flagged = 0;
    let proposed = 0;
    for (let i = 0; i < parsed.rows.length; i++) {
      const row = parsed.rows[i]!;
      const key = keys[i]!;
      const seen = classify(known.get(key.key), key.occurrence, row, minors[i]!);
      if (seen.kind === 'duplicate') {
        duplicates++;
        continue;
      }
      if (seen.flaggedOf !== null) flagged++;
      else if (proposalsFor(row, queue, { status: 'unmatched', flaggedOf: null }).length > 0) proposed++;
      fresh.push({
        account_id: row.accountId,
        import_key: key.key,
        occurrence: key.occurrence,
        key_basis: key.basis,
        direction: row.direction,
        reversal: row.reversal ? 1 : 0,
        amount_minor: minors[i]!,
        currency: row.currency,
        booking_date: row.bookingDate,
        value_date: row.valueDate,
        bank_reference: row.bankReference,
        entry_reference: row.entryReference,
        end_to_end_id: row.endToEndId,
        remittance: row.remittance,
        payer_name: row.payerName,
        payer_account: row.payerAccount,
        source_location: row.sourceLocation,
        flagged_of: seen.flaggedOf,
        status: 'unmatched',
        request_id: null,
        ignore_reason: null,
        decided_at: null,
        decided_by: null,
        created_at: call.nowIso,
      });
    }
    const { id: importId } = (await tx.get(
      tx.k
        .insertInto('bank_imports')
        .values({
          file_name: input.fileName,
          sha256,
          format: parsed.format,
          version: parsed.version,
          accounts: parsed.accounts.map((a) => a.accountId).join(', '),
          transactions: parsed.rows.length,
          new_count: fresh.length - flagged,
          duplicate_count: duplicates,
          flagged_count: flagged,
          proposed_count: proposed,
          imported_at: call.nowIso,
          imported_by: call.actor,
        })
        .returning('id'),
    ))!;
    for (let at = 0; at < fresh.length; at += INSERT_BATCH) {
      const batch = fresh.slice(at, at + INSERT_BATCH).map((r) => ({ ...r, import_id: importId }));
      await tx.run(tx.k.insertInto('bank_transactions').values(batch));
    }
    return {
      importId,
      format: parsed.format,
      transactions: parsed.rows.length,
      new: fresh.length - flagged,
      duplicates,
      flagged,
      proposed,
    };
  });
}
