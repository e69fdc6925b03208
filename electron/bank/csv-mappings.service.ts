/**
 * CSV column mappings, one per bank account (PRODUCT F15): saved by staff once, used by every
 * later import of that account's CSV export. Replaced when saved again.
 */
import type { ParsedInput } from '../../shared/contract';
import type { BankCsvMappingRecord } from '../../shared/dto.bank';
import { invalid } from '../../shared/result';
import type { AsyncQueries } from '../db/async-db';
import type { Call } from '../ledger/context';
import { checkCsvMapping, type CsvMapping } from './csv.mapping';
import { detectFormat } from './detect';
import { StatementError } from './errors';

function toRecord(r: { account_id: string; mapping_json: string; updated_at: string; updated_by: string }) {
  return {
    accountId: r.account_id,
    mapping: JSON.parse(r.mapping_json) as Record<string, unknown>,
    updatedAt: r.updated_at,
    updatedBy: r.updated_by,
  } satisfies BankCsvMappingRecord;
}

/** Every saved mapping, by account. */
export async function listCsvMappings(q: AsyncQueries): Promise<BankCsvMappingRecord[]> {
  const rows = await q.all(q.k.selectFrom('bank_csv_mappings').selectAll().orderBy('account_id'));
  return rows.map(toRecord);
}

/** Saves (or replaces) an account's mapping after checking it makes sense. */
export async function saveCsvMapping(
  call: Call,
  input: ParsedInput<'bank.csvMappings.save'>,
): Promise<BankCsvMappingRecord> {
  const mapping = input.mapping as CsvMapping;
  try {
    checkCsvMapping(mapping);
  } catch (error) {
    if (error instanceof StatementError) throw invalid('mapping', error.message, { code: error.code });
    throw error;
  }
  const accountId = mapping.accountId.trim();
  const json = JSON.stringify({ ...mapping, accountId });
  await call.tx.run(
    call.tx.k
      .insertInto('bank_csv_mappings')
      .values({
        account_id: accountId,
        mapping_json: json,
        created_at: call.nowIso,
        updated_at: call.nowIso,
        updated_by: call.actor,
      })
      .onConflict((oc) =>
        oc.column('account_id').doUpdateSet({ mapping_json: json, updated_at: call.nowIso, updated_by: call.actor }),
      ),
  );
  return {
    accountId,
    mapping: JSON.parse(json) as Record<string, unknown>,
    updatedAt: call.nowIso,
    updatedBy: call.actor,
  };
}

/**
 * The mapping that reads `bytes` when they are a CSV file: the named account's, or the only
 * one saved. Null for other formats, or when none is saved (the parser then asks for one).
 */
export async function loadCsvMapping(
  q: AsyncQueries,
  accountId: string | null,
  fileName: string,
  bytes: Uint8Array,
): Promise<CsvMapping | null> {
  if (detectFormat(fileName, bytes) !== 'csv') return null;
  const saved = await listCsvMappings(q);
  if (accountId !== null) {
    const found = saved.find((m) => m.accountId === accountId);
    if (found === undefined) {
      throw invalid('csvAccountId', `No CSV mapping is saved for account ${accountId}: save one first.`);
    }
    return found.mapping as unknown as CsvMapping;
  }
  if (saved.length > 1) {
    throw invalid('csvAccountId', 'Several CSV mappings are saved: say which account this file is for.', {
      accounts: saved.map((m) => m.accountId),
    });
  }
  return (saved[0]?.mapping as unknown as CsvMapping | undefined) ?? null;
}
