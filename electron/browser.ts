/**
 * Browser mode: `npm run browser -- [--db FILE|postgres://…] [--demo] [--port N]`.
 * A postgres:// URL serves a PostgreSQL ledger (opened and migrated like any door's; a foreign
 * database is refused, exit 2); the URL is only ever printed with its password masked.
 * Builds the renderer if needed, opens (or creates) the database with the same code as the
 * desktop app, and serves the UI and the API on 127.0.0.1 only with a per-run token.
 * Without --db, a fresh database in a temporary folder is used. Like the desktop app, it
 * serves at once and runs the file's integrity check right after, in a worker thread; writes
 * wait for it, and a damaged file is reported on stderr and refuses every write.
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join, resolve } from 'node:path';
import { openLedgerCheckingAfter } from './db/open';
import type { AsyncDb } from './db/async-db';
import { maskedLocation, maskSecrets, parseDbLocation, type DbLocation } from './db/location';
import { startHttpDoor } from './ipc/http';
import { createRouter } from './ipc/router';
import { fillDemo } from './ledger/demo';
import { stderrLog } from './sync/log';
import { createSyncPoller } from './sync/poller';
import { syncHandlers } from './sync/handlers';
import { asyncDbOf } from './db/async-db.sqlite';
import { EnvSecretStore } from './sync/secrets';

const USAGE = 'usage: npm run browser -- [--db FILE|postgres://…] [--demo] [--port N] [--no-build]';

function parse(argv: string[]) {
  const args = { db: undefined as string | undefined, demo: false, port: 0, build: true };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--db') args.db = argv[++i];
    else if (a === '--demo') args.demo = true;
    else if (a === '--no-build') args.build = false;
    else if (a === '--port') {
      const port = Number(argv[++i]);
      if (!Number.isInteger(port) || port < 0 || port > 65535)
        throw new Error(`--port needs a number from 0 to 65535. ${USAGE}`);
      args.port = port;
    } else throw new Error(`unknown option ${a}. ${USAGE}`);
  }
  if (args.db === '') throw new Error(`--db needs a file or a postgres:// URL. ${USAGE}`);
  return args;
}

async function main(): Promise<void> {
  const args = parse(process.argv.slice(2));
  const staticDir = resolve('out/renderer');
  if (args.build && !existsSync(join(staticDir, 'index.html'))) {
    process.stderr.write('Building the renderer…\n');
    const built = spawnSync('npm', ['run', '--silent', 'build:renderer'], { stdio: ['ignore', 'ignore', 'inherit'] });
    if (built.status !== 0) throw new Error('the renderer build failed');
  }
  const location: DbLocation =
    args.db !== undefined && /^postgres(ql)?:\/\//i.test(args.db)
      ? parseDbLocation(args.db)
      : { engine: 'sqlite', path: args.db ?? join(mkdtempSync(join(tmpdir(), 'credit-desk-')), 'credit-desk.db') };
  const { db, checked } = await openLedger(location);
  void checked.then((problem) => {
    if (problem !== null) process.stderr.write(`credit-desk: ${problem.message}\n`);
  });
  const actor = userInfo().username || 'staff';
  if (args.demo) {
    if ((await checked) !== null) throw new Error('demo data was not added: the database failed its check');
    const row = await db.read((q) => q.get(q.k.selectFrom('clients').select((eb) => eb.fn.countAll().as('n'))));
    if (Number(row?.n ?? 0) === 0) await fillDemo(db, actor);
    else process.stderr.write('The database already has clients: demo data was not added.\n');
  }
  // Like the desktop app, browser mode polls the providers in the background; its credentials
  // come from the environment (STRIPE_SECRET_KEY, PAYPAL_CLIENT_ID, PAYPAL_CLIENT_SECRET).
  const poller = createSyncPoller({
    db,
    secrets: new EnvSecretStore(),
    log: stderrLog(),
    actor: 'sync',
  });
  const stopPoller = new AbortController();
  void poller.start(stopPoller.signal);
  const token = randomBytes(24).toString('hex');
  const { server, url } = await startHttpDoor({
    router: createRouter({ db, sync: syncHandlers(poller) }),
    staticDir,
    token,
    actor,
    port: args.port,
  });
  process.stdout.write(`Credit Desk (browser mode) on ${url}\ndatabase: ${maskedLocation(location)}\n`);
  const stop = () => {
    stopPoller.abort();
    server.close();
    void db.close().finally(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

/**
 * The ledger at `location`, and its start-up check: a SQLite file opens at once and is checked
 * in a worker (writes wait for it); a PostgreSQL database is inspected and migrated before it
 * serves, so it has no check left to run.
 */
async function openLedger(location: DbLocation): Promise<{ db: AsyncDb; checked: Promise<Error | null> }> {
  if (location.engine === 'postgres') {
    const { openPostgresLedger } = await import('./db/pg/open');
    return { db: await openPostgresLedger(location.url), checked: Promise.resolve(null) };
  }
  const { db, checked } = await openLedgerCheckingAfter(location.path);
  return { db: asyncDbOf(db), checked };
}

/** `--db`'s value as given (for masking its password in a message), or undefined. */
function dbArgument(argv: string[]): string | undefined {
  const at = argv.indexOf('--db');
  return at >= 0 ? argv[at + 1] : undefined;
}

main().catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`credit-desk: ${maskSecrets(message, dbArgument(process.argv.slice(2)))}\n`);
  process.exit(2);
});
