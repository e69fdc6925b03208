/**
 * Another process calling the router on the same PostgreSQL ledger, for
 * tests/pg/process-concurrency.test.ts.
 *
 *   node router-caller.mjs URL TAG PLAN_JSON
 *
 * PLAN_JSON is a list of {channel, input}. The process opens the ledger, prints "ready",
 * waits for a line on stdin (so a test releases all its processes together however slowly
 * they started), then makes every call of the plan at once (its pool runs several side by
 * side) and prints one line: {"results": [Result, …]} in plan order. A call that throws
 * instead of answering a Result is printed as {"thrown": "…"} so the test sees it.
 */
import { readSync, writeSync } from 'node:fs';
import { openAsyncLedger } from '../../../electron/db/async-db.open';
import { createRouter } from '../../../electron/ipc/router';

const [url, tag, planJson] = process.argv.slice(2);
if (url === undefined || tag === undefined || planJson === undefined) throw new Error('usage: URL TAG PLAN_JSON');
const plan = JSON.parse(planJson) as { channel: string; input: unknown }[];

const db = await openAsyncLedger(url);
const router = createRouter({ db });
writeSync(1, 'ready\n');
const byte = Buffer.alloc(1);
for (;;) {
  try {
    if (readSync(0, byte, 0, 1, null) === 0 || byte[0] === 0x0a) break;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') throw error;
  }
}
const results = await Promise.all(
  plan.map(({ channel, input }) =>
    router.call(channel, input, { actor: tag }).catch((error: unknown) => ({ thrown: String(error) })),
  ),
);
writeSync(1, `${JSON.stringify({ results })}\n`);
await db.close();
