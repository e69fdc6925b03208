/**
 * The PostgreSQL half of `npm run bench` (`--engine postgres`): server, data, the statement
 * check, P1–P4 beside raw pg, and many writers. Returns the report and its checks; bench/run.ts
 * prints and saves them.
 */
import { cpus, loadavg, totalmem } from 'node:os';
import pg from 'pg';
import { ensureFixture, FULL, QUICK, smallFor, type Scale } from './fixture';
import { ensurePgFixture } from './pg-fixture';
import { openPgServer } from './pg-server';
import { compareStatements } from './pg-statements';
import {
  closePgEnv,
  openPgEnv,
  PG_FULL_SIZES,
  PG_QUICK_SIZES,
  PG_TINY_SIZES,
  pgP1,
  pgP2,
  pgP3,
  pgP4,
  pgWriters,
  type PgBenchSizes,
} from './pg.bench';
import { log, now, round } from './stats';

export type PgBenchMode = 'full' | 'quick' | 'tiny';

export interface PgCheck {
  metric: string;
  target: string;
  value: string;
  met: boolean | null;
  info?: boolean;
}

const modes: Record<PgBenchMode, { scale: () => Scale; sizes: PgBenchSizes }> = {
  full: { scale: () => FULL, sizes: PG_FULL_SIZES },
  quick: { scale: () => QUICK, sizes: PG_QUICK_SIZES },
  // The smoke test: the 1,000-entry database, a few calls per metric.
  tiny: { scale: () => smallFor(QUICK), sizes: PG_TINY_SIZES },
};

/** The 1-minute load average every 5 s while the bench runs (other engineers share the machine). */
function sampleLoad(): { stop: () => number[] } {
  const samples: number[] = [round(loadavg()[0]!, 2)];
  const timer = setInterval(() => samples.push(round(loadavg()[0]!, 2)), 5000);
  timer.unref();
  return {
    stop: () => {
      clearInterval(timer);
      return samples;
    },
  };
}

/** Lets the bench's writers run with synchronous_commit off, to show what the commit's WAL flush costs (throw-away cluster only). */
async function setSynchronousCommit(url: string, value: 'on' | 'off'): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ db: string }>('SELECT current_database() AS db');
    await client.query(`ALTER DATABASE "${rows[0]!.db}" SET synchronous_commit = ${value}`);
  } finally {
    await client.end();
  }
}

export async function runPgBench(mode: PgBenchMode) {
  const { scale, sizes } = { scale: modes[mode].scale(), sizes: modes[mode].sizes };
  const started = now();
  const load = sampleLoad();
  const loadAtStart = loadavg().map((l) => round(l, 2));
  const fixture = await ensureFixture(scale);
  const server = await openPgServer();
  try {
    log(`PostgreSQL ${server.settings.server_version ?? '?'} at ${server.shown} (${server.origin})`);
    const { importMs } = await ensurePgFixture(server.url, fixture);
    log('checking that app and raw send the same statements…');
    const statements = await compareStatements(server.url, fixture);
    const env = await openPgEnv(server.url, fixture, mode !== 'full');
    let results;
    try {
      log('P1 single postings…');
      const P1 = await pgP1(env, sizes);
      log('P2 batched imports…');
      const P2 = await pgP2(env, sizes);
      log('P3 balance read…');
      const P3 = await pgP3(env, sizes);
      log('P4 history pages…');
      const P4 = await pgP4(env, sizes);
      log('writers…');
      const writers = await pgWriters(env, sizes);
      results = { P1, P2, P3, P4, writers };
    } finally {
      await closePgEnv(env);
    }
    // What the WAL flush at COMMIT is worth: the same writers with synchronous_commit off.
    // Only on our own throw-away server: a database named by the environment is left as it is.
    let writersAsyncCommit: Awaited<ReturnType<typeof pgWriters>> | { skipped: string } = {
      skipped: 'only on the throw-away cluster',
    };
    if (server.origin === 'throw-away' && mode !== 'tiny') {
      log('writers with synchronous_commit off (diagnostic)…');
      await setSynchronousCommit(server.url, 'off');
      const offEnv = await openPgEnv(server.url, fixture, mode !== 'full');
      try {
        writersAsyncCommit = await pgWriters(offEnv, sizes);
      } finally {
        await closePgEnv(offEnv);
        await setSynchronousCommit(server.url, 'on');
      }
    }
    const report = {
      engine: 'postgres' as const,
      mode,
      scale,
      server: { origin: server.origin, url: server.shown, settings: server.settings },
      machine: {
        cpus: cpus().length,
        cpuModel: cpus()[0]?.model ?? 'unknown',
        memoryGiB: round(totalmem() / 2 ** 30, 1),
        node: process.version,
        loadAverage: { start: loadAtStart, end: loadavg().map((l) => round(l, 2)), samples1m: load.stop() },
      },
      at: new Date().toISOString(),
      importMs: importMs === null ? null : round(importMs, 0),
      durationMs: round(now() - started, 0),
      statements,
      ...results,
      writersAsyncCommit,
    };
    return { report, checks: pgChecks(report) };
  } finally {
    load.stop();
    server.stop();
  }
}

/** What the checks read from the report. */
interface Report {
  P1: Awaited<ReturnType<typeof pgP1>>;
  P2: Awaited<ReturnType<typeof pgP2>>;
  P3: Awaited<ReturnType<typeof pgP3>>;
  P4: Awaited<ReturnType<typeof pgP4>>;
  writers: Awaited<ReturnType<typeof pgWriters>>;
  writersAsyncCommit: Awaited<ReturnType<typeof pgWriters>> | { skipped: string };
  statements: Awaited<ReturnType<typeof compareStatements>>;
}

function pgChecks(r: Report): PgCheck[] {
  const checks: PgCheck[] = [];
  for (const [op, l] of Object.entries(r.P1)) {
    checks.push({
      metric: `PG P1 ${op}`,
      target: '≥ 0.8× raw pg',
      value: `${l.ratio}× raw, p50 ${l.p50Ms} ms (raw ${l.raw.p50Ms}), p99 ${l.p99Ms} ms (raw ${l.raw.p99Ms})`,
      met: l.ratio >= 0.8,
    });
  }
  checks.push({
    metric: 'PG P2 imports ×100/tx',
    target: '≥ 0.5× raw pg',
    value: `${r.P2.ratio}× raw (${r.P2.purchasesPerSec} vs ${r.P2.rawPurchasesPerSec} purchases/s)`,
    met: r.P2.ratio >= 0.5,
  });
  checks.push({
    metric: 'PG P3 balance read',
    target: '≤ 2× raw pg',
    value: `${r.P3.ratio}× raw in the same snapshot (p50 ${r.P3.appP50Ms} vs ${r.P3.rawP50Ms} ms); ${r.P3.ratioBare}× the bare statement (${r.P3.rawBareP50Ms} ms)`,
    met: r.P3.ratio <= 2,
  });
  for (const [depth, v] of Object.entries(r.P4.depths)) {
    const l = v as { ratio: number; p50Ms: number; p99Ms: number; raw: { p99Ms: number } };
    checks.push({
      metric: `PG P4 history @${depth}`,
      // The issue sets PostgreSQL's targets for postings only; SQLite's p99 ≤ 1 ms is shown for reference.
      target: '(measured; SQLite: p99 ≤ 1 ms)',
      value: `p50 ${l.p50Ms} ms, p99 ${l.p99Ms} ms (${l.ratio}× raw; raw p99 ${l.raw.p99Ms})`,
      met: true,
      info: true,
    });
  }
  const w = r.writers;
  checks.push({
    metric: `PG ${w.writers} writers vs 1`,
    target: '≥ 3× one writer',
    value: `${w.speedup}× (${w.appEightWritersPerSec} vs ${w.appOneWriterPerSec} purchases/s); raw pg ${w.rawSpeedup}× (${w.rawEightWritersPerSec} vs ${w.rawOneWriterPerSec}); COMMIT p50 ${w.commit.commitP50Ms} ms, round trip ${w.commit.roundTripP50Ms} ms`,
    met: w.speedup >= 3,
  });
  const off = r.writersAsyncCommit;
  if ('speedup' in off) {
    checks.push({
      metric: `PG ${off.writers} writers, synchronous_commit off`,
      target: '(diagnostic)',
      value: `${off.speedup}× (${off.appEightWritersPerSec} vs ${off.appOneWriterPerSec} purchases/s); raw pg ${off.rawSpeedup}×; COMMIT p50 ${off.commit.commitP50Ms} ms`,
      met: true,
      info: true,
    });
  }
  for (const [op, s] of Object.entries(r.statements)) {
    checks.push({
      metric: `PG statements ${op}`,
      target: 'app = raw',
      value:
        s.onlyApp.length + s.onlyRaw.length === 0
          ? `the same ${s.app.length} statements`
          : `app ${s.app.length}, raw ${s.raw.length}; only app: ${s.onlyApp.map((x) => x.slice(0, 70)).join(' | ')}; only raw: ${s.onlyRaw.map((x) => x.slice(0, 70)).join(' | ')}`,
      met: true,
      info: true,
    });
  }
  return checks;
}
