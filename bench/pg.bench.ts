/**
 * `npm run bench -- --engine postgres`: P1–P4 through the router on PostgreSQL beside raw `pg`
 * doing the same SQL in the same run (bench/pg-raw.ts), and the throughput of 8 concurrent
 * writers on different clients against one writer. The data is the SQLite scale fixture
 * copied in with import-sqlite (bench/pg-fixture.ts); the server is CREDIT_DESK_BENCH_PG_URL
 * or a throw-away cluster with PostgreSQL's shipped durability settings (bench/pg-server.ts).
 */
import type pg from 'pg';
import { inputSchema } from '../shared/contract';
import { openPostgresLedger } from '../electron/db/pg/open';
import type { PgAsyncDb } from '../electron/db/pg/async-db.pg';
import { createRouter, type Router } from '../electron/ipc/router';
import type { Handlers } from '../electron/ledger/handlers';
import { encodeCursor } from '../electron/ledger/cursor';
import type { Fixture } from './fixture';
import { openRawPool, rawPgPostings, rawPgReads } from './pg-raw';
import { runWriters } from './pg-writers';
import { interleave, log, median, percentile, round, sum } from './stats';

const ACTOR = 'bench';

export interface PgEnv {
  url: string;
  fixture: Fixture;
  db: PgAsyncDb;
  router: Router & { handlers: Handlers };
  raw: pg.Pool;
  quick: boolean;
}

/** Small sizes for the smoke test: a handful of calls per metric, no timing worth reading. */
export interface PgBenchSizes {
  perRound: number;
  rounds: number;
  p2Batches: number;
  writerOps: number;
  writerRounds: number;
  /** Untimed calls of each side before a measurement. */
  warmup: number;
  /** COMMITs timed by the commit-latency probe. */
  commitSamples: number;
}

export const PG_FULL_SIZES: PgBenchSizes = {
  perRound: 50,
  rounds: 20,
  p2Batches: 12,
  writerOps: 1600,
  writerRounds: 3,
  warmup: 20,
  commitSamples: 200,
};
export const PG_QUICK_SIZES: PgBenchSizes = {
  perRound: 50,
  rounds: 6,
  p2Batches: 6,
  writerOps: 400,
  writerRounds: 2,
  warmup: 20,
  commitSamples: 200,
};
export const PG_TINY_SIZES: PgBenchSizes = {
  perRound: 2,
  rounds: 2,
  p2Batches: 2,
  writerOps: 16,
  writerRounds: 1,
  warmup: 1,
  commitSamples: 5,
};

export async function openPgEnv(url: string, fixture: Fixture, quick: boolean): Promise<PgEnv> {
  // The ledger's own pool as the doors open it (10 connections: room for the 8 writers).
  const db = await openPostgresLedger(url, { pool: { applicationName: 'credit-desk bench app' } });
  return { url, fixture, db, router: createRouter({ db }), raw: openRawPool(url, 10), quick };
}

export async function closePgEnv(env: PgEnv): Promise<void> {
  await env.db.close();
  await env.raw.end();
}

async function callOk(router: Router, channel: string, input: unknown): Promise<unknown> {
  const r = await router.call(channel, input, { actor: ACTOR });
  if (!r.ok) throw new Error(`${channel} refused: ${r.error.code} ${r.error.message}`);
  return r.value;
}

function latency(samples: number[]) {
  return { p50Ms: round(percentile(samples, 50), 4), p99Ms: round(percentile(samples, 99), 4) };
}

/** Wall-time medians: app ops/s ÷ raw ops/s (≥ 1 is as fast as raw). */
function throughputRatio(s: { app: number[]; raw: number[] }) {
  return {
    ratio: round(median(s.raw) / median(s.app)),
    meanRatio: round(sum(s.raw) / s.raw.length / (sum(s.app) / s.app.length)),
    ...latency(s.app),
    raw: latency(s.raw),
    calls: s.app.length,
  };
}

/** Pending bank-transfer requests to accept (not timed): `count` of them, ids in order. */
async function pendingRequests(env: PgEnv, count: number, clientAt: (i: number) => number): Promise<number[]> {
  const client = await env.raw.connect();
  try {
    const at = new Date().toISOString();
    const { rows } = await client.query<{ id: number }>(
      `INSERT INTO credit_requests (client_id, package_id, package_name, method, amount_minor, currency, credits,
         payment_reference, note, status, rejection_reason, submitted_at, submitted_by, decided_at, decided_by)
       SELECT c, $2, 'Growth 1000', 'bank_transfer', 10000, 'USD', 1000, 'BANK-' || c, NULL, 'pending', NULL, $3, 'bench', NULL, NULL
       FROM unnest($1::bigint[]) WITH ORDINALITY AS t(c, n) ORDER BY n RETURNING id`,
      [Array.from({ length: count }, (_, i) => clientAt(i)), env.fixture.packageId, at],
    );
    return rows.map((r) => Number(r.id));
  } finally {
    client.release();
  }
}

// ---------------------------------------------------------------- P1

/** P1 on PostgreSQL: one posting per transaction through the router vs raw pg. */
export async function pgP1(env: PgEnv, sizes: PgBenchSizes) {
  const { router, fixture } = env;
  const clients = fixture.scale.clients;
  const n = sizes.perRound * sizes.rounds;
  const raw = rawPgPostings(env.raw, ACTOR);
  // Distinct clients per call, spread over the whole table like real traffic.
  const clientAt = (i: number, salt: number) => 1 + ((i * 7919 + salt) % clients);
  const stamp = Date.now();
  const requestIds = await pendingRequests(env, 2 * (n + sizes.warmup), (i) => clientAt(i, 17));
  const results: Record<string, ReturnType<typeof throughputRatio>> = {};
  results.purchase = throughputRatio(
    await interleave(
      sizes.rounds,
      sizes.perRound,
      (i) =>
        callOk(router, 'purchases.record', {
          clientId: clientAt(i, 1),
          packageId: fixture.packageId,
          provider: 'stripe',
          providerPaymentId: `pi_pg_p1_app_${stamp}_${i}`,
          amount: '100.00',
          currency: 'USD',
        }),
      (i) => raw.purchase(clientAt(i, 2), fixture.packageId, `pi_pg_p1_raw_${stamp}_${i}`),
      sizes.warmup,
    ),
  );
  results.accept = throughputRatio(
    await interleave(
      sizes.rounds,
      sizes.perRound,
      (i) => callOk(router, 'requests.accept', { requestId: requestIds[2 * i]! }),
      (i) => raw.accept(requestIds[2 * i + 1]!),
      sizes.warmup,
    ),
  );
  results.spend = throughputRatio(
    await interleave(
      sizes.rounds,
      sizes.perRound,
      (i) => callOk(router, 'services.buyWithCredits', { clientId: clientAt(i, 1), serviceId: fixture.serviceId }),
      (i) => raw.spend(clientAt(i, 2), fixture.serviceId),
      sizes.warmup,
    ),
  );
  return results;
}

// ---------------------------------------------------------------- P2

/** P2 on PostgreSQL: 100 purchases per transaction through the purchases handler vs raw pg. */
export async function pgP2(env: PgEnv, sizes: PgBenchSizes) {
  const { db, router, fixture } = env;
  const batch = 100;
  const raw = rawPgPostings(env.raw, ACTOR);
  const schema = inputSchema('purchases.record');
  const stamp = Date.now();
  const clientAt = (i: number) => 1 + ((i * 104729) % fixture.scale.clients);
  const record = router.handlers['purchases.record'];
  const times = await interleave(
    sizes.p2Batches,
    1,
    (r) =>
      db.write(async (tx) => {
        const nowDate = new Date();
        const call = { tx, actor: ACTOR, now: nowDate, nowIso: nowDate.toISOString() };
        for (let j = 0; j < batch; j++) {
          const input = schema.parse({
            clientId: clientAt(r * batch + j),
            packageId: fixture.packageId,
            provider: 'paypal',
            providerPaymentId: `PAY-PG-P2-APP-${stamp}-${r}-${j}`,
            amount: '100.00',
            currency: 'USD',
          });
          await record(input, call);
        }
      }),
    (r) => {
      const ids = Array.from({ length: batch }, (_, j) => clientAt(r * batch + j + 7));
      return raw.purchaseBatch(
        ids,
        fixture.packageId,
        ids.map((_, j) => `PAY-PG-P2-RAW-${stamp}-${r}-${j}`),
      );
    },
    2,
  );
  return {
    ratio: round(median(times.raw) / median(times.app)),
    purchasesPerSec: Math.round((times.app.length * batch) / (sum(times.app) / 1000)),
    rawPurchasesPerSec: Math.round((times.raw.length * batch) / (sum(times.raw) / 1000)),
    batchP50Ms: round(median(times.app), 3),
    rawBatchP50Ms: round(median(times.raw), 3),
    batches: times.app.length,
  };
}

// ---------------------------------------------------------------- P3

/** P3 on PostgreSQL: clients.get vs the same read in the same snapshot, and vs the bare statement. */
export async function pgP3(env: PgEnv, sizes: PgBenchSizes) {
  const reads = rawPgReads(env.raw);
  const clientAt = (i: number) => 1 + ((i * 7919) % env.fixture.scale.clients);
  const app = (i: number) => callOk(env.router, 'clients.get', { clientId: clientAt(i) });
  const same = await interleave(sizes.rounds, sizes.perRound * 2, app, (i) => reads.client(clientAt(i)), sizes.warmup);
  const bare = await interleave(
    sizes.rounds,
    sizes.perRound * 2,
    app,
    (i) => reads.clientBare(clientAt(i)),
    sizes.warmup,
  );
  const ms = (v: number) => round(v, 4);
  return {
    // Time ratios (app ÷ raw; 1 = raw, lower is better), from medians.
    ratio: round(median(same.app) / median(same.raw)),
    ratioBare: round(median(bare.app) / median(bare.raw)),
    appP50Ms: ms(median(same.app)),
    rawP50Ms: ms(median(same.raw)),
    rawBareP50Ms: ms(median(bare.raw)),
    calls: same.app.length,
  };
}

// ---------------------------------------------------------------- P4

/** P4 on PostgreSQL: a history page of 50 at increasing depths of the big client, vs raw pg. */
export async function pgP4(env: PgEnv, sizes: PgBenchSizes) {
  const { router, fixture } = env;
  const big = fixture.bigClientId;
  const total = fixture.scale.bigEntries;
  const depths = [0, 1_000, Math.min(100_000, Math.floor(total / 2)), total - 50].filter((d) => d < total);
  const reads = rawPgReads(env.raw);
  const out: Record<string, unknown> = {};
  for (const depth of [...new Set(depths)]) {
    const found =
      depth === 0
        ? undefined
        : (
            await env.raw.query<{ created_at: string; id: number }>(
              'SELECT created_at, id FROM ledger_entries WHERE client_id = $1 ORDER BY created_at DESC, id DESC LIMIT 1 OFFSET $2',
              [big, depth - 1],
            )
          ).rows[0];
    const cursor = found === undefined ? undefined : encodeCursor([found.created_at, found.id]);
    const s = await interleave(
      sizes.rounds,
      sizes.perRound,
      async () => {
        const page = (await callOk(router, 'transactions.list', { clientId: big, limit: 50, cursor })) as {
          items: unknown[];
        };
        if (page.items.length !== 50) throw new Error(`P4: a page at depth ${depth} has ${page.items.length} rows`);
      },
      async () => {
        if ((await reads.page(big, found)) < 50) throw new Error('P4 raw: short page');
      },
      sizes.warmup,
    );
    out[String(depth)] = { ratio: round(median(s.app) / median(s.raw)), ...latency(s.app), raw: latency(s.raw) };
  }
  return { depths: out };
}

// ---------------------------------------------------------------- writers

/** 8 concurrent writers on different clients vs one writer, app and raw (bench/pg-writers.ts). */
export async function pgWriters(env: PgEnv, sizes: PgBenchSizes) {
  log('  writers: 1 vs 8 concurrent, through the router and raw…');
  return runWriters(env, sizes, ACTOR);
}
