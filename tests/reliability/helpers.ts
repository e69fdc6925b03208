/**
 * Helpers shared by the reliability tests: temporary folders, a seeded ledger, child
 * scripts bundled once (a bundled child starts in about a third of the time `node --import
 * tsx` needs, which is what lets the crash test run hundreds of cycles), and a byte-exact
 * fingerprint of a database file.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import type Database from 'better-sqlite3';
import type { Router } from '../../electron/ipc/router';

export const ROOT = resolve(import.meta.dirname, '../..');

export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `cd-${prefix}-`));
}

/**
 * Bundles a TypeScript child script into one ESM file (better-sqlite3 stays external). The
 * bundle goes under the repository's .tmp/ so that Node resolves better-sqlite3 from here.
 */
export async function bundleChild(entry: string): Promise<string> {
  const outfile = join(ROOT, '.tmp', 'children', `${entry.replace(/\W+/g, '_')}-${process.pid}.mjs`);
  await build({
    entryPoints: [join(ROOT, entry)],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile,
    external: ['better-sqlite3'],
    logLevel: 'warning',
  });
  return outfile;
}

/** Starts a bundled child; stdout lines go to `onLine`. */
export function startChild(script: string, args: string[], onLine: (line: string) => void): ChildProcess {
  // stdin is a pipe so a test can release a child that waits at a barrier (see `release`).
  const child = spawn(process.execPath, [script, ...args], { stdio: ['pipe', 'pipe', 'pipe'], cwd: ROOT });
  let buffered = '';
  child.stdout!.setEncoding('utf8');
  child.stdout!.on('data', (chunk: string) => {
    buffered += chunk;
    let nl: number;
    while ((nl = buffered.indexOf('\n')) >= 0) {
      onLine(buffered.slice(0, nl));
      buffered = buffered.slice(nl + 1);
    }
  });
  child.stderr!.setEncoding('utf8');
  let err = '';
  child.stderr!.on('data', (chunk: string) => {
    err += chunk;
  });
  (child as ChildProcess & { stderrText: () => string }).stderrText = () => err;
  return child;
}

/** Lets a child that waits at a barrier (it blocks reading stdin) go on. */
export function release(child: ChildProcess): void {
  child.stdin!.write('go\n');
}

/** Resolves when the child has exited and its output has been read to the end. */
export function exited(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  return new Promise((done) => {
    // 'close' comes after 'exit' once stdout is drained: lines written just before a kill still count.
    if (child.stdout?.closed === true && (child.exitCode !== null || child.signalCode !== null)) {
      done({ code: child.exitCode, signal: child.signalCode });
    } else child.once('close', (code, signal) => done({ code, signal }));
  });
}

/**
 * The database's bytes, for byte-exact comparison: everything committed is checkpointed into
 * the main file and the WAL truncated (so the same content always has the same bytes), then
 * the main file is read. The checkpoint runs only when the WAL holds something: a refused
 * call leaves it empty, and a checkpoint costs an fsync.
 */
export function fileBytes(sqlite: Database.Database, path: string): Buffer {
  const wal = `${path}-wal`;
  if (existsSync(wal) && statSync(wal).size > 0) {
    const [row] = sqlite.pragma('wal_checkpoint(TRUNCATE)') as { busy: number }[];
    if (row?.busy !== 0) throw new Error('checkpoint could not complete');
    if (statSync(wal).size !== 0) throw new Error('the WAL was not truncated');
  }
  return readFileSync(path);
}

/** A SHA-256 of {@link fileBytes}. */
export function fileFingerprint(sqlite: Database.Database, path: string): string {
  return createHash('sha256').update(fileBytes(sqlite, path)).digest('hex');
}

/** Calls a channel that must succeed; returns its value. */
export async function must<T>(router: Router, channel: string, input: unknown): Promise<T> {
  const result = await router.call(channel, input, { actor: 'test' });
  if (!result.ok) throw new Error(`${channel} refused: ${JSON.stringify(result.error)}`);
  return result.value as T;
}

/** Ids of the seeded fixtures. */
export interface Fixtures {
  clients: number[];
  packageId: number;
  serviceId: number;
}

/** A small, fully valid ledger: a USD rate, a package, a service and some clients with credits. */
export async function seed(router: Router, clientCount = 4): Promise<Fixtures> {
  await must(router, 'rates.set', { currency: 'USD', creditsPerUnit: '10' });
  const pkg = await must<{ id: number }>(router, 'packages.create', {
    name: 'Starter',
    credits: 100,
    currency: 'USD',
    price: '9.99',
  });
  const service = await must<{ id: number }>(router, 'services.create', {
    name: 'Logo review',
    price: '1.25',
    currency: 'USD',
  });
  const clients: number[] = [];
  for (let i = 0; i < clientCount; i++) {
    const c = await must<{ id: number }>(router, 'clients.create', { name: `Client ${i + 1}` });
    await must(router, 'transactions.adjust', { clientId: c.id, direction: 'in', credits: 500, reason: 'opening' });
    clients.push(c.id);
  }
  return { clients, packageId: pkg.id, serviceId: service.id };
}

/** Cross-table invariants that no committed operation may break ("nothing half done"). */
export function halfDone(sqlite: Database.Database): Record<string, number> {
  const count = (sql: string) => (sqlite.prepare(sql).get() as { n: number }).n;
  return {
    acceptedWithoutEntry: count(
      "SELECT count(*) AS n FROM credit_requests r WHERE status = 'accepted' AND NOT EXISTS (SELECT 1 FROM ledger_entries e WHERE e.request_id = r.id)",
    ),
    entryForUndecidedRequest: count(
      "SELECT count(*) AS n FROM ledger_entries e JOIN credit_requests r ON r.id = e.request_id WHERE r.status <> 'accepted'",
    ),
    purchaseWithoutEntry: count(
      'SELECT count(*) AS n FROM purchases p WHERE NOT EXISTS (SELECT 1 FROM ledger_entries e WHERE e.purchase_id = p.id)',
    ),
    orderWithoutEntry: count(
      'SELECT count(*) AS n FROM orders o WHERE NOT EXISTS (SELECT 1 FROM ledger_entries e WHERE e.order_id = o.id)',
    ),
    paidInvoiceWithoutEntry: count(
      "SELECT count(*) AS n FROM invoices i WHERE status = 'paid' AND NOT EXISTS (SELECT 1 FROM ledger_entries e WHERE e.invoice_id = i.id)",
    ),
    entryForUnpaidInvoice: count(
      "SELECT count(*) AS n FROM ledger_entries e JOIN invoices i ON i.id = e.invoice_id WHERE i.status <> 'paid'",
    ),
  };
}

export const NOTHING_HALF_DONE = {
  acceptedWithoutEntry: 0,
  entryForUndecidedRequest: 0,
  purchaseWithoutEntry: 0,
  orderWithoutEntry: 0,
  paidInvoiceWithoutEntry: 0,
  entryForUnpaidInvoice: 0,
};
