/**
 * Browser mode: `npm run browser -- [--db FILE] [--demo] [--port N]`.
 * Builds the renderer if needed, opens (or creates) the database with the same code as the
 * desktop app, and serves the UI and the API on 127.0.0.1 only with a per-run token.
 * Without --db, a fresh database in a temporary folder is used.
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join, resolve } from 'node:path';
import { openLedgerDatabase } from './db/open';
import { startHttpDoor } from './ipc/http';
import { createRouter } from './ipc/router';
import { fillDemo } from './ledger/demo';

const USAGE = 'usage: npm run browser -- [--db FILE] [--demo] [--port N] [--no-build]';

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
  if (args.db === '') throw new Error(`--db needs a file. ${USAGE}`);
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
  const dbPath = args.db ?? join(mkdtempSync(join(tmpdir(), 'credit-desk-')), 'credit-desk.db');
  const db = await openLedgerDatabase(dbPath);
  const actor = userInfo().username || 'staff';
  if (args.demo) {
    const clients = (db.sqlite.prepare('SELECT count(*) AS n FROM clients').get() as { n: number }).n;
    if (clients === 0) fillDemo(db, actor);
    else process.stderr.write('The database already has clients: demo data was not added.\n');
  }
  const token = randomBytes(24).toString('hex');
  const { server, url } = await startHttpDoor({
    router: createRouter({ db }),
    staticDir,
    token,
    actor,
    port: args.port,
  });
  process.stdout.write(`Credit Desk (browser mode) on ${url}\ndatabase: ${dbPath}\n`);
  const stop = () => {
    server.close();
    db.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`credit-desk: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(2);
});
