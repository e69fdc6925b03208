/**
 * Another process writing to the same ledger through the async interface, on either engine.
 *
 *   node writer.mjs LOCATION credit CLIENT PACKAGE PAYMENT_ID   credits the payment once; prints {"credited":bool}
 *   node writer.mjs LOCATION debit CLIENT COUNT CREDITS         COUNT concurrent debits; prints {"ok":n,"refused":m}
 *
 * Each prints "ready" once its ledger is open and waits for a line on stdin, so a test can
 * release all its processes together however slowly they started.
 */
import { readSync, writeSync } from 'node:fs';
import { openAsyncLedger } from '../../../electron/db/async-db.open';
import { creditOnce, debit, Insufficient } from '../support';

const [location, mode, a, b, c] = process.argv.slice(2);
if (location === undefined || mode === undefined) throw new Error('usage: LOCATION MODE …');

const db = await openAsyncLedger(location);
writeSync(1, 'ready\n');
const byte = Buffer.alloc(1);
for (;;) {
  try {
    if (readSync(0, byte, 0, 1, null) === 0 || byte[0] === 0x0a) break;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') throw error;
  }
}

if (mode === 'credit') {
  const credited = await creditOnce(db, Number(a), Number(b), c!);
  writeSync(1, `${JSON.stringify({ credited })}\n`);
} else if (mode === 'debit') {
  const results = await Promise.allSettled(
    Array.from({ length: Number(b) }, () => debit(db, Number(a), Number(c), `pid${process.pid}`)),
  );
  const unexpected = results.find((r) => r.status === 'rejected' && !(r.reason instanceof Insufficient));
  if (unexpected !== undefined) throw (unexpected as PromiseRejectedResult).reason;
  const ok = results.filter((r) => r.status === 'fulfilled').length;
  writeSync(1, `${JSON.stringify({ ok, refused: results.length - ok })}\n`);
}
await db.close();
