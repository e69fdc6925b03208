/**
 * The simple in-memory model the fast-check model test runs beside the real ledger: balances,
 * request states, invoices, seen provider payments, the F1 switch and the active rates, and
 * for each command the outcome the product promises (ok, or which error code). Conversion is
 * recomputed here with BigInt, independently of decimal.js.
 */
import type { ErrorCode } from '../../shared/result';

/** What the template database holds before any command runs (ids in creation order). */
export const PACKAGES = [
  { id: 1, currency: 'USD', price: '10.00', credits: 100, archived: false },
  { id: 2, currency: 'JPY', price: '1500', credits: 120, archived: false },
  { id: 3, currency: 'USD', price: '25.00', credits: 300, archived: true },
  // Same price and currency as package 1: only the package id tells the two payments apart.
  { id: 4, currency: 'USD', price: '10.00', credits: 50, archived: false },
] as const;
export const SERVICES = [
  { id: 1, currency: 'USD', price: '3.51' },
  { id: 2, currency: 'JPY', price: '1500' },
  { id: 3, currency: 'KWD', price: '1.001' },
] as const;
export const INITIAL_RATES: Record<string, string> = { USD: '10', JPY: '0.07' };

/** ⌈amount × rate⌉ by BigInt rational arithmetic (amounts are written with their currency's digits). */
export function creditsFor(amount: string, rate: string): number {
  const [aw, af = ''] = amount.split('.');
  const [rw, rf = ''] = rate.split('.');
  const product = BigInt(`${aw}${af}`) * BigInt(`${rw}${rf}`);
  const denominator = 10n ** BigInt(af.length + rf.length);
  return Number((product + denominator - 1n) / denominator);
}

export type Expected = { ok: true } | { ok: false; code: ErrorCode };
const OK: Expected = { ok: true };
const refuse = (code: ErrorCode): Expected => ({ ok: false, code });

export class LedgerModel {
  balances: number[] = []; // index = client id − 1
  requests: { clientId: number; credits: number; status: 'pending' | 'accepted' | 'rejected' }[] = [];
  invoices: { clientId: number; amount: string; currency: string; status: 'unpaid' | 'paid' }[] = [];
  payments = new Map<string, { clientId: number; packageId: number }>();
  enabled = true;
  rates: Record<string, string | undefined> = { ...INITIAL_RATES };

  hasClient(id: number): boolean {
    return id >= 1 && id <= this.balances.length;
  }

  private credit(clientId: number, credits: number): void {
    this.balances[clientId - 1]! += credits;
  }

  /** Debits if the balance covers it, else says INSUFFICIENT_CREDITS. */
  private debit(clientId: number, credits: number): Expected {
    if (this.balances[clientId - 1]! < credits) return refuse('INSUFFICIENT_CREDITS');
    this.balances[clientId - 1]! -= credits;
    return OK;
  }

  createClient(): Expected {
    this.balances.push(0);
    return OK;
  }

  recordPurchase(clientId: number, packageId: number, provider: string, paymentId: string): Expected {
    const key = `${provider}:${paymentId}`;
    const seen = this.payments.get(key);
    if (seen !== undefined) {
      return seen.clientId === clientId && seen.packageId === packageId ? OK : refuse('CONFLICT');
    }
    if (!this.hasClient(clientId)) return refuse('NOT_FOUND');
    this.payments.set(key, { clientId, packageId });
    this.credit(clientId, PACKAGES[packageId - 1]!.credits);
    return OK;
  }

  submitRequest(clientId: number, packageId: number): Expected {
    if (!this.enabled) return refuse('CREDIT_PAYMENTS_DISABLED');
    if (!this.hasClient(clientId)) return refuse('NOT_FOUND');
    const pkg = PACKAGES[packageId - 1]!;
    if (pkg.archived) return refuse('PACKAGE_ARCHIVED');
    this.requests.push({ clientId, credits: pkg.credits, status: 'pending' });
    return OK;
  }

  decide(requestId: number, accept: boolean): Expected {
    const request = this.requests[requestId - 1];
    if (request === undefined) return refuse('NOT_FOUND');
    if (request.status !== 'pending') return refuse('REQUEST_NOT_PENDING');
    request.status = accept ? 'accepted' : 'rejected';
    if (accept) this.credit(request.clientId, request.credits);
    return OK;
  }

  buyService(clientId: number, serviceId: number): Expected {
    if (!this.enabled) return refuse('CREDIT_PAYMENTS_DISABLED');
    if (!this.hasClient(clientId)) return refuse('NOT_FOUND');
    const service = SERVICES[serviceId - 1]!;
    const rate = this.rates[service.currency];
    if (rate === undefined) return refuse('NO_ACTIVE_RATE');
    return this.debit(clientId, creditsFor(service.price, rate));
  }

  createInvoice(clientId: number, amount: string, currency: string): Expected {
    if (!this.hasClient(clientId)) return refuse('NOT_FOUND');
    this.invoices.push({ clientId, amount, currency, status: 'unpaid' });
    return OK;
  }

  payInvoice(invoiceId: number): Expected {
    if (!this.enabled) return refuse('CREDIT_PAYMENTS_DISABLED');
    const invoice = this.invoices[invoiceId - 1];
    if (invoice === undefined) return refuse('NOT_FOUND');
    if (invoice.status !== 'unpaid') return refuse('INVOICE_NOT_PAYABLE');
    const rate = this.rates[invoice.currency];
    if (rate === undefined) return refuse('NO_ACTIVE_RATE');
    const outcome = this.debit(invoice.clientId, creditsFor(invoice.amount, rate));
    if (outcome.ok) invoice.status = 'paid';
    return outcome;
  }

  adjust(clientId: number, direction: 'in' | 'out', credits: number): Expected {
    if (!this.hasClient(clientId)) return refuse('NOT_FOUND');
    if (direction === 'out') return this.debit(clientId, credits);
    this.credit(clientId, credits);
    return OK;
  }

  setSwitch(on: boolean): Expected {
    this.enabled = on;
    return OK;
  }

  setRate(currency: string, rate: string): Expected {
    this.rates[currency] = rate;
    return OK;
  }

  deactivateRate(currency: string): Expected {
    if (this.rates[currency] === undefined) return refuse('NOT_FOUND');
    this.rates[currency] = undefined;
    return OK;
  }
}
