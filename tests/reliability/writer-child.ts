/**
 * A second (third, fourth…) process on the same ledger file, for the concurrency tests.
 *
 *   node writer-child.mjs DB writes TAG COUNT [PAUSE]  purchases and adjustments; prints {"committed":N}
 *                                                       after every 25 commits and a summary at the end;
 *                                                       with PAUSE it prints {"paused":PAUSE} after that
 *                                                       many commits and waits for a line on stdin
 *   node writer-child.mjs DB accept TAG ID         prints "ready", waits for a line on stdin, accepts request ID
 *   node writer-child.mjs DB open TAG              prints "ready", waits for a line on stdin, opens the file
 *
 * The stdin barrier lets a test release several processes together once all have started,
 * however slow the machine is at starting them (never a wall-clock appointment).
 * Every line printed is one JSON object.
 */
import { readSync, writeSync } from 'node:fs';
import { openLedgerDatabase } from '../../electron/db/open';
import { createRouter } from '../../electron/ipc/router';

const [path, mode, tag, a, b] = process.argv.slice(2);
if (path === undefined || mode === undefined || tag === undefined) throw new Error('usage: DB MODE TAG …');
const print = (value: unknown) => writeSync(1, `${JSON.stringify(value)}\n`);
/** Blocks until the parent writes a line on stdin (or closes it). */
const barrier = (label: 'ready' | { paused: number }) => {
  if (label === 'ready') writeSync(1, 'ready\n');
  else print(label);
  const byte = Buffer.alloc(1);
  for (;;) {
    try {
      if (readSync(0, byte, 0, 1, null) === 0 || byte[0] === 0x0a) return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') throw error;
    }
  }
};

if (mode === 'open') {
  barrier('ready');
  try {
    const db = await openLedgerDatabase(path);
    db.close();
    print({ ok: true });
  } catch (error) {
    print({ ok: false, error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) });
  }
} else {
  const db = await openLedgerDatabase(path);
  const router = createRouter({ db });
  if (mode === 'accept') {
    barrier('ready');
    print(await router.call('requests.accept', { requestId: Number(a) }, { actor: tag }));
  } else if (mode === 'writes') {
    const clients = (db.sqlite.prepare('SELECT id FROM clients ORDER BY id').all() as { id: number }[]).map(
      (r) => r.id,
    );
    const packageId = (db.sqlite.prepare('SELECT id FROM credit_packages').get() as { id: number }).id;
    const credited: Record<number, number> = {};
    const refused: unknown[] = [];
    let ok = 0;
    for (let n = 0; n < Number(a); n++) {
      const clientId = clients[n % clients.length]!;
      const purchase = n % 2 === 0;
      const result = purchase
        ? await router.call(
            'purchases.record',
            {
              clientId,
              packageId,
              provider: 'stripe',
              providerPaymentId: `${tag}-${n}`,
              amount: '9.99',
              currency: 'USD',
            },
            { actor: tag },
          )
        : await router.call(
            'transactions.adjust',
            { clientId, direction: 'in', credits: 1 + (n % 7), reason: `${tag}-${n}` },
            { actor: tag },
          );
      if (result.ok) {
        ok++;
        credited[clientId] = (credited[clientId] ?? 0) + (purchase ? 100 : 1 + (n % 7));
      } else refused.push(result.error);
      if ((n + 1) % 25 === 0) print({ committed: n + 1 });
      if (b !== undefined && n + 1 === Number(b)) barrier({ paused: n + 1 });
    }
    print({ ok, credited, refused });
  }
  db.close();
}
