/**
 * A poller process killed with SIGKILL mid-pass and restarted converges to the same state as an
 * uninterrupted run: the CLI's `sync` pass runs in a child (`node scripts/door.mjs cli`, what
 * `npm run cli` runs) against a fake PayPal; the child is killed while the fake holds a page, and
 * the fake answers only once the child is gone; a second run resumes from the last committed page.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openLedgerDatabase } from '../../electron/db/open';
import { verifyLedger } from '../../electron/ledger/verify.service';
import { FakePayPal, paypalPayment } from './fakes/paypal';
import { credited, PAYPAL_ID, PAYPAL_SECRET, seed } from './helpers';

const root = new URL('../../', import.meta.url).pathname;

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Kills the child and resolves once it has exited. */
type Kill = () => Promise<void>;

function runCli(db: string, origin: string, onSpawn?: (kill: Kill) => void): Promise<Run> {
  return new Promise((resolve) => {
    const args = ['scripts/door.mjs', 'cli', '--db', db, '--actor', 'sync', 'sync', '--provider', 'paypal'];
    const child = spawn(process.execPath, args, {
      cwd: root,
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        PAYPAL_CLIENT_ID: PAYPAL_ID,
        PAYPAL_CLIENT_SECRET: PAYPAL_SECRET,
        CREDIT_DESK_PAYPAL_API_BASE: origin,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<void>((done) => child.once('exit', () => done()));
    onSpawn?.(() => {
      child.kill('SIGKILL');
      return exited;
    });
    child.on('exit', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

async function freshDb(dir: string, name: string): Promise<string> {
  const path = join(dir, name);
  const db = await openLedgerDatabase(path);
  await seed(db);
  db.close();
  return path;
}

async function snapshot(path: string) {
  return openLedgerDatabase(path).then((db) => {
    try {
      return {
        credited: credited(db),
        entries: db.all(db.k.selectFrom('ledger_entries').select('purchase_id')).length,
        unmatched: db
          .all(db.k.selectFrom('sync_unmatched').select(['provider_payment_id', 'reason', 'status']))
          .map((r) => `${r.provider_payment_id}:${r.reason}:${r.status}`)
          .sort(),
        state: db.get(
          db.k.selectFrom('sync_streams').select(['cursor', 'resume_json']).where('provider', '=', 'paypal'),
        ),
      };
    } finally {
      db.close();
    }
  });
}

describe('SIGKILL mid-pass', () => {
  let fake: FakePayPal;
  let dir: string;

  beforeEach(async () => {
    fake = new FakePayPal(PAYPAL_ID, PAYPAL_SECRET);
    const now = Date.now();
    for (let i = 0; i < 24; i++) {
      fake.transactions.push(
        paypalPayment({ at: new Date(now - (48 - i) * 3600_000), clientId: 1 + (i % 2), packageId: 1 }),
      );
    }
    fake.transactions.push(paypalPayment({ at: new Date(now - 5 * 3600_000), clientId: 9, packageId: 1 }));
    fake.transactions.push(
      paypalPayment({ at: new Date(now - 4 * 3600_000), clientId: 1, packageId: 1, value: '12.00' }),
    );
    fake.pageSizeCap = 2; // 13 pages
    await fake.start();
    dir = mkdtempSync(join(tmpdir(), 'cd-sigkill-'));
  });
  afterEach(async () => {
    await fake.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('killed while a page is in flight, then restarted: same credits, same queue, nothing twice', async () => {
    const reference = await freshDb(dir, 'reference.db');
    const clean = await runCli(reference, fake.origin);
    expect(clean.code).toBe(0);
    expect(JSON.parse(clean.stdout)).toMatchObject({
      ok: true,
      fetched: 26,
      credited: 24,
      unmatched: 2,
      duplicates: 0,
    });
    const expected = await snapshot(reference);
    expect(expected.credited.size).toBe(24);

    // The victim: killed when it asks for page 7; the fake holds that page until the child is dead.
    const victim = await freshDb(dir, 'victim.db');
    let kill: Kill | undefined;
    fake.onRequest = async (req) => {
      if (req.path === '/v1/reporting/transactions' && req.query.get('page') === '7') await kill?.();
    };
    const killed = await runCli(victim, fake.origin, (k) => (kill = k));
    expect(killed.signal).toBe('SIGKILL');
    const half = await snapshot(victim);
    expect(half.credited.size).toBeGreaterThan(0);
    expect(half.credited.size).toBeLessThan(24);
    expect(half.state?.cursor).toBeNull();
    expect(half.state?.resume_json).toContain('"page":7'); // pages 1–6 were committed with their credits

    fake.onRequest = undefined;
    const restarted = await runCli(victim, fake.origin);
    expect(restarted.code).toBe(0);
    const after = await snapshot(victim);
    expect(after.credited).toEqual(expected.credited);
    expect(after.entries).toBe(expected.entries);
    expect(after.unmatched).toEqual(expected.unmatched);
    expect(after.state?.resume_json).toBeNull();
    expect(after.state?.cursor).not.toBeNull();

    // The integrity check agrees; nothing secret reached stderr.
    const db = await openLedgerDatabase(victim);
    try {
      expect(verifyLedger(db)).toMatchObject({ ok: true });
    } finally {
      db.close();
    }
    for (const out of [clean.stderr, killed.stderr, restarted.stderr]) expect(out).not.toContain(PAYPAL_SECRET);
  });
});
