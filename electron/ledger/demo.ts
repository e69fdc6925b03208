/**
 * Realistic demo data for trying the app and the CLI: a dozen clients across USD, EUR and
 * GBP, packages (one archived), rates with history, requests in all three states,
 * purchases, spends, paid and unpaid invoices and a few hundred ledger entries spread over
 * the last six months. Everything goes through the router, so the demo obeys every rule.
 * Deterministic: a seeded generator, time advanced by an injected clock.
 */
import type { AsyncDb } from '../db/async-db';
import { asyncDbOf } from '../db/async-db.sqlite';
import { Db } from '../db/database';
import { createRouter } from '../ipc/router';

/** Counts of what the demo created. */
export interface DemoSummary {
  clients: number;
  packages: number;
  services: number;
  entries: number;
  requests: { pending: number; accepted: number; rejected: number };
  invoices: { paid: number; unpaid: number };
}

const CLIENTS: [string, string, string, 'USD' | 'EUR' | 'GBP'][] = [
  ['Amelia Hart', 'amelia@northwind.example', 'Northwind Studio', 'USD'],
  ['Bruno Costa', 'bruno@lisbonlabs.example', 'Lisbon Labs', 'EUR'],
  ['Chloé Lefèvre', 'chloe@atelier-lumiere.example', 'Atelier Lumière', 'EUR'],
  ['Daniel Okafor', 'daniel@greenleaf.example', 'Greenleaf Foods', 'GBP'],
  ['Emma Schmidt', 'emma@bergmann.example', 'Bergmann & Söhne', 'EUR'],
  ['Farah Haddad', 'farah@cedarline.example', 'Cedarline Travel', 'USD'],
  ['George Whitfield', 'george@whitfield.example', 'Whitfield Legal', 'GBP'],
  ['Hana Sato', 'hana@kumo.example', 'Kumo Apps', 'USD'],
  ['Isabel Ruiz', 'isabel@solynube.example', 'Sol y Nube', 'EUR'],
  ['Jack Thompson', 'jack@thompsonbikes.example', 'Thompson Bikes', 'GBP'],
  ['Kofi Mensah', 'kofi@adinkra.example', 'Adinkra Media', 'USD'],
  ['Léa Martin', 'lea@petitpois.example', 'Petit Pois Bistro', 'EUR'],
];

/** mulberry32: small, seeded, good enough to make demo data look varied. */
function seeded(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class DemoRefused extends Error {}

type Table = 'clients' | 'ledger_entries' | 'credit_requests' | 'invoices';

/** Rows of `table` (with `status` when given), through the async interface: the same on both engines. */
async function countRows(db: AsyncDb, table: Table, status?: string): Promise<number> {
  const row = await db.read((q) => {
    let query = q.k.selectFrom(table).select((eb) => eb.fn.countAll<number | string>().as('n'));
    if (status !== undefined) query = query.where('status' as never, '=', status as never);
    return q.get(query);
  });
  // PostgreSQL's count is a bigint; the pool reads it as a number, but be exact either way.
  return Number(row?.n ?? 0);
}

/** Fills an empty ledger on either engine (a SQLite `Db` is wrapped in its async handle). */
export async function fillDemo(given: AsyncDb | Db, actor: string, now: Date = new Date()): Promise<DemoSummary> {
  const db = given instanceof Db ? asyncDbOf(given) : given;
  if ((await countRows(db, 'clients')) > 0)
    throw new DemoRefused('The demo data goes only into an empty database; this one already has clients.');
  const random = seeded(20261126);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  let time = now.getTime() - 180 * 24 * 3600 * 1000;
  const router = createRouter({ db, clock: () => new Date(time) });
  const staff = [actor, 'maria.finance', 'tom.accounts'];
  const call = async <T>(channel: string, input: unknown, by = actor): Promise<T> => {
    const result = await router.call(channel, input, { actor: by });
    if (!result.ok) throw new Error(`demo: ${channel} refused: ${result.error.message}`);
    return result.value as T;
  };
  const advance = (hours: number) => {
    time += Math.floor(hours * 3600 * 1000 * (0.5 + random()));
  };

  await call('settings.update', { agencyName: 'Brightline Creative Agency', timeZone: 'Europe/London' });
  await call('rates.set', { currency: 'USD', creditsPerUnit: '10' });
  await call('rates.set', { currency: 'EUR', creditsPerUnit: '9' });
  await call('rates.set', { currency: 'GBP', creditsPerUnit: '12' });
  await call('rates.set', { currency: 'JPY', creditsPerUnit: '0.07' });

  type Pkg = { id: number; currency: string; price: string; credits: number };
  const packages: Pkg[] = [
    await call<Pkg>('packages.create', { name: 'Starter 100', credits: 100, currency: 'USD', price: '10.00' }),
    await call<Pkg>('packages.create', { name: 'Growth 550', credits: 550, currency: 'USD', price: '50.00' }),
    await call<Pkg>('packages.create', { name: 'Studio 1200', credits: 1200, currency: 'USD', price: '99.00' }),
    await call<Pkg>('packages.create', { name: 'Starter 90 (EUR)', credits: 90, currency: 'EUR', price: '10.00' }),
    await call<Pkg>('packages.create', { name: 'Growth 500 (EUR)', credits: 500, currency: 'EUR', price: '52.50' }),
    await call<Pkg>('packages.create', { name: 'Starter 120 (GBP)', credits: 120, currency: 'GBP', price: '10.00' }),
    await call<Pkg>('packages.create', { name: 'Growth 650 (GBP)', credits: 650, currency: 'GBP', price: '49.99' }),
  ];
  const legacy = await call<Pkg>('packages.create', {
    name: 'Launch offer 300 (retired)',
    credits: 300,
    currency: 'USD',
    price: '25.00',
  });

  type Svc = { id: number; currency: string };
  const services: Svc[] = [
    await call<Svc>('services.create', { name: 'Logo refresh', price: '120.00', currency: 'USD' }),
    await call<Svc>('services.create', { name: 'Social media post', price: '35.51', currency: 'USD' }),
    await call<Svc>('services.create', { name: 'SEO audit', price: '249.00', currency: 'EUR' }),
    await call<Svc>('services.create', { name: 'Copywriting (1 hour)', price: '65.00', currency: 'EUR' }),
    await call<Svc>('services.create', { name: 'Landing page', price: '480.00', currency: 'GBP' }),
    await call<Svc>('services.create', { name: 'Newsletter design', price: '89.99', currency: 'GBP' }),
  ];
  await call('services.create', {
    name: 'Print brochure (discontinued)',
    price: '300.00',
    currency: 'USD',
    active: false,
  });

  const clients: { id: number; currency: (typeof CLIENTS)[number][3] }[] = [];
  for (const [name, email, company, currency] of CLIENTS) {
    clients.push({ ...(await call<{ id: number }>('clients.create', { name, email, company })), currency });
  }
  await call('clients.create', { name: 'Walk-in customer' });

  const summary: DemoSummary = {
    clients: clients.length + 1,
    packages: packages.length + 1,
    services: services.length + 1,
    entries: 0,
    requests: { pending: 0, accepted: 0, rejected: 0 },
    invoices: { paid: 0, unpaid: 0 },
  };
  const pendingRequests: number[] = [];
  let payment = 1000;

  const tryCall = async (channel: string, input: unknown, by = actor): Promise<boolean> =>
    (await router.call(channel, input, { actor: by })).ok;

  const rounds = 30;
  // Spread the rounds evenly over the six months up to a day before `now`.
  const stepHours = (179 * 24) / (rounds * CLIENTS.length * 1.15);
  for (let round = 0; round < rounds; round++) {
    if (round === 8) await call('rates.set', { currency: 'USD', creditsPerUnit: '11' }, 'maria.finance');
    if (round === 14) await call('rates.set', { currency: 'EUR', creditsPerUnit: '9.5' }, 'maria.finance');
    if (round === 10) await call('packages.archive', { packageId: legacy.id });
    for (const client of clients) {
      advance(stepHours);
      const own = packages.filter((p) => p.currency === client.currency);
      const roll = random();
      if (round < 3 || roll < 0.3) {
        const pkg = pick(own);
        const provider = random() < 0.6 ? 'stripe' : 'paypal';
        const id = provider === 'stripe' ? `pi_demo_${payment++}` : `PAY-DEMO-${payment++}`;
        await call('purchases.record', {
          clientId: client.id,
          packageId: pkg.id,
          provider,
          providerPaymentId: id,
          amount: pkg.price,
          currency: pkg.currency,
        });
        if (round === 0 && client.id % 3 === 0) {
          await call('purchases.record', {
            clientId: client.id,
            packageId: legacy.id,
            provider: 'stripe',
            providerPaymentId: `pi_demo_${payment++}`,
            amount: legacy.price,
            currency: legacy.currency,
          });
        }
      } else if (roll < 0.45) {
        const pkg = pick(own);
        const method = random() < 0.7 ? 'bank_transfer' : 'crypto';
        const ref =
          method === 'bank_transfer'
            ? `BANK-${String(payment++).padStart(6, '0')}`
            : `0x${Math.floor(random() * 2 ** 48)
                .toString(16)
                .padStart(12, '0')}`;
        const request = await call<{ id: number }>('requests.submit', {
          clientId: client.id,
          packageId: pkg.id,
          method,
          paymentReference: ref,
        });
        pendingRequests.push(request.id);
      } else if (roll < 0.8) {
        await tryCall(
          'services.buyWithCredits',
          { clientId: client.id, serviceId: pick(services.filter((s) => s.currency === client.currency)).id },
          pick(staff),
        );
      } else if (roll < 0.93) {
        const amount = `${20 + Math.floor(random() * 180)}.${String(Math.floor(random() * 100)).padStart(2, '0')}`;
        const invoice = await call<{ id: number }>('invoices.create', {
          clientId: client.id,
          amount,
          currency: client.currency,
        });
        if (random() < 0.6) await tryCall('invoices.payWithCredits', { invoiceId: invoice.id }, pick(staff));
      } else {
        const direction = random() < 0.7 ? 'in' : 'out';
        await tryCall(
          'transactions.adjust',
          {
            clientId: client.id,
            direction,
            credits: 5 + Math.floor(random() * 40),
            reason:
              direction === 'in' ? 'Goodwill credit after a delayed delivery' : 'Correction: duplicate goodwill credit',
          },
          'maria.finance',
        );
      }
      // Staff work through the queue, but leave the newest requests pending.
      while (pendingRequests.length > 3 && round < rounds - 2) {
        const id = pendingRequests.shift() as number;
        advance(2);
        if (random() < 0.8) await call('requests.accept', { requestId: id }, pick(staff));
        else
          await call(
            'requests.reject',
            { requestId: id, reason: 'No matching payment found on the bank statement' },
            'tom.accounts',
          );
      }
    }
  }
  summary.entries = await countRows(db, 'ledger_entries');
  summary.requests.pending = await countRows(db, 'credit_requests', 'pending');
  summary.requests.accepted = await countRows(db, 'credit_requests', 'accepted');
  summary.requests.rejected = await countRows(db, 'credit_requests', 'rejected');
  summary.invoices.paid = await countRows(db, 'invoices', 'paid');
  summary.invoices.unpaid = await countRows(db, 'invoices', 'unpaid');
  return summary;
}
