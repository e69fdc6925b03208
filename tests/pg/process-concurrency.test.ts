/**
 * Several PROCESSES on one PostgreSQL ledger through the router (issue 12 item 3), the
 * PostgreSQL counterpart of tests/reliability/concurrency.test.ts: each child opens its own
 * pool on the URL, waits at a stdin barrier until every child is ready, then all fire at once.
 *
 * - the same credit request accepted from 8 processes at once is credited once (7 answers are
 *   REQUEST_NOT_PENDING), and the same provider payment recorded by 8 processes is credited
 *   once (every process hears "recorded", as a sequential replay would);
 * - 30 spends from 5 processes against a balance that covers 10 succeed exactly 10 times;
 * - a mixed load on a few clients from 8 processes: every answer is ok or a contract refusal,
 *   never a deadlock, a serialization failure or INTERNAL; the ledger verifies after each test.
 *
 * One cluster for the file; a fresh migrated database per test.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Result } from '../../shared/result';
import { openAsyncLedger } from '../../electron/db/async-db.open';
import type { AsyncDb } from '../../electron/db/async-db';
import { createRouter, type Router } from '../../electron/ipc/router';
import { exited, release, ROOT, seed, startChild, type Fixtures } from '../reliability/helpers';
import { describeWithPostgres } from '../support/pg-cluster';
import { freshLedgerUrl } from './support';

let caller = '';
beforeAll(async () => {
  caller = join(ROOT, '.tmp', 'children', `pg-router-caller-${process.pid}.mjs`);
  await build({
    entryPoints: [join(ROOT, 'tests/pg/children/router-caller.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node24',
    outfile: caller,
    external: ['better-sqlite3', 'pg'],
    logLevel: 'warning',
  });
});
afterAll(() => rmSync(caller, { force: true }));

type Plan = { channel: string; input: unknown }[];
type Answer = Result<unknown> | { thrown: string };

/** Starts one process per plan, releases them together once all are ready, returns every answer. */
async function inProcesses(url: string, plans: Plan[]): Promise<Answer[][]> {
  const children = plans.map((plan, i) => {
    let ready!: () => void;
    const isReady = new Promise<void>((done) => (ready = done));
    const lines: string[] = [];
    const child = startChild(caller, [url, `proc${i}`, JSON.stringify(plan)], (line) =>
      line === 'ready' ? ready() : lines.push(line),
    );
    return { child, isReady, lines };
  });
  await Promise.all(children.map((c) => c.isReady));
  for (const c of children) release(c.child);
  const exits = await Promise.all(children.map((c) => exited(c.child)));
  return children.map((c, i) => {
    expect(exits[i]!.code, (c.child as unknown as { stderrText: () => string }).stderrText()).toBe(0);
    return (JSON.parse(c.lines.at(-1)!) as { results: Answer[] }).results;
  });
}

/** "ok" or the error code (or "thrown"), for counting. */
const outcome = (a: Answer): string => ('thrown' in a ? `thrown: ${a.thrown}` : a.ok ? 'ok' : a.error.code);

async function must<T>(router: Router, channel: string, input: unknown): Promise<T> {
  const r = await router.call(channel, input, { actor: 'test' });
  if (!r.ok) throw new Error(`${channel} refused: ${JSON.stringify(r.error)}`);
  return r.value as T;
}

describeWithPostgres('several processes on one PostgreSQL ledger', (cluster) => {
  let db: AsyncDb | undefined;
  let router: Router;
  let url: string;
  let fx: Fixtures;
  const open = async () => {
    url = await freshLedgerUrl(cluster());
    db = await openAsyncLedger(url);
    router = createRouter({ db });
    fx = await seed(router, 3);
  };
  const balance = async (clientId: number) =>
    (await must<{ balance: number }>(router, 'clients.get', { clientId })).balance;
  const verified = async () =>
    expect(await must(router, 'ledger.verify', {})).toMatchObject({ ok: true, problems: [] });
  afterAll(async () => db?.close());

  it('the same request accepted, and the same payment recorded, by 8 processes at once: each credited once', async () => {
    await open();
    const [first, second] = fx.clients as [number, number];
    const request = await must<{ id: number }>(router, 'requests.submit', {
      clientId: first,
      packageId: fx.packageId,
      method: 'bank_transfer',
      paymentReference: 'r1',
    });
    const payment = {
      clientId: second,
      packageId: fx.packageId,
      provider: 'stripe',
      providerPaymentId: 'pi_same_everywhere',
      amount: '9.99',
      currency: 'USD',
    };
    const before = [await balance(first), await balance(second)];
    // One start of 8 processes serves both races: process starts are the slow part on 2 cores.
    const answers = await inProcesses(
      url,
      Array.from({ length: 8 }, () => [
        { channel: 'requests.accept', input: { requestId: request.id } },
        { channel: 'purchases.record', input: payment },
      ]),
    );
    const accepts = answers.map((a) => a[0]!);
    expect(accepts.map(outcome).sort()).toEqual(['ok', ...Array<string>(7).fill('REQUEST_NOT_PENDING')].sort());
    expect(await balance(first)).toBe(before[0]! + 100);
    const entries = await db!.all(db!.k.selectFrom('ledger_entries').select('id').where('request_id', '=', request.id));
    expect(entries).toHaveLength(1);
    // Every process hears "recorded" (a replay answers with the stored purchase); one credit.
    const records = answers.map((a) => a[1]!);
    expect(records.map(outcome)).toEqual(Array<string>(8).fill('ok'));
    const purchases = records.map((a) => JSON.stringify((a as { value: { purchase: unknown } }).value.purchase));
    expect(new Set(purchases).size).toBe(1);
    expect(await balance(second)).toBe(before[1]! + 100);
    await verified();
  }, 120_000);

  it('30 spends from 5 processes against a balance covering 10: exactly 10 succeed', async () => {
    const { id: clientId } = await must<{ id: number }>(router, 'clients.create', { name: 'Ten spends' });
    const service = await must<{ id: number }>(router, 'services.create', {
      name: 'Thirteen',
      price: '1.30', // 13 credits at 10 per USD
      currency: 'USD',
    });
    await must(router, 'transactions.adjust', { clientId, direction: 'in', credits: 130, reason: 'covers ten' });
    const spend = { channel: 'services.buyWithCredits', input: { clientId, serviceId: service.id } };
    const answers = (
      await inProcesses(
        url,
        Array.from({ length: 5 }, () => Array<typeof spend>(6).fill(spend)),
      )
    ).flat();
    const outcomes = answers.map(outcome);
    expect(outcomes.filter((o) => o === 'ok')).toHaveLength(10);
    expect(outcomes.filter((o) => o !== 'ok')).toEqual(Array<string>(20).fill('INSUFFICIENT_CREDITS'));
    expect(await balance(clientId)).toBe(0);
    await verified();
  }, 120_000);

  it('a mixed load from 8 processes: only ok or contract refusals, never a deadlock; balances add up', async () => {
    const [a, b, c] = fx.clients as [number, number, number];
    const before = { [a]: await balance(a), [b]: await balance(b), [c]: await balance(c) };
    // Each process touches the three clients in its own order, with credits in and out, spends,
    // and payments some other process records too.
    const plans: Plan[] = Array.from({ length: 8 }, (_, p) => {
      const order = p % 2 === 0 ? [a, b, c] : [c, b, a];
      return order.flatMap((clientId, k) => [
        { channel: 'transactions.adjust', input: { clientId, direction: 'in', credits: 20, reason: `p${p}-${k}` } },
        { channel: 'services.buyWithCredits', input: { clientId, serviceId: fx.serviceId } },
        {
          channel: 'purchases.record',
          input: {
            clientId,
            packageId: fx.packageId,
            provider: 'paypal',
            providerPaymentId: `shared-${clientId}-${p % 4}`,
            amount: '9.99',
            currency: 'USD',
          },
        },
        { channel: 'transactions.adjust', input: { clientId, direction: 'out', credits: 5, reason: `p${p}-${k}` } },
      ]);
    });
    const answers = (await inProcesses(url, plans)).flat();
    const calls = plans.flat();
    const unexpected = answers.map(outcome).filter((o) => o !== 'ok' && o !== 'INSUFFICIENT_CREDITS');
    expect(unexpected).toEqual([]);
    // What the answers say was posted, summed per client: the stored balances must agree, and
    // each shared payment is credited once however many processes recorded it.
    const expected = { ...before };
    const payments = new Set<string>();
    answers.forEach((answer, i) => {
      if (outcome(answer) !== 'ok') return;
      const { channel, input } = calls[i]! as { channel: string; input: Record<string, unknown> };
      const clientId = input.clientId as number;
      if (channel === 'transactions.adjust')
        expected[clientId]! += (input.direction === 'in' ? 1 : -1) * (input.credits as number);
      else if (channel === 'services.buyWithCredits')
        expected[clientId]! -= (answer as { value: { transaction: { credits: number } } }).value.transaction.credits;
      else if (!payments.has(input.providerPaymentId as string)) {
        payments.add(input.providerPaymentId as string);
        expected[clientId]! += 100;
      }
    });
    expect(payments.size).toBe(12);
    for (const clientId of [a, b, c]) expect(await balance(clientId)).toBe(expected[clientId]);
    await verified();
  }, 120_000);
});
