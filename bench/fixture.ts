/**
 * The scale fixture: clients, a ledger of N entries with one big client, built with raw
 * inserts in large transactions but with exactly the rows the app would write: correct
 * running balances, per-client sequence numbers and the real hash chain (entryHash), so
 * `ledger.verify` passes on it. Built once per scale and schema, cached under bench-results/.
 */
import { copyFileSync, existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { migrations } from '../migrations';
import { openLedgerDatabase } from '../electron/db/open';
import { createRouter } from '../electron/ipc/router';
import { entryHash, GENESIS_HASH, STORED_ENTRY_COLUMNS, type HashedFields } from '../electron/ledger/hash';
import { log, now } from './stats';

export interface Scale {
  name: string;
  clients: number;
  entries: number;
  /** Entries of client 1, "the big client". */
  bigEntries: number;
}

export const FULL: Scale = { name: 'full', clients: 10_000, entries: 1_000_000, bigEntries: 200_000 };
export const QUICK: Scale = { name: 'quick', clients: 500, entries: 50_000, bigEntries: 10_000 };
/**
 * The small database of P3 (balance read with 1,000 entries): the same clients as `scale`, so
 * the only difference between the two databases is the size of the ledger.
 */
export function smallFor(scale: Scale): Scale {
  return { name: `small${scale.clients}`, clients: scale.clients, entries: 1_000, bigEntries: 200 };
}

/** What the benchmark needs to know about a fixture. */
export interface Fixture {
  path: string;
  scale: Scale;
  bigClientId: number;
  packageId: number;
  serviceId: number;
}

export const RESULTS_DIR = 'bench-results';
export const BIG_CLIENT_ID = 1;
/** Bump when the generator changes, so stale caches are rebuilt. */
const GENERATOR_VERSION = 2;
const START_MS = Date.UTC(2021, 10, 1);
const END_MS = Date.UTC(2026, 10, 1);

/** mulberry32: small, seeded, deterministic. */
function seeded(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ENTRY_COLUMNS = STORED_ENTRY_COLUMNS;

function cachePath(scale: Scale): string {
  const schema = Object.keys(migrations).join('+');
  return join(RESULTS_DIR, `fixture-${scale.name}-${scale.entries}-v${GENERATOR_VERSION}-${schema}.db`);
}

/** The base records every fixture has, created through the router like a user would. */
async function createBase(path: string) {
  const db = await openLedgerDatabase(path);
  try {
    const router = createRouter({ db, clock: () => new Date(START_MS) });
    const call = async <T>(channel: string, input: unknown): Promise<T> => {
      const r = await router.call(channel, input, { actor: 'fixture' });
      if (!r.ok) throw new Error(`fixture: ${channel}: ${r.error.message}`);
      return r.value as T;
    };
    await call('settings.update', { agencyName: 'Benchmark Agency' });
    const rate = await call<{ id: number }>('rates.set', { currency: 'USD', creditsPerUnit: '10' });
    const pkg = await call<{ id: number }>('packages.create', {
      name: 'Growth 1000',
      credits: 1000,
      currency: 'USD',
      price: '100.00',
    });
    const service = await call<{ id: number }>('services.create', {
      name: 'Logo refresh',
      price: '3.51',
      currency: 'USD',
    });
    return { rateId: rate.id, packageId: pkg.id, serviceId: service.id };
  } finally {
    db.close();
  }
}

function build(path: string, scale: Scale, base: { rateId: number }): void {
  const db = new Database(path);
  // Building only: the fixture is thrown away if this is interrupted, so no fsync is needed.
  db.pragma('journal_mode = DELETE');
  db.pragma('synchronous = OFF');
  db.pragma('foreign_keys = OFF');
  db.pragma('cache_size = -1000000');
  const random = seeded(20261126 + scale.entries);
  const createdIso = new Date(START_MS).toISOString();
  const insertClient = db.prepare(
    'INSERT INTO clients (id, name, email, company, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const insertEntry = db.prepare(
    `INSERT INTO ledger_entries (${ENTRY_COLUMNS.join(', ')}) VALUES (${ENTRY_COLUMNS.map(() => '?').join(', ')})`,
  );
  const insertBalance = db.prepare(
    'INSERT INTO client_balances (client_id, balance, entry_count, last_hash, last_created_at) VALUES (?, ?, ?, ?, ?)',
  );
  db.transaction(() => {
    for (let id = 1; id <= scale.clients; id++) {
      const name = id === BIG_CLIENT_ID ? 'Aardvark Holdings (big ledger)' : `Client ${String(id).padStart(5, '0')}`;
      insertClient.run(id, name, `billing${id}@client.example`, `Company ${id}`, createdIso, createdIso);
    }
  })();

  const state = Array.from({ length: scale.clients + 1 }, () => ({
    balance: 0,
    seq: 0,
    hash: GENESIS_HASH,
    last: null as string | null,
  }));
  const bigEvery = scale.entries / scale.bigEntries;
  const stepMs = Math.floor((END_MS - START_MS) / scale.entries);
  const chunk = 50_000;
  for (let from = 0; from < scale.entries; from += chunk) {
    db.transaction(() => {
      for (let i = from; i < Math.min(scale.entries, from + chunk); i++) {
        const clientId = i % bigEvery === 0 ? BIG_CLIENT_ID : 2 + Math.floor(random() * Math.max(1, scale.clients - 1));
        const s = state[clientId]!;
        const createdAt = new Date(START_MS + i * stepMs).toISOString();
        const roll = random();
        const priceMinor = 351 + Math.floor(random() * 29_650);
        const spend = Math.ceil(priceMinor / 10);
        let f: HashedFields;
        const common = { client_id: clientId, seq: s.seq + 1, created_at: createdAt, actor: 'fixture' };
        const none = {
          purchase_id: null,
          request_id: null,
          order_id: null,
          invoice_id: null,
          amount_minor: null,
          currency: null,
          credits_per_unit: null,
          exact_credits: null,
          rate_id: null,
        };
        if (s.balance < spend || roll < 0.15) {
          f = {
            ...common,
            ...none,
            direction: 'in',
            type: 'package_purchase',
            credits: 1000,
            balance_after: s.balance + 1000,
            reference: `Stripe pi_fx_${i}`,
            memo: 'Growth 1000 (100.00 USD)',
          };
        } else if (roll < 0.2) {
          f = {
            ...common,
            ...none,
            direction: 'in',
            type: 'adjustment',
            credits: 25,
            balance_after: s.balance + 25,
            reference: 'Adjustment (credit)',
            memo: 'Goodwill credit after a delayed delivery',
          };
        } else {
          f = {
            ...common,
            ...none,
            direction: 'out',
            type: 'service_purchase',
            credits: spend,
            balance_after: s.balance - spend,
            reference: `Order #fx${i}`,
            memo: 'Logo refresh',
            amount_minor: priceMinor,
            currency: 'USD',
            credits_per_unit: '10',
            exact_credits:
              priceMinor % 10 === 0 ? String(priceMinor / 10) : `${Math.floor(priceMinor / 10)}.${priceMinor % 10}`,
            rate_id: base.rateId,
          };
        }
        const hash = entryHash(s.hash, f);
        const row: Record<string, unknown> = { ...f, prev_hash: s.hash, hash };
        insertEntry.run(...ENTRY_COLUMNS.map((c) => row[c]));
        s.balance = f.balance_after;
        s.seq = f.seq;
        s.hash = hash;
        s.last = createdAt;
      }
    })();
  }
  db.transaction(() => {
    for (let id = 1; id <= scale.clients; id++) {
      const s = state[id]!;
      insertBalance.run(id, s.balance, s.seq, s.hash, s.last);
    }
  })();
  db.pragma('journal_mode = WAL');
  db.close();
}

/** The cached fixture for `scale`, built if missing. */
export async function ensureFixture(scale: Scale): Promise<Fixture & { builtMs: number | null }> {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const path = cachePath(scale);
  const meta = { scale, bigClientId: BIG_CLIENT_ID, packageId: 1, serviceId: 1 };
  if (existsSync(path)) return { path, ...meta, builtMs: null };
  const t = now();
  log(`building the ${scale.name} fixture (${scale.clients} clients, ${scale.entries} entries)…`);
  const tmp = `${path}.building`;
  for (const suffix of ['', '-wal', '-shm']) rmSync(tmp + suffix, { force: true });
  const base = await createBase(tmp);
  build(tmp, scale, base);
  renameSync(tmp, path);
  const builtMs = now() - t;
  log(`  built in ${(builtMs / 1000).toFixed(1)} s`);
  return { path, ...meta, packageId: base.packageId, serviceId: base.serviceId, builtMs };
}

/** A fresh working copy of a cached fixture: the benchmark writes to it, the cache stays pristine. */
export function workingCopy(fixture: Fixture, name: string): Fixture {
  const path = join(RESULTS_DIR, `work-${name}.db`);
  for (const suffix of ['', '-wal', '-shm']) rmSync(path + suffix, { force: true });
  copyFileSync(fixture.path, path);
  return { ...fixture, path };
}
