/**
 * Small builders for the records most tests need. Each goes through the router like a real
 * caller, so fixtures obey every rule the tests check.
 */
import type { CreditPackage, Service } from '../../shared/dto';
import type { TestLedger } from './ledger';

/** Anything with the harness's `ok` (the SQLite-only TestLedger or an EngineLedger of either engine). */
type Caller = Pick<TestLedger, 'ok'>;

let paymentSeq = 0;

/** A unique provider payment id, so fixtures never collide on UNIQUE(provider, id). */
export function paymentId(prefix = 'pi_test'): string {
  paymentSeq += 1;
  return `${prefix}_${paymentSeq}`;
}

export async function newClient(l: Caller, name = 'Northwind Studio'): Promise<number> {
  return (await l.ok('clients.create', { name })).id;
}

export function newPackage(
  l: Caller,
  fields: Partial<{ name: string; credits: number; currency: string; price: string }> = {},
): Promise<CreditPackage> {
  return l.ok('packages.create', {
    name: fields.name ?? 'Starter 100',
    credits: fields.credits ?? 100,
    currency: fields.currency ?? 'USD',
    price: fields.price ?? '10.00',
  });
}

export function newService(l: Caller, price = '3.51', currency = 'USD', name = 'Logo refresh'): Promise<Service> {
  return l.ok('services.create', { name, price, currency });
}

/** Credits a client by recording a Stripe payment for `pkg` (F5); returns the new balance. */
export async function buyPackage(l: Caller, clientId: number, pkg: CreditPackage): Promise<number> {
  return (
    await l.ok('purchases.record', {
      clientId,
      packageId: pkg.id,
      provider: 'stripe',
      providerPaymentId: paymentId(),
      amount: pkg.price,
      currency: pkg.currency,
    })
  ).transaction.balanceAfter;
}

export async function balanceOf(l: Caller, clientId: number): Promise<number> {
  return (await l.ok('clients.get', { clientId })).balance;
}

/**
 * The usual starting point: USD at 10 credits per unit, one client holding `credits`
 * (given by an adjustment), a $10 / 100-credit package and a $3.51 service (36 credits).
 */
export async function fundedClient(l: Caller, credits = 100) {
  await l.ok('rates.set', { currency: 'USD', creditsPerUnit: '10' });
  const clientId = await newClient(l);
  if (credits > 0) await l.ok('transactions.adjust', { clientId, direction: 'in', credits, reason: 'Opening balance' });
  const pkg = await newPackage(l);
  const service = await newService(l);
  return { clientId, pkg, service };
}
