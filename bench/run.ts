/**
 * `npm run bench` — issue 7's benchmark: builds (or reuses) the scale fixture and measures
 * P1–P7 beside raw better-sqlite3 on the same file with the same settings. Prints a table and
 * writes bench-results/latest.json.
 *
 *   npm run bench                              full scale (10,000 clients, 1,000,000 entries)
 *   npm run --silent bench -- --quick --json   small scale; stdout is exactly one JSON object
 *
 * Progress goes to stderr. Every figure with a baseline is a ratio measured in the same run,
 * app and raw alternating, because this machine is shared and absolute timings are noisy.
 */
import { writeFileSync } from 'node:fs';
import { cpus, freemem, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { ensureFixture, FULL, QUICK, RESULTS_DIR, smallFor, workingCopy } from './fixture';
import { closeEnv, openEnv, p1, p2, p3, p4, p5, p6, p7 } from './metrics';
import { log, now, round } from './stats';
import { runUiBench } from './ui.bench';

interface Check {
  metric: string;
  target: string;
  value: string;
  met: boolean | null;
  /** For latency targets missed on wall time: whether the calls the scheduler did not preempt meet it. */
  metUnpreempted?: boolean;
  /** A measurement without a numeric target; `met` says whether it ran to the end. */
  info?: boolean;
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const unknown = argv.filter((a) => a !== '--quick' && a !== '--json' && a !== '--no-ui');
  if (unknown.length > 0) throw new Error(`unknown option ${unknown[0]}; usage: bench [--quick] [--json] [--no-ui]`);
  const quick = argv.includes('--quick');
  const json = argv.includes('--json');
  const started = now();
  const loadAtStart = loadavg().map((l) => round(l, 2));
  const scale = quick ? QUICK : FULL;

  const fixtures = { large: await ensureFixture(scale), small: await ensureFixture(smallFor(scale)) };
  const large = workingCopy(fixtures.large, scale.name);
  const small = workingCopy(fixtures.small, 'small');

  log('P6 start-up…');
  const P6 = await p6(large);
  const L = await openEnv(large, quick);
  const S = await openEnv(small, quick);
  log('P7 ledger.verify…');
  const P7 = p7(L);
  log('P3 balance read…');
  const P3 = p3(S, L);
  log('P4 history pages…');
  const P4 = p4(L);
  log('P5 statements…');
  const P5 = await p5(L);
  log('P1 single postings…');
  const P1 = p1(L);
  log('P2 batched imports…');
  const P2 = p2(L);
  closeEnv(S);
  closeEnv(L);
  const UI =
    quick || argv.includes('--no-ui') ? { skipped: 'not run in --quick / --no-ui mode' } : await runUiBench(large);

  const results = { P1, P2, P3, P4, P5, P6, P7 };
  const checks = [...evaluate(results), ...uiChecks(UI)];
  const report = {
    scale,
    quick,
    machine: {
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model ?? 'unknown',
      memoryGiB: round(totalmem() / 2 ** 30, 1),
      freeGiB: round(freemem() / 2 ** 30, 1),
      node: process.version,
      /** 1-, 5- and 15-minute load averages when the run started and when it ended. */
      loadAverage: { start: loadAtStart, end: loadavg().map((l) => round(l, 2)) },
    },
    at: new Date().toISOString(),
    fixtureBuildMs: fixtures.large.builtMs === null ? null : round(fixtures.large.builtMs, 0),
    durationMs: round(now() - started, 0),
    ...results,
    UI,
    checks,
  };
  writeFileSync(join(RESULTS_DIR, quick ? 'latest-quick.json' : 'latest.json'), `${JSON.stringify(report, null, 2)}\n`);
  if (json) {
    process.stdout.write(`${JSON.stringify({ ...results, checks })}\n`);
  } else {
    printTable(checks);
    log(
      `\n${quick ? 'bench-results/latest-quick.json' : 'bench-results/latest.json'} written in ${(report.durationMs / 1000).toFixed(0)} s`,
    );
  }
}

type Results = {
  P1: ReturnType<typeof p1>;
  P2: ReturnType<typeof p2>;
  P3: ReturnType<typeof p3>;
  P4: ReturnType<typeof p4>;
  P5: Awaited<ReturnType<typeof p5>>;
  P6: Awaited<ReturnType<typeof p6>>;
  P7: ReturnType<typeof p7>;
};

/** Each target of the issue, met or not. */
function evaluate(r: Results): Check[] {
  const checks: Check[] = [];
  type Lat = {
    ratio: number;
    p50Ms: number;
    p99Ms: number;
    p99UnpreemptedMs: number;
    preemptedPct: number;
    raw: { p50Ms: number; p99Ms: number; p99UnpreemptedMs: number };
  };
  for (const [op, v] of Object.entries(r.P1) as [string, Lat][]) {
    checks.push({
      metric: `P1 ${op}`,
      target: '≥ 0.8× raw, p99 ≤ 2 ms',
      value: `${v.ratio}× raw, p50 ${v.p50Ms} ms, p99 ${v.p99Ms} ms (raw ${v.raw.p99Ms}); not preempted: p99 ${v.p99UnpreemptedMs} (raw ${v.raw.p99UnpreemptedMs})`,
      met: v.ratio >= 0.8 && v.p99Ms <= 2,
      metUnpreempted: v.ratio >= 0.8 && v.p99UnpreemptedMs <= 2,
    });
  }
  checks.push({
    metric: 'P2 imports ×100/tx',
    target: '≥ 0.5× raw',
    value: `${r.P2.ratio}× raw`,
    met: r.P2.ratio >= 0.5,
  });
  checks.push({
    metric: 'P3 balance read',
    target: '≤ 2× raw, large/1k ≤ 1.2',
    value: `${r.P3.ratio}× raw (1k: ${r.P3.ratio1k}×), ${r.P3.appUsLarge} µs CPU, large/1k ${r.P3.scaleRatio} (raw ${r.P3.rawScaleRatio})`,
    met: r.P3.ratio <= 2 && r.P3.scaleRatio <= 1.2,
  });
  for (const [depth, v] of Object.entries(r.P4.depths) as [string, Lat][]) {
    checks.push({
      metric: `P4 history @${depth}`,
      target: 'p99 ≤ 1 ms',
      value: `p50 ${v.p50Ms} ms, p99 ${v.p99Ms} ms (${v.ratio}× raw; raw p99 ${v.raw.p99Ms}); not preempted: p99 ${v.p99UnpreemptedMs} (raw ${v.raw.p99UnpreemptedMs})`,
      met: v.p99Ms <= 1,
      metUnpreempted: v.p99UnpreemptedMs <= 1,
    });
  }
  const p5 = r.P5 as Record<string, unknown>;
  if (typeof p5.skipped === 'string') {
    checks.push({
      metric: 'P5 statements',
      target: 'CSV ≤ 1 s, PDF ≤ 10 s',
      value: `skipped: ${p5.skipped}`,
      met: null,
    });
  } else {
    for (const [format, limit] of [
      ['csv', 1000],
      ['pdf', 10_000],
    ] as const) {
      const v = p5[format] as { ms?: number; error?: unknown };
      checks.push({
        metric: `P5 ${format} ${String(p5.lines)} lines`,
        target: `≤ ${limit / 1000} s`,
        value: v.ms === undefined ? `error ${JSON.stringify(v.error)}` : `${v.ms} ms`,
        met: v.ms !== undefined && v.ms <= limit,
      });
    }
  }
  checks.push({
    metric: 'P6 start-up',
    target: '≤ 300 ms',
    value: `${r.P6.ms} ms (${r.P6.ratio}× raw ${r.P6.rawMs}): quick_check ${r.P6.quickCheckMs}, header ${r.P6.inspectMs}, connection+migrations ${r.P6.openAndMigrateMs}; without the check ${r.P6.withoutQuickCheckMs}; check with mmap ${r.P6.quickCheckMmapMs}`,
    met: r.P6.ms <= 300,
  });
  checks.push({
    metric: `P7 verify ${r.P7.entries}`,
    target: '≤ 2 s',
    value: `${r.P7.ms} ms (${r.P7.ratio}× raw ${r.P7.rawMs} ms; scan alone ${r.P7.breakdown.scanMs} ms, hashing ~${r.P7.breakdown.hashAllMsEstimate} ms)`,
    met: r.P7.ms <= 2000,
  });
  return checks;
}

/** "The UI at scale": the virtualization is the requirement; the timings have no target. */
function uiChecks(ui: Record<string, unknown>): Check[] {
  const metric = 'UI at scale';
  if (typeof ui.skipped === 'string')
    return [{ metric, target: 'virtualized', value: `skipped: ${ui.skipped}`, met: null }];
  if (typeof ui.error === 'string') return [{ metric, target: 'virtualized', value: `error: ${ui.error}`, met: false }];
  return [
    {
      metric: 'UI first rows / scroll',
      target: '(measured)',
      value: `first rows ${String(ui.firstRowsMs)} ms in the app (${String(ui.firstRowsColdMs)} ms from a cold page load); scroll to the 10,000th entry ${String(ui.scrollTo10kMs)} ms (${String(ui.scrollSteps)} steps, reached: ${String(ui.reached10k)})`,
      met: ui.reached10k === true,
      info: true,
    },
    {
      metric: 'UI rows in the DOM',
      target: 'only the visible rows',
      value: `${String(ui.rowsInDom)} rows at the top, ${String(ui.rowsAfterScroll)} at the 10,000th of ${String(ui.loadedRows)} loaded (${String(ui.visibleRows)} visible + overscan)`,
      met: ui.virtualized === true,
    },
  ];
}

function printTable(checks: Check[]): void {
  const status = (c: Check) =>
    c.met === null
      ? 'skipped'
      : c.info === true
        ? c.met
          ? 'ok'
          : 'FAILED'
        : c.met
          ? 'met'
          : c.metUnpreempted === true
            ? 'MISSED*'
            : 'MISSED';
  const rows = checks.map((c) => [c.metric, c.target, c.value, status(c)]);
  const head = ['metric', 'target', 'measured', ''];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ');
  process.stdout.write(`${line(head)}\n${widths.map((w) => '-'.repeat(w)).join('  ')}\n`);
  for (const r of rows) process.stdout.write(`${line(r)}\n`);
  if (checks.some((c) => status(c) === 'MISSED*')) {
    process.stdout.write(
      '\n* missed on wall-clock p99 only: the calls the scheduler did not preempt meet the target (shared machine).\n',
    );
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
