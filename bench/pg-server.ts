/**
 * The PostgreSQL server the `--engine postgres` bench runs against: the database named by
 * `CREDIT_DESK_BENCH_PG_URL`, or a throw-away cluster started here and removed at the end.
 *
 * The throw-away cluster is the test suite's (tests/support/pg-cluster.ts: initdb as the
 * `postgres` OS user into a temp folder, a free port on 127.0.0.1, a SCRAM login role), but
 * the tests start it with fsync, synchronous_commit and full_page_writes off, which would make
 * every commit free. Those are server-wide settings given on the command line (they outrank
 * ALTER SYSTEM), so the bench restarts the server once with PostgreSQL's shipped defaults for
 * durability: what a commit costs is part of what is measured.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import pg from 'pg';
import { startPgCluster, type PgCluster } from '../tests/support/pg-cluster';
import { maskUrl } from '../electron/db/location';
import { log } from './stats';

export const BENCH_PG_URL_ENV = 'CREDIT_DESK_BENCH_PG_URL';

/** Where the bench's database lives and how it was configured. */
export interface PgServer {
  /** The database the bench fills and measures. */
  url: string;
  /** The URL with its password masked (for the report). */
  shown: string;
  /** 'env' when the URL came from CREDIT_DESK_BENCH_PG_URL, 'throw-away' when started here. */
  origin: 'env' | 'throw-away';
  /** The durability settings and version the server reports (for the report). */
  settings: Record<string, string>;
  stop(): void;
}

const REPORTED_SETTINGS = [
  'server_version',
  'fsync',
  'synchronous_commit',
  'full_page_writes',
  'wal_sync_method',
  'shared_buffers',
  'max_connections',
];

/** The settings that decide what a commit costs, as the server reports them. */
export async function serverSettings(url: string): Promise<Record<string, string>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ name: string; setting: string; unit: string | null }>(
      'SELECT name, setting, unit FROM pg_settings WHERE name = ANY($1) ORDER BY name',
      [REPORTED_SETTINGS],
    );
    return Object.fromEntries(rows.map((r) => [r.name, r.unit === null ? r.setting : `${r.setting} ${r.unit}`]));
  } finally {
    await client.end();
  }
}

/** Restarts the tests' cluster with PostgreSQL's own durability defaults (same port and socket folder). */
function restartDurable(cluster: PgCluster): void {
  const data = join(cluster.dir, 'data');
  const options = `-p ${cluster.port} -k ${cluster.dir} -c listen_addresses=127.0.0.1 -c max_connections=200`;
  const args = ['-D', data, '-o', options, '-l', join(cluster.dir, 'server.log'), '-m', 'fast', '-w', 'restart'];
  const file = join(cluster.binDir, 'pg_ctl');
  // As root, PostgreSQL's tools run as the postgres OS user (as in the tests' helper).
  const [cmd, argv] = process.getuid?.() === 0 ? ['runuser', ['-u', 'postgres', '--', file, ...args]] : [file, args];
  execFileSync(cmd, argv, { cwd: cluster.dir, stdio: ['ignore', 'ignore', 'pipe'] });
}

/** The server named by the environment, or a new throw-away cluster with a fresh database. */
export async function openPgServer(): Promise<PgServer> {
  const fromEnv = process.env[BENCH_PG_URL_ENV];
  if (fromEnv !== undefined && fromEnv !== '') {
    return {
      url: fromEnv,
      shown: maskUrl(fromEnv),
      origin: 'env',
      settings: await serverSettings(fromEnv),
      stop: () => undefined,
    };
  }
  log('starting a throw-away PostgreSQL cluster…');
  const cluster = await startPgCluster();
  try {
    restartDurable(cluster);
    const { url } = await cluster.createDatabase();
    return { url, shown: maskUrl(url), origin: 'throw-away', settings: await serverSettings(url), stop: cluster.stop };
  } catch (error) {
    cluster.stop();
    throw error;
  }
}
