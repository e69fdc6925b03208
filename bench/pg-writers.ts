/**
 * Many writers on PostgreSQL: W concurrent posting loops, each on its own clients (so they
 * never wait for one another's row locks) and on its own pooled connection, against one loop
 * doing the same total number of purchases. Through the router (the app's pool) and raw pg.
 * Everything runs in this one Node process: the 8 writers overlap their round trips and their
 * commits' WAL flushes, not their JavaScript (see BENCHMARKS.md, "PostgreSQL").
 */
import type pg from 'pg';
import type { PgBenchSizes, PgEnv } from './pg.bench';
import { rawPgPostings } from './pg-raw';
import { median, now, percentile, round } from './stats';

export const WRITERS = 8;

/** The clients of writer `w` of `count`: every count-th client from 2 on (client 1 is the big one). */
function clientsOf(w: number, count: number, clients: number): (k: number) => number {
  const own = Math.floor((clients - 1) / count);
  return (k) => 2 + w + count * (k % own);
}

/** Purchases per second with `count` concurrent loops sharing `total` purchases. */
async function throughput(
  count: number,
  total: number,
  clients: number,
  post: (clientId: number, paymentId: string) => Promise<unknown>,
  tag: string,
): Promise<number> {
  const each = Math.floor(total / count);
  const t = now();
  await Promise.all(
    Array.from({ length: count }, async (_, w) => {
      const clientAt = clientsOf(w, count, clients);
      for (let k = 0; k < each; k++) await post(clientAt(k), `${tag}-${w}-${k}`);
    }),
  );
  return (count * each) / ((now() - t) / 1000);
}

/** How long a COMMIT of a one-row write takes (the WAL flush a parallel writer can overlap). */
export async function commitLatency(pool: pg.Pool, samples = 200) {
  const client = await pool.connect();
  const times: number[] = [];
  try {
    for (let i = 0; i < samples; i++) {
      await client.query('BEGIN');
      await client.query('UPDATE settings SET agency_name = agency_name WHERE id = 1');
      const t = now();
      await client.query('COMMIT');
      times.push(now() - t);
    }
    const select: number[] = [];
    for (let i = 0; i < samples; i++) {
      const t = now();
      await client.query('SELECT 1');
      select.push(now() - t);
    }
    return {
      commitP50Ms: round(median(times), 4),
      commitP99Ms: round(percentile(times, 99), 4),
      roundTripP50Ms: round(median(select), 4),
    };
  } finally {
    client.release();
  }
}

export async function runWriters(env: PgEnv, sizes: PgBenchSizes, actor: string) {
  const { router, fixture } = env;
  const raw = rawPgPostings(env.raw, actor);
  const stamp = Date.now();
  const app = async (clientId: number, paymentId: string) => {
    const r = await router.call(
      'purchases.record',
      {
        clientId,
        packageId: fixture.packageId,
        provider: 'stripe',
        providerPaymentId: paymentId,
        amount: '100.00',
        currency: 'USD',
      },
      { actor },
    );
    if (!r.ok) throw new Error(`writers: purchases.record refused: ${r.error.code} ${r.error.message}`);
  };
  const rawPost = (clientId: number, paymentId: string) => raw.purchase(clientId, fixture.packageId, paymentId);
  const runs = { app1: [] as number[], app8: [] as number[], raw1: [] as number[], raw8: [] as number[] };
  const clients = fixture.scale.clients;
  // Warm every connection of both pools (prepared statements are per connection).
  const warm = WRITERS * Math.min(4, sizes.warmup);
  await throughput(WRITERS, warm, clients, app, `pi_w_warm_app_${stamp}`);
  await throughput(WRITERS, warm, clients, rawPost, `pi_w_warm_raw_${stamp}`);
  const total = sizes.writerOps;
  for (let r = 0; r < sizes.writerRounds; r++) {
    const tag = `pi_w_${stamp}_${r}`;
    const steps: [keyof typeof runs, () => Promise<number>][] = [
      ['app1', () => throughput(1, total, clients, app, `${tag}_app1`)],
      ['app8', () => throughput(WRITERS, total, clients, app, `${tag}_app8`)],
      ['raw1', () => throughput(1, total, clients, rawPost, `${tag}_raw1`)],
      ['raw8', () => throughput(WRITERS, total, clients, rawPost, `${tag}_raw8`)],
    ];
    // Alternate the order, so neither configuration always runs first.
    for (const [key, step] of r % 2 === 0 ? steps : [...steps].reverse()) runs[key].push(await step());
  }
  const m = (key: keyof typeof runs) => Math.round(median(runs[key]));
  return {
    writers: WRITERS,
    purchasesPerRun: total,
    rounds: sizes.writerRounds,
    appOneWriterPerSec: m('app1'),
    appEightWritersPerSec: m('app8'),
    rawOneWriterPerSec: m('raw1'),
    rawEightWritersPerSec: m('raw8'),
    /** The target: 8 writers ÷ 1 writer through the router. */
    speedup: round(m('app8') / m('app1'), 2),
    rawSpeedup: round(m('raw8') / m('raw1'), 2),
    /** 8 writers, app ÷ raw. */
    ratioEight: round(m('app8') / m('raw8')),
    runs: Object.fromEntries(Object.entries(runs).map(([k, v]) => [k, v.map((x) => Math.round(x))])),
    commit: await commitLatency(env.raw, sizes.commitSamples),
  };
}
