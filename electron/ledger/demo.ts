/**
 * Realistic demo data for trying the app and the CLI: a dozen clients across USD, EUR and
 * GBP, packages (one archived), rates with history, requests in all three states,
 * purchases, spends, paid and unpaid invoices and a few hundred ledger entries spread over
 * the last six months. Everything goes through the router, so the demo obeys every rule.
 * Deterministic: a seeded generator, time advanced by an injected clock.
 */
import type { Db } from '../db/database';
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

export function fillDemo(db: Db, actor: string, now: Date = new Date()): DemoSummary {
  const existing = db.sqlite.prepare('SELECT count(*) AS n FROM clients').get() as { n: number };
  if (existing.n > 0)
    throw new DemoRefused('The demo data goes only into an empty database; this one already has clients.');
  const random = seeded(20261126);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  let time = now.getTime() - 180 * 24 * 3600 * 1000;
  const router = createRouter({ db, clock: () => new Date(time) });
  const staff = [actor, 'maria.finance', 'tom.accounts'];
  const call = <T>(channel: string, input: unknown, by = actor): T => {
    const result = router.callSync(channel, input, { actor: by });
    if (!result.ok) throw new Error(`demo: ${channel} refused: ${result.error.message}`);
    return result.value as T;
  };
  const advance = (hours: number) => {
    time += Math.floor(hours * 3600 * 1000 * (0.5 + random()));
  };

  call('settings.update', { agencyName: 'Brightline Creative Agency', timeZone: 'Europe/London' });
  call('rates.set', { currency: 'USD', creditsPerUnit: '10' });
  call('rates.set', { currency: 'EUR', creditsPerUnit: '9' });
  call('rates.set', { currency: 'GBP', creditsPerUnit: '12' });
  call('rates.set', { currency: 'JPY', creditsPerUnit: '0.07' });

  type Pkg = { id: number; currency: string; price: string; credits: number };
  const packages: Pkg[] = [
    call<Pkg>('packages.create', { name: 'Starter 100', credits: 100, currency: 'USD', price: '10.00' }),
    call<Pkg>('packages.create', { name: 'Growth 550', credits: 550, currency: 'USD', price: '50.00' }),
    call<Pkg>('packages.create', { name: 'Studio 1200', credits: 1200, currency: 'USD', price: '99.00' }),
    call<Pkg>('packages.create', { name: 'Starter 90 (EUR)', credits: 90, currency: 'EUR', price: '10.00' }),
    call<Pkg>('packages.create', { name: 'Growth 500 (EUR)', credits: 500, currency: 'EUR', price: '52.50' }),
    call<Pkg>('packages.create', { name: 'Starter 120 (GBP)', credits: 120, currency: 'GBP', price: '10.00' }),
    call<Pkg>('packages.create', { name: 'Growth 650 (GBP)', credits: 650, currency: 'GBP', price: '49.99' }),
  ];
  const legacy = call<Pkg>('packages.create', {
    name: 'Launch offer 300 (retired)',
    credits: 300,
    currency: 'USD',
    price: '25.00',
  });

  type Svc = { id: number; currency: string };
  const services: Svc[] = [
    call<Svc>('services.create', { name: 'Logo refresh', price: '120.00', currency: 'USD' }),
    call<Svc>('services.create', { name: 'Social media post', price: '35.51', currency: 'USD' }),
    call<Svc>('services.create', { name: 'SEO audit', price: '249.00', currency: 'EUR' }),
    call<Svc>('services.create', { name: 'Copywriting (1 hour)', price: '65.00', currency: 'EUR' }),
    call<Svc>('services.create', { name: 'Landing page', price: '480.00', currency: 'GBP' }),
    call<Svc>('services.create', { name: 'Newsletter design', price: '89.99', currency: 'GBP' }),
  ];
  call('services.create', { name: 'Print brochure (discontinued)', price: '300.00', currency: 'USD', active: false });

  const clients = CLIENTS.map(([name, email, company, currency]) => ({
    ...call<{ id: number }>('clients.create', { name, email, company }),
    currency,
  }));
  call('clients.create', { name: 'Walk-in customer' });

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

  const tryCall = (channel: string, input: unknown, by = actor): boolean =>
    router.callSync(channel, input, { actor: by }).ok;

  const rounds = 30;
  // Spread the rounds evenly over the six months up to a day before `now`.
  const stepHours = (179 * 24) / (rounds * CLIENTS.length * 1.15);
  for (let round = 0; round < rounds; round++) {
    if (round === 8) call('rates.set', { currency: 'USD', creditsPerUnit: '11' }, 'maria.finance');
    if (round === 14) call('rates.set', { currency: 'EUR', creditsPerUnit: '9.5' }, 'maria.finance');
    if (round === 10) call('packages.archive', { packageId: legacy.id });
    for (const client of clients) {
      advance(stepHours);
      const own = packages.filter((p) => p.currency === client.currency);
      const roll = random();
      if (round < 3 || roll < 0.3) {
        const pkg = pick(own);
        const provider = random() < 0.6 ? 'stripe' : 'paypal';
        const id = provider === 'stripe' ? `pi_demo_${payment++}` : `PAY-DEMO-${payment++}`;
        call('purchases.record', {
          clientId: client.id,
          packageId: pkg.id,
          provider,
          providerPaymentId: id,
          amount: pkg.price,
          currency: pkg.currency,
        });
        if (round === 0 && client.id % 3 === 0) {
          call('purchases.record', {
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
        const request = call<{ id: number }>('requests.submit', {
          clientId: client.id,
          packageId: pkg.id,
          method,
          paymentReference: ref,
        });
        pendingRequests.push(request.id);
      } else if (roll < 0.8) {
        tryCall(
          'services.buyWithCredits',
          { clientId: client.id, serviceId: pick(services.filter((s) => s.currency === client.currency)).id },
          pick(staff),
        );
      } else if (roll < 0.93) {
        const amount = `${20 + Math.floor(random() * 180)}.${String(Math.floor(random() * 100)).padStart(2, '0')}`;
        const invoice = call<{ id: number }>('invoices.create', {
          clientId: client.id,
          amount,
          currency: client.currency,
        });
        if (random() < 0.6) tryCall('invoices.payWithCredits', { invoiceId: invoice.id }, pick(staff));
      } else {
        const direction = random() < 0.7 ? 'in' : 'out';
        tryCall(
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
        if (random() < 0.8) call('requests.accept', { requestId: id }, pick(staff));
        else
          call(
            'requests.reject',
            { requestId: id, reason: 'No matching payment found on the bank statement' },
            'tom.accounts',
          );
      }
    }
  }
  const count = (sqlText: string) => (db.sqlite.prepare(sqlText).get() as { n: number }).n;
  summary.entries = count('SELECT count(*) AS n FROM ledger_entries');
  summary.requests.pending = count("SELECT count(*) AS n FROM credit_requests WHERE status = 'pending'");
  summary.requests.accepted = count("SELECT count(*) AS n FROM credit_requests WHERE status = 'accepted'");
  summary.requests.rejected = count("SELECT count(*) AS n FROM credit_requests WHERE status = 'rejected'");
  summary.invoices.paid = count("SELECT count(*) AS n FROM invoices WHERE status = 'paid'");
  summary.invoices.unpaid = count("SELECT count(*) AS n FROM invoices WHERE status = 'unpaid'");
  return summary;
}
