/**
 * `cli --db postgres://… backup [--out FILE]`: PostgreSQL's own backup tool, `pg_dump` in its
 * custom format (restore with `pg_restore`). The password reaches pg_dump through PGPASSWORD,
 * never its command line, where any user of the machine could read it in the process list.
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { delimiter, join, resolve } from 'node:path';

/** pg_dump is not installed where we look: the doors answer with exit 2 and this message. */
export class PgBackupRefused extends Error {
  override readonly name = 'PgBackupRefused';
}

/** Finds `tool` in PG_BINDIR, on PATH, or in /usr/lib/postgresql/<newest>/bin; null when it is nowhere. */
export function findPgTool(
  tool: string,
  env: NodeJS.ProcessEnv = process.env,
  systemRoot = '/usr/lib/postgresql',
): string | null {
  const dirs: string[] = [];
  if (env.PG_BINDIR) dirs.push(env.PG_BINDIR);
  dirs.push(...(env.PATH ?? '').split(delimiter).filter((d) => d !== ''));
  try {
    const versions = readdirSync(systemRoot)
      .filter((v) => /^\d+$/.test(v))
      .sort((a, b) => Number(b) - Number(a));
    dirs.push(...versions.map((v) => join(systemRoot, v, 'bin')));
  } catch {
    // No Debian PostgreSQL layout here.
  }
  for (const dir of dirs) {
    const candidate = join(dir, process.platform === 'win32' ? `${tool}.exe` : tool);
    if (existsSync(candidate)) return candidate;
  }
  return null;
}

/** A URL without its password, and the password apart (for PGPASSWORD). */
export function splitPassword(url: string): { url: string; password: string | undefined } {
  const parsed = new URL(url);
  let password: string | undefined = parsed.password === '' ? undefined : decodeURIComponent(parsed.password);
  parsed.password = '';
  const inQuery = parsed.searchParams.get('password');
  if (inQuery !== null) {
    password = inQuery;
    parsed.searchParams.delete('password');
  }
  return { url: parsed.href, password };
}

export interface PgDumpInfo {
  path: string;
  bytes: number;
}

/** `credit-desk-YYYYMMDD-HHMMSS.dump` in the current folder. */
export function defaultDumpPath(now: Date): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return resolve(`credit-desk-${stamp}.dump`);
}

/** What to do when pg_dump is nowhere to be found. */
export function pgDumpMissingMessage(): string {
  return (
    'backup on PostgreSQL needs `pg_dump` (Debian/Ubuntu: apt-get install postgresql-client; or set PG_BINDIR to the folder holding it), which was not found on PATH or in /usr/lib/postgresql/*/bin. ' +
    'Or run it yourself: PGPASSWORD=… pg_dump --format=custom --file=ledger.dump "postgres://USER@HOST:PORT/DATABASE"'
  );
}

/** Runs pg_dump --format=custom for `url` into `out`; rejects with pg_dump's own words when it fails. */
export async function pgDump(url: string, out: string): Promise<PgDumpInfo> {
  const tool = findPgTool('pg_dump');
  if (tool === null) throw new PgBackupRefused(pgDumpMissingMessage());
  if (existsSync(out)) throw new PgBackupRefused(`--out: ${out} already exists; a backup never overwrites a file.`);
  const { url: bare, password } = splitPassword(url);
  const env = { ...process.env };
  if (password !== undefined) env.PGPASSWORD = password;
  await new Promise<void>((done, fail) => {
    const child = spawn(tool, ['--format=custom', `--file=${out}`, `--dbname=${bare}`], {
      env,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', fail);
    child.on('close', (code) =>
      code === 0 ? done() : fail(new Error(`pg_dump failed (exit ${code}): ${stderr.trim()}`)),
    );
  });
  return { path: out, bytes: statSync(out).size };
}
