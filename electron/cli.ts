/**
 * The command-line door (PRODUCT "one contract, three doors"):
 *
 * FILE is a SQLite ledger file or a postgres:// (postgresql://) URL: every verb works on both,
 * with the same output and exit codes, except `restore` (SQLite only: a URL is refused, exit 2,
 * naming pg_restore) and `import-sqlite` (PostgreSQL only). A URL is only ever printed with its
 * password masked; pg is loaded only for a URL.
 *
 *   npm run --silent cli -- --db FILE [--actor NAME] call CHANNEL ['JSON']
 *   npm run --silent cli -- --db FILE demo
 *   npm run --silent cli -- --db FILE verify
 *   npm run --silent cli -- --db FILE sync --provider stripe|paypal
 *
 * `sync` runs one pass against the provider (credentials and API base from the environment:
 * STRIPE_SECRET_KEY, PAYPAL_CLIENT_ID, PAYPAL_CLIENT_SECRET, CREDIT_DESK_*_API_BASE), prints one
 * JSON summary {provider, ok, fetched, credited, duplicates, unmatched, reviews, ignored, errors,
 * error, streams} and exits 0 when the pass completed, 1 when it failed (any stream). Its log goes to stderr, redacted.
 *   npm run --silent cli -- --db FILE statement --client ID [--from DATE] [--to DATE] --format csv|pdf --out PATH
 *   npm run --silent cli -- --db FILE ledger-export [--from DATE] [--to DATE] --out PATH
 *   npm run --silent cli -- --db FILE requests-export [--status S] [--client ID] --out PATH
 *
 * The export commands stream to PATH (through a temporary file renamed into place, so a
 * failed export leaves no half-written file), with no size limit, and print
 * {"ok":true,"value":{"path","fileName","lines","bytes"}}; a refusal prints {"ok":false,…}
 * and exits 1.
 *
 *   npm run --silent cli -- --db FILE backup [--out PATH]
 *   npm run --silent cli -- --db FILE restore --from PATH
 *
 * `backup` takes a verified backup with SQLite's online backup API (into the ledger's
 * backup folder, or to PATH, which must not exist). `restore` verifies the backup, keeps
 * the current ledger (a verified pre-restore backup, or a byte copy when it is damaged),
 * then replaces the live data in one step; it works on a file that no longer opens.
 *
 *   npm run --silent cli -- --db FILE [--actor NAME] batch < calls.jsonl
 *
 * `batch` reads JSON Lines from stdin, one call a line: {"channel":"clients.create","input":{…}}
 * ("input" may be left out: {}). Each line gets exactly one result line on stdout, in order, in
 * the same shape as `call` prints; every line runs in this one process on one connection, and a
 * refused or malformed line does not stop the ones after it. A line that is not JSON, not an
 * object, names an unknown channel or has a field other than channel and input is answered
 * {"ok":false,"error":{"code":"VALIDATION_ERROR","message":…,"details":{"field":…,"line":N}}}.
 * Blank lines are skipped. Exit 0 when every line succeeded, 1 when any was refused; 2 as below.
 *
 * Start-up: `npm run cli` runs scripts/door.mjs, which bundles this file into out/node/cli.cjs
 * on first use (and again whenever electron/, shared/ or migrations/ change), so a call starts
 * in a fraction of a second; `npm run` itself adds about 0.33 s, `node scripts/door.mjs cli …`
 * does not.
 *
 * `call` prints exactly one JSON object, {"ok":true,"value":…} or {"ok":false,"error":…},
 * and exits 0 or 1. Usage mistakes, an unknown channel, malformed JSON or a file that is
 * not a Credit Desk database print one line on stderr and exit 2, before the file is touched.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { userInfo } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { isChannel } from '../shared/contract';
import { invalid, type Result } from '../shared/result';
import { openLedgerDatabase } from './db/open';
import type { AsyncDb } from './db/async-db';
import { createBackup, defaultBackupDir, writeVerifiedBackup } from './backup/backup.service';
import { restoreBackup } from './backup/restore';
import { createRouter } from './ipc/router';
import { fillDemo } from './ledger/demo';
import { stderrLog } from './sync/log';
import { createSyncPoller } from './sync/poller';
import { syncHandlers } from './sync/handlers';
import { asyncDbOf, SqliteAsyncDb } from './db/async-db.sqlite';
import { EnvSecretStore } from './sync/secrets';
import { useNativeBinding } from './db/sqlite';

import { exportCommand, isExportCommand } from './cli-export';
import { maskSecrets, parseDbLocation, type DbLocation } from './db/location';
import { bankImportCommand } from './cli-bank';
import { userAddCommand } from './cli-users';

const USAGE =
  'usage: cli --db FILE|postgres://… [--actor NAME] (call CHANNEL [JSON] | batch < JSONL | demo | verify | backup [--out PATH] | restore --from PATH (sqlite) | import-sqlite --from FILE (postgres) | sync --provider stripe|paypal | statement --client ID [--from DATE] [--to DATE] --format csv|pdf --out PATH | ledger-export [--from DATE] [--to DATE] --out PATH | requests-export [--status STATUS] [--client ID] --out PATH | user-add --username U --role R [--display-name NAME] < PASSWORD | bank-import --file PATH [--csv-account ACCOUNT])';

class UsageError extends Error {}

interface Args {
  db: string;
  actor: string;
  command: string[];
}

function defaultActor(): string {
  try {
    return userInfo().username || 'unknown';
  } catch {
    return 'unknown';
  }
}

function parseArgs(argv: string[]): Args {
  let db: string | undefined;
  let actor: string | undefined;
  const command: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--db' || arg === '--actor') {
      const value = argv[++i];
      if (value === undefined || value === '') throw new UsageError(`${arg} needs a value. ${USAGE}`);
      if (arg === '--db') db = value;
      else actor = value;
    } else if (arg.startsWith('--db=')) db = arg.slice(5);
    else if (arg.startsWith('--actor=')) actor = arg.slice(8);
    else command.push(arg);
  }
  if (db === undefined) throw new UsageError(`--db FILE or --db URL is required. ${USAGE}`);
  if (command.length === 0) throw new UsageError(USAGE);
  return { db, actor: actor ?? defaultActor(), command };
}

function print(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value)}\n`);
}

/** One line of a batch, checked: the call to make, or the VALIDATION_ERROR that answers it. */
function batchCall(text: string, line: number): { channel: string; input: unknown } | Result<never> {
  const refuse = (field: string, message: string, details?: Record<string, unknown>): Result<never> => ({
    ok: false,
    error: invalid(field, message, { ...details, line }).toApiError(),
  });
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return refuse('', `Line ${line} is not valid JSON (${(error as Error).message}).`);
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    return refuse('', `Line ${line} must be a JSON object: {"channel":"…","input":{…}}.`);
  }
  const extra = Object.keys(parsed).filter((key) => key !== 'channel' && key !== 'input');
  if (extra.length > 0) {
    return refuse(extra[0]!, `"${extra[0]}" is not a field a batch line accepts (only channel and input).`, {
      fields: extra,
    });
  }
  const { channel, input } = parsed as { channel?: unknown; input?: unknown };
  if (channel === undefined) return refuse('channel', 'channel is required.');
  if (typeof channel !== 'string') return refuse('channel', 'channel must be text.');
  if (!isChannel(channel)) return refuse('channel', `channel: there is no action called "${channel}".`, { channel });
  // null is no input, as for `call`; anything else that is not an object is a malformed line.
  if (input !== undefined && input !== null && (typeof input !== 'object' || Array.isArray(input))) {
    return refuse('input', `input must be a JSON object of named fields, for example {"clientId":1}.`);
  }
  return { channel, input: input ?? {} };
}

/** `batch`: one result line per stdin line, in order, on one connection; 1 when any line failed. */
async function runBatch(db: AsyncDb, actor: string): Promise<number> {
  const router = createRouter({ db, sync: syncHandlers() });
  let failed = false;
  let line = 0;
  // Loaded here: only batch reads lines, and loading readline is a measurable part of a call's start.
  const { createInterface } = await import('node:readline');
  for await (const text of createInterface({ input: process.stdin, crlfDelay: Infinity })) {
    line++;
    if (text.trim() === '') continue;
    const checked = batchCall(text, line);
    const result = 'channel' in checked ? await router.call(checked.channel, checked.input, { actor }) : checked;
    if (!result.ok) failed = true;
    print(result);
  }
  return failed ? 1 : 0;
}

/** A PostgreSQL ledger, opened (and migrated) only when a verb needs one: pg stays unloaded on SQLite. */
async function openPostgres(url: string): Promise<AsyncDb> {
  const { openPostgresLedger } = await import('./db/pg/open');
  return openPostgresLedger(url, { pool: { max: 2, applicationName: 'credit-desk cli' } });
}

async function main(argv: string[]): Promise<number> {
  const args = parseArgs(argv);
  const [verb, ...rest] = args.command;
  // A URL (postgres://, or a scheme we refuse by name) is read as one; anything else is a file path.
  const location: DbLocation = /^[a-z][a-z0-9+.-]+:\/\//i.test(args.db)
    ? parseDbLocation(args.db)
    : { engine: 'sqlite', path: args.db };
  if (location.engine === 'postgres') {
    if (verb === 'restore') {
      throw new UsageError(
        'restore works on a SQLite ledger file only. A PostgreSQL ledger is restored from its pg_dump backup with pg_restore into an empty database, e.g. PGPASSWORD=… pg_restore --no-owner --dbname=postgres://USER@HOST/NEW_DATABASE FILE.dump (README, "Backups on PostgreSQL").',
      );
    }
    const { postgresCommand } = await import('./cli-postgres');
    const command = postgresCommand(location.url, args.command, (m) => new UsageError(`${m} ${USAGE}`), print);
    if (command !== undefined) return command();
  }
  let run: (db: AsyncDb) => Promise<number>;
  if (verb === 'call') {
    const [channel, json] = rest;
    if (channel === undefined || rest.length > 2)
      throw new UsageError(`call needs CHANNEL and optional JSON. ${USAGE}`);
    if (!isChannel(channel)) throw new UsageError(`unknown channel "${channel}"`);
    let input: unknown = {};
    if (json !== undefined) {
      try {
        input = JSON.parse(json);
      } catch {
        throw new UsageError(`the input for ${channel} is not valid JSON`);
      }
    }
    run = async (db) => {
      const result = await createRouter({ db, sync: syncHandlers() }).call(channel, input, { actor: args.actor });
      print(result);
      return result.ok ? 0 : 1;
    };
  } else if (verb === 'batch') {
    if (rest.length > 0) throw new UsageError(`batch takes no arguments: it reads JSON Lines from stdin. ${USAGE}`);
    run = (db) => runBatch(db, args.actor);
  } else if (verb === 'verify' && rest.length === 0) {
    run = async (db) => {
      const result = await createRouter({ db, sync: syncHandlers() }).call('ledger.verify', {}, { actor: args.actor });
      print(result);
      return result.ok && (result.value as { ok: boolean }).ok ? 0 : 1;
    };
  } else if (verb === 'sync') {
    const provider =
      rest[0] === '--provider' ? rest[1] : rest[0]?.startsWith('--provider=') ? rest[0].slice(11) : undefined;
    const expected = rest[0] === '--provider' ? 2 : 1;
    if ((provider !== 'stripe' && provider !== 'paypal') || rest.length !== expected) {
      throw new UsageError(`sync needs --provider stripe or --provider paypal. ${USAGE}`);
    }
    run = async (db) => {
      const poller = createSyncPoller({
        db,
        secrets: new EnvSecretStore(),
        log: stderrLog(),
        actor: args.actor,
      });
      const { passes } = await poller.run(provider);
      const pass = passes[0];
      if (pass === undefined) throw new Error('the sync pass did not run');
      const { fetched, credited, duplicates, unmatched, errors, reviews, ignored, ok, error, streams } = pass;
      // `streams` says which stream failed (README: a review stream's failure exits 1 too).
      print({ fetched, credited, duplicates, unmatched, errors, provider, ok, reviews, ignored, error, streams });
      return ok ? 0 : 1;
    };
  } else if (verb !== undefined && isExportCommand(verb)) {
    run = exportCommand(verb, rest, (message) => new UsageError(`${message} ${USAGE}`), print);
  } else if (verb === 'bank-import') {
    run = bankImportCommand(rest, args.actor, (message) => new UsageError(`${message} ${USAGE}`), print);
  } else if (verb === 'user-add') {
    run = userAddCommand(rest, args.actor, (message) => new UsageError(`${message} ${USAGE}`), print);
  } else if (verb === 'demo' && rest.length === 0) {
    run = async (db) => {
      print({ ok: true, value: await fillDemo(db, args.actor) });
      return 0;
    };
  } else if (verb === 'backup' && (rest.length === 0 || (rest.length === 2 && rest[0] === '--out'))) {
    // Only a SQLite ledger gets here: a PostgreSQL one is backed up by pg_dump (cli-postgres.ts).
    const out = rest[1];
    run = async (db) => {
      if (!(db instanceof SqliteAsyncDb)) throw new Error('backup: not a SQLite ledger');
      const now = new Date();
      const info = await db.withConnection((sqlite) =>
        out === undefined
          ? createBackup(sqlite.sqlite, { dir: defaultBackupDir(args.db), kind: 'manual', now })
          : writeVerifiedBackup(sqlite.sqlite, resolve(out), 'manual', now),
      );
      print({ ok: true, value: info });
      return 0;
    };
  } else if (verb === 'restore' && rest.length === 2 && rest[0] === '--from') {
    // Restore works on the file itself: the ledger may be one that no longer opens.
    const report = await restoreBackup({
      target: args.db,
      from: resolve(rest[1]!),
      dir: defaultBackupDir(args.db),
      now: new Date(),
    });
    // Bring a restored older schema up to date (with its own pre-migration backup).
    (await openLedgerDatabase(args.db)).close();
    print({ ok: true, value: report });
    return 0;
  } else {
    throw new UsageError(USAGE);
  }
  const db =
    location.engine === 'postgres'
      ? await openPostgres(location.url)
      : asyncDbOf(await openLedgerDatabase(location.path));
  try {
    return await run(db);
  } finally {
    await db.close();
  }
}

/**
 * better-sqlite3 finds its addon through the `bindings` package, which loads two modules and
 * tries a dozen paths on every start; the CLI names the one npm built (when it is there).
 */
function useBuiltAddon(): void {
  try {
    const pkg = createRequire(import.meta.url).resolve('better-sqlite3/package.json');
    const addon = join(dirname(pkg), 'build', 'Release', 'better_sqlite3.node');
    if (existsSync(addon)) useNativeBinding(addon);
  } catch {
    // Not resolvable from here: better-sqlite3 searches as usual.
  }
}

/** `--db`'s value as given (for masking its password in a message), or undefined. */
function dbArgument(argv: string[]): string | undefined {
  const at = argv.indexOf('--db');
  if (at >= 0) return argv[at + 1];
  return argv.find((arg) => arg.startsWith('--db='))?.slice(5);
}

useBuiltAddon();
main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    // Every refusal (a usage mistake, a foreign or damaged database, a refused demo, backup or
    // import, a connection that failed) is one line on stderr and exit 2, with any password masked.
    const message = String(error instanceof Error ? error.message : error);
    const db = dbArgument(process.argv.slice(2));
    process.stderr.write(`credit-desk: ${maskSecrets(message, db).replace(/\s+/g, ' ')}\n`);
    process.exitCode = 2;
  },
);
