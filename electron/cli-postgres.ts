/**
 * The verbs that work on a PostgreSQL ledger without the services: `import-sqlite --from FILE`
 * and `backup [--out FILE]` (pg_dump). Anything they print shows the URL masked.
 */
import { resolve } from 'node:path';
import { defaultDumpPath, pgDump } from './backup/pg-dump';
import { maskUrl } from './db/location';
import { importSqlite } from './db/pg/import-sqlite';

/** The verbs handled here, or undefined when `command` is not one of them. */
export function postgresCommand(
  url: string,
  command: string[],
  usage: (message: string) => Error,
  print: (value: unknown) => void,
): (() => Promise<number>) | undefined {
  const [verb, ...rest] = command;
  if (verb === 'import-sqlite') {
    const from = rest[0] === '--from' && rest.length === 2 ? rest[1] : undefined;
    if (from === undefined) throw usage('import-sqlite needs --from FILE (the SQLite ledger to copy).');
    return async () => {
      const report = await importSqlite(url, resolve(from));
      print({ ok: report.ok, value: { database: maskUrl(url), from: resolve(from), ...report } });
      return report.ok ? 0 : 1;
    };
  }
  if (verb === 'backup' && (rest.length === 0 || (rest.length === 2 && rest[0] === '--out'))) {
    const out = rest[1];
    return async () => {
      const info = await pgDump(url, out === undefined ? defaultDumpPath(new Date()) : resolve(out));
      print({ ok: true, value: { database: maskUrl(url), format: 'pg_dump custom', ...info } });
      return 0;
    };
  }
  return undefined;
}
