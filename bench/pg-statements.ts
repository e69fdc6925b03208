/**
 * What each side sends, statement by statement: one call of each posting through the router
 * and through the raw side, on their own single-connection pools, with every query's text
 * recorded. The report lists both sequences and where they differ, so "the same SQL" is
 * checked in every run rather than asserted in a comment.
 */
import pg from 'pg';
import { openPostgresLedger } from '../electron/db/pg/open';
import { createRouter } from '../electron/ipc/router';
import type { Fixture } from './fixture';
import { openRawPool, rawPgPostings } from './pg-raw';

type Query = (config: unknown, ...rest: unknown[]) => unknown;

/** Records the text of every query sent through `pool` (pooled clients and pool.query alike). */
function record(pool: pg.Pool, into: string[]): void {
  const text = (config: unknown) =>
    typeof config === 'string' ? config : String((config as { text?: string }).text ?? '');
  const patch = (target: { query: Query }) => {
    const original = target.query.bind(target);
    target.query = (config, ...rest) => {
      into.push(text(config).replace(/\s+/g, ' ').trim());
      return original(config, ...rest);
    };
  };
  patch(pool as unknown as { query: Query });
  const connect = pool.connect.bind(pool) as () => Promise<pg.PoolClient>;
  const patched = new WeakSet<object>();
  (pool as unknown as { connect: () => Promise<pg.PoolClient> }).connect = async () => {
    const client = await connect();
    if (!patched.has(client)) {
      patched.add(client);
      patch(client as unknown as { query: Query });
    }
    return client;
  };
}

/** Statements only in `a` (by text, counting repeats). */
function minus(a: string[], b: string[]): string[] {
  const left = [...b];
  return a.filter((s) => {
    const i = left.indexOf(s);
    if (i === -1) return true;
    left.splice(i, 1);
    return false;
  });
}

export async function compareStatements(url: string, fixture: Fixture) {
  const appLog: string[] = [];
  const rawLog: string[] = [];
  const db = await openPostgresLedger(url, { pool: { max: 1, applicationName: 'credit-desk bench trace' } });
  const rawPool = openRawPool(url, 1);
  record(db.pool, appLog);
  record(rawPool, rawLog);
  const router = createRouter({ db });
  const raw = rawPgPostings(rawPool, 'bench');
  const stamp = Date.now();
  const client = 2;
  const setup = new pg.Client({ connectionString: url });
  await setup.connect();
  const out: Record<string, { app: string[]; raw: string[]; onlyApp: string[]; onlyRaw: string[] }> = {};
  try {
    const { rows } = await setup.query<{ id: string }>(
      `INSERT INTO credit_requests (client_id, package_id, package_name, method, amount_minor, currency, credits,
         payment_reference, note, status, rejection_reason, submitted_at, submitted_by, decided_at, decided_by)
       SELECT $1, $2, 'Growth 1000', 'bank_transfer', 10000, 'USD', 1000, 'BANK-trace', NULL, 'pending', NULL, $3, 'bench', NULL, NULL
       FROM generate_series(1, 2) RETURNING id`,
      [client, fixture.packageId, new Date().toISOString()],
    );
    const [appRequest, rawRequest] = rows.map((r) => Number(r.id));
    const ops: [string, () => Promise<unknown>, () => Promise<unknown>][] = [
      [
        'purchase',
        () =>
          router.call(
            'purchases.record',
            {
              clientId: client,
              packageId: fixture.packageId,
              provider: 'stripe',
              providerPaymentId: `pi_trace_app_${stamp}`,
              amount: '100.00',
              currency: 'USD',
            },
            { actor: 'bench' },
          ),
        () => raw.purchase(client, fixture.packageId, `pi_trace_raw_${stamp}`),
      ],
      [
        'accept',
        () => router.call('requests.accept', { requestId: appRequest }, { actor: 'bench' }),
        () => raw.accept(rawRequest!),
      ],
      [
        'spend',
        () =>
          router.call(
            'services.buyWithCredits',
            { clientId: client, serviceId: fixture.serviceId },
            { actor: 'bench' },
          ),
        () => raw.spend(client, fixture.serviceId),
      ],
    ];
    for (const [name, app, rawOp] of ops) {
      appLog.length = 0;
      rawLog.length = 0;
      const result = (await app()) as { ok: boolean };
      if (!result.ok) throw new Error(`statement trace: ${name} refused: ${JSON.stringify(result)}`);
      await rawOp();
      out[name] = {
        app: [...appLog],
        raw: [...rawLog],
        onlyApp: minus(appLog, rawLog),
        onlyRaw: minus(rawLog, appLog),
      };
    }
  } finally {
    await setup.end();
    await db.close();
    await rawPool.end();
  }
  return out;
}
