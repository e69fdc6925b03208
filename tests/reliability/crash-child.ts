/**
 * The crash-injection child: runs random ledger operations through the real router
 * (callSync) on a database file, forever, and prints one line per operation only after it
 * committed: `{"k":idempotencyKey,"c":channel,"t":ledgerEntryId|null}`. The parent kills it
 * with SIGKILL at random moments.
 *
 *   node crash-child.mjs DB_FILE SEED TAG
 */
import { writeSync } from 'node:fs';
import { openLedgerDatabase } from '../../electron/db/open';
import { createRouter } from '../../electron/ipc/router';

const [path, seedArg, tag] = process.argv.slice(2);
if (path === undefined || seedArg === undefined || tag === undefined) throw new Error('usage: DB SEED TAG');

let state = Number(seedArg) | 0;
const random = (): number => {
  state = (state + 0x6d2b79f5) | 0;
  let t = Math.imul(state ^ (state >>> 15), 1 | state);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;

const db = await openLedgerDatabase(path);
const router = createRouter({ db });
const ids = (sql: string): number[] => (db.sqlite.prepare(sql).all() as { id: number }[]).map((r) => r.id);
const clients = ids('SELECT id FROM clients');
const [packageId] = ids('SELECT id FROM credit_packages');
const [serviceId] = ids('SELECT id FROM services');
const pendingRequest = db.sqlite.prepare(
  "SELECT id FROM credit_requests WHERE status = 'pending' ORDER BY random() LIMIT 1",
);
const unpaidInvoice = db.sqlite.prepare("SELECT id FROM invoices WHERE status = 'unpaid' ORDER BY random() LIMIT 1");
writeSync(1, 'ready\n');

for (let n = 0; ; n++) {
  const clientId = pick(clients);
  const key = `${tag}-${n}`;
  const roll = random();
  let channel: string;
  let input: Record<string, unknown>;
  if (roll < 0.2) {
    channel = 'purchases.record';
    input = {
      clientId,
      packageId,
      provider: pick(['stripe', 'paypal']),
      providerPaymentId: key,
      amount: '9.99',
      currency: 'USD',
    };
  } else if (roll < 0.35) {
    channel = 'requests.submit';
    input = { clientId, packageId, method: pick(['bank_transfer', 'crypto']), paymentReference: key };
  } else if (roll < 0.5) {
    const row = pendingRequest.get() as { id: number } | undefined;
    if (row === undefined) continue;
    channel = random() < 0.8 ? 'requests.accept' : 'requests.reject';
    input = channel === 'requests.accept' ? { requestId: row.id } : { requestId: row.id, reason: 'no payment' };
  } else if (roll < 0.65) {
    channel = 'services.buyWithCredits';
    input = { clientId, serviceId };
  } else if (roll < 0.72) {
    channel = 'invoices.create';
    input = { clientId, amount: pick(['2.00', '0.35', '7.10']), currency: 'USD' };
  } else if (roll < 0.8) {
    const row = unpaidInvoice.get() as { id: number } | undefined;
    if (row === undefined) continue;
    channel = 'invoices.payWithCredits';
    input = { invoiceId: row.id };
  } else {
    channel = 'transactions.adjust';
    input = { clientId, direction: random() < 0.6 ? 'in' : 'out', credits: 1 + Math.floor(random() * 40), reason: key };
  }
  const result = await router.call(channel, { ...input, idempotencyKey: key }, { actor: tag });
  if (!result.ok) continue; // refused: nothing was written, nothing to report
  const value = result.value as { transaction?: { id: number }; id?: number; direction?: string };
  const entryId = value.transaction?.id ?? (channel === 'transactions.adjust' ? (value.id ?? null) : null);
  // Reported only now: the transaction has committed (synchronous=FULL: it is on disk).
  writeSync(1, `${JSON.stringify({ k: key, c: channel, t: entryId })}\n`);
}
