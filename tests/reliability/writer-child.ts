/**
 * A second (third, fourth…) process on the same ledger file, for the concurrency tests.
 *
 *   node writer-child.mjs DB writes TAG COUNT      purchases and adjustments; prints a summary
 *   node writer-child.mjs DB accept TAG AT_MS ID   waits until AT_MS, accepts request ID; prints the result
 *   node writer-child.mjs DB open TAG AT_MS        waits until AT_MS, opens (creating, migrating) the file
 *
 * Every line printed is one JSON object.
 */
import { writeSync } from 'node:fs';
import { openLedgerDatabase } from '../../electron/db/open';
import { createRouter } from '../../electron/ipc/router';

const [path, mode, tag, a, b] = process.argv.slice(2);
if (path === undefined || mode === undefined || tag === undefined) throw new Error('usage: DB MODE TAG …');
const print = (value: unknown) => writeSync(1, `${JSON.stringify(value)}\n`);
const waitUntil = (at: number) => {
  while (Date.now() < at); // spin: start within a millisecond of the other processes
};

if (mode === 'open') {
  waitUntil(Number(a));
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
    waitUntil(Number(a));
    print(router.callSync('requests.accept', { requestId: Number(b) }, { actor: tag }));
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
        ? router.callSync(
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
        : router.callSync(
            'transactions.adjust',
            { clientId, direction: 'in', credits: 1 + (n % 7), reason: `${tag}-${n}` },
            { actor: tag },
          );
      if (result.ok) {
        ok++;
        credited[clientId] = (credited[clientId] ?? 0) + (purchase ? 100 : 1 + (n % 7));
      } else refused.push(result.error);
    }
    print({ ok, credited, refused });
  }
  db.close();
}
