/**
 * `npm run bench -- --engine postgres` runs end to end: a throw-away cluster, the fixture
 * copied in, the statement check, P1–P4 beside raw pg and the writers, one JSON object on
 * stdout. `--tiny` makes every metric a handful of calls: no timing is asserted here (the
 * figures live in BENCHMARKS.md), only that each metric produced its numbers.
 *
 * Opt-in (CREDIT_DESK_BENCH_SMOKE=1): starting a cluster and importing the fixture took 17–20 s
 * on the quiet 2-core machine and 24–42 s beside other engineers' suites, over the 20 s a test in
 * `npm test` may cost. Run it after changing bench/pg-*.ts:
 *   CREDIT_DESK_BENCH_SMOKE=1 npx vitest run tests/perf/pg-bench-smoke.test.ts
 */
import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { findPgBinDir } from '../support/pg-cluster';

const tsx = createRequire(import.meta.url).resolve('tsx/cli');
const runs = process.env.CREDIT_DESK_BENCH_SMOKE === '1' && (findPgBinDir() !== null || process.env.CI !== undefined);

interface Report {
  engine: string;
  P1: Record<string, { ratio: number; calls: number }>;
  P2: { ratio: number };
  P3: { ratio: number };
  P4: { depths: Record<string, { ratio: number }> };
  writers: { speedup: number; writers: number };
  statements: Record<string, { app: string[]; raw: string[] }>;
  checks: { metric: string }[];
}

describe.runIf(runs)('bench --engine postgres (smoke)', () => {
  it('runs every PostgreSQL metric and prints one JSON report', async () => {
    const stdout = await new Promise<string>((resolve, reject) => {
      execFile(
        process.execPath,
        [tsx, 'bench/run.ts', '--engine', 'postgres', '--tiny', '--json'],
        // The bench's own throw-away cluster, never a server named by the environment.
        { env: { ...process.env, CREDIT_DESK_BENCH_PG_URL: '' }, maxBuffer: 16 * 2 ** 20 },
        (error, out, err) => (error === null ? resolve(out) : reject(new Error(`${error.message}\n${err}`))),
      );
    });
    const report = JSON.parse(stdout) as Report;
    expect(report.engine).toBe('postgres');
    expect(Object.keys(report.P1).sort()).toEqual(['accept', 'purchase', 'spend']);
    for (const op of Object.values(report.P1)) expect(op.ratio).toBeGreaterThan(0);
    expect(report.P2.ratio).toBeGreaterThan(0);
    expect(report.P3.ratio).toBeGreaterThan(0);
    expect(Object.keys(report.P4.depths).length).toBeGreaterThan(0);
    expect(report.writers.writers).toBe(8);
    expect(report.writers.speedup).toBeGreaterThan(0);
    // The statement check ran on both sides for every posting.
    for (const s of Object.values(report.statements)) {
      expect(s.app).toContain('BEGIN');
      expect(s.raw).toContain('COMMIT');
    }
  }, 120_000);
});
