/**
 * P8: one CLI `call`, wall time from spawn to exit, as a script runs it: `node scripts/door.mjs
 * cli --db FILE call settings.get '{}'` (the `cli` script of package.json, without npm's own
 * ~0.3 s), beside a bare `node -e ''` in the same rounds, alternating. The ratio to bare Node is
 * the figure that travels between machines. On a fresh ledger (the target), and on the big
 * fixture, where the open's integrity check (`quick_check`, issue 6) reads the whole file.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Fixture } from './fixture';
import { RESULTS_DIR } from './fixture';
import { median, now, round } from './stats';

const DOOR = resolve('scripts', 'door.mjs');
const ROUNDS = 10;

/** The environment of a child started by hand: no loader hooks of the bench's own runner (tsx). */
function plainEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env.NODE_OPTIONS;
  return env;
}

function timed(args: string[]): number {
  const t = now();
  const r = spawnSync(process.execPath, args, { env: plainEnv(), encoding: 'utf8' });
  const ms = now() - t;
  if (r.status !== 0) throw new Error(`P8: node ${args.join(' ')} exited ${r.status}: ${r.stderr || r.stdout}`);
  return ms;
}

/** Median wall times of `rounds` CLI calls on `db` and as many bare starts, interleaved. */
function measure(db: string, rounds: number) {
  const call = [DOOR, 'cli', '--db', db, 'call', 'settings.get', '{}'];
  // Untimed: builds the bundle if a source changed and writes its code cache (the first run).
  timed(call);
  timed(call);
  const cli: number[] = [];
  const bare: number[] = [];
  for (let r = 0; r < rounds; r++) {
    if (r % 2 === 0) {
      cli.push(timed(call));
      bare.push(timed(['-e', '']));
    } else {
      bare.push(timed(['-e', '']));
      cli.push(timed(call));
    }
  }
  return { ms: round(median(cli), 1), bareMs: round(median(bare), 1), ratio: round(median(cli) / median(bare), 2) };
}

export function p8(large: Fixture) {
  const dir = mkdtempSync(join(RESULTS_DIR, 'p8-'));
  try {
    const fresh = measure(join(dir, 'fresh.db'), ROUNDS);
    const big = measure(large.path, Math.ceil(ROUNDS / 2));
    return { ...fresh, large: { entries: large.scale.entries, ...big } };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
