/** Timing and summary statistics for the benchmark. Everything in milliseconds. */

/** Monotonic time in milliseconds (sub-microsecond resolution). */
export function now(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}

/** The p-th percentile (0–100) of `values` (nearest rank on a sorted copy). */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}

export function median(values: readonly number[]): number {
  return percentile(values, 50);
}

export function sum(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0);
}

/** Rounds for printing and JSON: 3 significant decimals is plenty for noisy timings. */
export function round(value: number, digits = 3): number {
  if (!Number.isFinite(value)) return value;
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

/** Progress goes to stderr, so `--json` keeps stdout for the one JSON object. */
export function log(message: string): void {
  process.stderr.write(`${message}\n`);
}

/**
 * Runs the app and the raw variant of a measurement in alternating rounds, after `warmup`
 * untimed calls of each, so that the noise of
 * a shared machine (other processes, fsync stalls) falls on both alike. Returns each call's
 * latency in ms.
 */
export async function interleave(
  rounds: number,
  perRound: number,
  app: (i: number) => unknown,
  raw: (i: number) => unknown,
  warmup = 20,
): Promise<{ app: number[]; raw: number[]; appPreempted: boolean[]; rawPreempted: boolean[] }> {
  const out = {
    app: [] as number[],
    raw: [] as number[],
    appPreempted: [] as boolean[],
    rawPreempted: [] as boolean[],
  };
  let appI = 0;
  let rawI = 0;
  // Steady state: the first calls pay for JIT compilation and one-time query compilation.
  for (let j = 0; j < warmup; j++) {
    await app(appI++);
    await raw(rawI++);
  }
  // Wall time per call, and whether the scheduler preempted the process during the call
  // (on a shared machine the slowest calls are the ones that waited for a CPU).
  // The app's calls are async (services run against the async database interface); the raw
  // side stays synchronous on SQLite, as better-sqlite3 is, so the ratio includes what async
  // costs there (a raw call is awaited only when it returns a promise: raw pg).
  const runApp = async () => {
    for (let j = 0; j < perRound; j++) {
      const c = preemptions();
      const t = now();
      await app(appI++);
      out.app.push(now() - t);
      out.appPreempted.push(preemptions() > c);
    }
  };
  const runRaw = async () => {
    for (let j = 0; j < perRound; j++) {
      const c = preemptions();
      const t = now();
      const pending = raw(rawI++);
      if (pending instanceof Promise) await pending;
      out.raw.push(now() - t);
      out.rawPreempted.push(preemptions() > c);
    }
  };
  for (let r = 0; r < rounds; r++) {
    // Alternate who goes first, so neither side always runs on a warmer cache.
    if (r % 2 === 0) {
      await runApp();
      await runRaw();
    } else {
      await runRaw();
      await runApp();
    }
  }
  return out;
}

/** How many times the scheduler has taken the CPU away from this process so far. */
export function preemptions(): number {
  return process.resourceUsage().involuntaryContextSwitches;
}

/** This process's CPU time (user + system) in milliseconds. */
export function cpuNow(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

/**
 * For CPU-bound operations of a few microseconds: the mean of `batch` calls per round,
 * alternating app and raw; per-call timers would measure the timer. Timed in process CPU
 * time, so the slices in which a shared machine runs someone else's process do not count.
 * Returns the per-round means in ms.
 */
export async function interleaveBatched(
  rounds: number,
  batch: number,
  app: (i: number) => unknown,
  raw: (i: number) => void,
): Promise<{ app: number[]; raw: number[] }> {
  const out = { app: [] as number[], raw: [] as number[] };
  const timeApp = async (base: number) => {
    const t = cpuNow();
    for (let j = 0; j < batch; j++) await app(base + j);
    return (cpuNow() - t) / batch;
  };
  const timeRaw = (base: number) => {
    const t = cpuNow();
    for (let j = 0; j < batch; j++) raw(base + j);
    return (cpuNow() - t) / batch;
  };
  for (let r = 0; r < rounds; r++) {
    if (r % 2 === 0) {
      out.app.push(await timeApp(r * batch));
      out.raw.push(timeRaw(r * batch));
    } else {
      out.raw.push(timeRaw(r * batch));
      out.app.push(await timeApp(r * batch));
    }
  }
  return out;
}
