/**
 * The team server (PRODUCT F14): `npm run server -- --db PATH_OR_URL --host H --port P
 * [--tls-cert FILE --tls-key FILE] [--allow-plain-http] [--no-build]`.
 *
 * Opens (and migrates) the ledger on either engine, serves the app page and `POST
 * /api/<channel>` to signed-in people (electron/server/door.ts), and runs the payment-provider
 * poller in one server process per database (electron/server/poller-lock.ts). Prints
 * `Credit Desk server on http(s)://H:P/` once it listens; a command line it refuses exits 2.
 * Environment: CREDIT_DESK_POLLER_LOCK_RETRY_MS (how often a waiting process tries the poller
 * lock, default 15000), and the providers' credentials as for the desktop app.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { openAsyncLedger } from '../db/async-db.open';
import { parseDbLocation } from '../db/location';
import { createRouter } from '../ipc/router';
import { stderrLog } from '../sync/log';
import { createSyncPoller } from '../sync/poller';
import { syncHandlers } from '../sync/handlers';
import { EnvSecretStore } from '../sync/secrets';
import { parseServerArgs } from './args';
import { startServerDoor } from './door';
import { runPollerWhileLocked } from './poller-lock';

const DEFAULT_LOCK_RETRY_MS = 15_000;

function lockRetryMs(): number {
  const value = Number(process.env.CREDIT_DESK_POLLER_LOCK_RETRY_MS ?? DEFAULT_LOCK_RETRY_MS);
  return Number.isFinite(value) && value >= 10 ? value : DEFAULT_LOCK_RETRY_MS;
}

async function main(): Promise<void> {
  const args = parseServerArgs(process.argv.slice(2));
  const location = parseDbLocation(args.db);
  const staticDir = resolve('out/renderer');
  if (args.build && !existsSync(join(staticDir, 'index.html'))) {
    process.stderr.write('Building the renderer…\n');
    const built = spawnSync('npm', ['run', '--silent', 'build:renderer'], { stdio: ['ignore', 'ignore', 'inherit'] });
    if (built.status !== 0) throw new Error('the renderer build failed');
  }
  const db = await openAsyncLedger(location);
  const log = stderrLog();
  const poller = createSyncPoller({ db, secrets: new EnvSecretStore(), log, actor: 'sync' });
  const stop = new AbortController();
  const polling =
    location.engine === 'postgres'
      ? runPollerWhileLocked({
          url: location.url,
          poll: (signal) => poller.start(signal),
          stop: stop.signal,
          retryMs: lockRetryMs(),
          log,
        })
      : poller.start(stop.signal);
  void polling.catch((error: unknown) => log.error(`the poller stopped: ${String(error)}`));

  const { server, url } = await startServerDoor({
    router: createRouter({ db, sync: syncHandlers(poller) }),
    db,
    staticDir,
    host: args.host,
    port: args.port,
    tls: args.tls,
    behindProxy: args.allowPlainHttp,
  });
  const users = await db.get(db.k.selectFrom('users').select((e) => e.fn.countAll<number>().as('n')));
  if (Number(users?.n ?? 0) === 0) {
    process.stderr.write(
      'No users yet: make the first admin with `npm run cli -- --db <the same --db> user-add --username NAME --role admin`.\n',
    );
  }
  process.stdout.write(`Credit Desk server on ${url}\n`);
  const shutdown = () => {
    stop.abort();
    server.close();
    server.closeAllConnections();
    void polling.finally(() => db.close()).finally(() => process.exit(0));
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

main().catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`credit-desk server: ${message}\n`);
  process.exit(2);
});
