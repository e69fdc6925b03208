/** Shared set-up for the sync tests: a migrated ledger with clients and packages, a captured log. */
import { vi } from 'vitest';
import { openLedgerDatabase } from '../../electron/db/open';
import type { Db } from '../../electron/db/database';
import { syncHandlers } from '../../electron/sync/handlers';
import { createRouter } from '../../electron/ipc/router';
import type { SyncLog } from '../../electron/sync/log';
import type { SyncPoller } from '../../electron/sync/poller';

export const STRIPE_KEY = 'sk_test_51CreditDeskFakeKey0000000000000042';
export const PAYPAL_ID = 'AZx4CreditDeskFakeClientId00000000000id';
export const PAYPAL_SECRET = 'EFs3CreditDeskFakeClientSecret000000sec';

/** A log that keeps every line, and console output captured too, to prove no secret is ever written. */
export function captureLogs(): { log: SyncLog; lines: string[]; restore: () => void } {
  const lines: string[] = [];
  const spies = (['log', 'info', 'warn', 'error', 'debug'] as const).map((m) =>
    vi.spyOn(console, m).mockImplementation((...args: unknown[]) => void lines.push(args.map(String).join(' '))),
  );
  const stderr = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    lines.push(String(chunk));
    return true;
  });
  return {
    lines,
    log: {
      info: (m) => lines.push(`info ${m}`),
      warn: (m) => lines.push(`warn ${m}`),
      error: (m) => lines.push(`error ${m}`),
    },
    restore: () => {
      for (const s of spies) s.mockRestore();
      stderr.mockRestore();
    },
  };
}

/** Seeded ledger: ids are fixed because the fakes' metadata names them. */
export interface Seeded {
  db: Db;
  call: (channel: string, input: unknown) => Promise<unknown>;
}

/**
 * Clients: 1 Northwind (ap@northwind.example), 2 Contoso (finance@contoso.example),
 * 3 and 4 share dup@example.com. Packages: 1 Starter USD 10.00 (100 credits), 2 Pro EUR 25.00
 * (300 credits), 3 Yen JPY 1000 (80 credits, archived).
 */
export async function seededLedger(path = ':memory:'): Promise<Seeded> {
  const db = await openLedgerDatabase(path);
  await seed(db);
  return { db, call: callerFor(db) };
}

export function callerFor(db: Db, sync?: SyncPoller) {
  const router = createRouter({ db, sync: syncHandlers(sync) });
  return async (channel: string, input: unknown): Promise<unknown> => {
    const result = await router.call(channel, input, { actor: 'test' });
    if (!result.ok) throw new Error(`${channel}: ${JSON.stringify(result.error)}`);
    return result.value;
  };
}

export async function seed(db: Db): Promise<void> {
  const call = callerFor(db);
  await call('clients.create', { name: 'Northwind', email: 'ap@northwind.example' });
  await call('clients.create', { name: 'Contoso', email: 'finance@contoso.example' });
  await call('clients.create', { name: 'Dup One', email: 'dup@example.com' });
  await call('clients.create', { name: 'Dup Two', email: 'DUP@example.com' });
  await call('packages.create', { name: 'Starter', credits: 100, currency: 'USD', price: '10.00' });
  await call('packages.create', { name: 'Pro', credits: 300, currency: 'EUR', price: '25.00' });
  await call('packages.create', { name: 'Yen', credits: 80, currency: 'JPY', price: '1000' });
  await call('packages.archive', { packageId: 3 });
}

/** provider payment id → "client/package" for every purchase. */
export function credited(db: Db): Map<string, string> {
  const rows = db.all(db.k.selectFrom('purchases').select(['provider_payment_id', 'client_id', 'package_id']));
  return new Map(rows.map((r) => [r.provider_payment_id, `${r.client_id}/${r.package_id}`]));
}

/** A sleep that never waits, recording what was asked. */
export function recordingSleep(): { sleep: (ms: number) => Promise<void>; calls: number[] } {
  const calls: number[] = [];
  return { calls, sleep: (ms) => (calls.push(ms), Promise.resolve()) };
}
