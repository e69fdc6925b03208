/**
 * `bank-import --file PATH [--csv-account ACCOUNT]` (PRODUCT F15): reads a statement file and
 * calls `bank.import` with its bytes in base64, exactly as the Bank page does, so both doors
 * store the same rows. The reply is bank.import's Result.
 */
import { readFileSync, statSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { MAX_BANK_FILE_BYTES } from '../shared/contract.bank';
import type { AsyncDb } from './db/async-db';
import { createRouter } from './ipc/router';

function parseBankImport(args: string[], usage: (m: string) => Error): { file: string; csvAccountId?: string } {
  let file: string | undefined;
  let csvAccountId: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const m = /^--(file|csv-account)(?:=(.*))?$/.exec(args[i]!);
    if (m === null) throw usage(`bank-import does not take "${args[i]}".`);
    const value = m[2] ?? args[++i];
    if (value === undefined || value === '') throw usage(`--${m[1]} needs a value.`);
    if (m[1] === 'file') file = value;
    else csvAccountId = value;
  }
  if (file === undefined) throw usage('bank-import needs --file PATH.');
  return csvAccountId === undefined ? { file } : { file, csvAccountId };
}

/** The `bank-import` command: what main() runs against the opened ledger. */
export function bankImportCommand(
  args: string[],
  actor: string,
  usage: (m: string) => Error,
  print: (value: unknown) => void,
): (db: AsyncDb) => Promise<number> {
  const { file, csvAccountId } = parseBankImport(args, usage);
  return async (db) => {
    const path = resolve(file);
    // Refused before reading: a 2 GB file must not be loaded to be told it is too large.
    const size = statSync(path).size;
    if (size > MAX_BANK_FILE_BYTES) {
      const mb = MAX_BANK_FILE_BYTES / (1024 * 1024);
      print({
        ok: false,
        error: {
          code: 'VALIDATION_ERROR',
          message: `content: The file is larger than ${mb} MB: export a shorter period.`,
          details: { field: 'content' },
        },
      });
      return 1;
    }
    const content = readFileSync(path).toString('base64');
    const input = { fileName: basename(path), content, ...(csvAccountId === undefined ? {} : { csvAccountId }) };
    const result = await createRouter({ db }).call('bank.import', input, { actor });
    print(result);
    return result.ok ? 0 : 1;
  };
}
