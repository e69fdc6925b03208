/**
 * The API contract: channel name → input schema (zod, validated at runtime in every door) →
 * output type. The handler map in electron/ipc is typed from this, so a missing or misspelt
 * handler is a compile error; the preload and the HTTP client are generated from CHANNELS.
 * Every input object is strict: unknown fields are refused.
 */
import { z } from 'zod';
import { isCurrencyCode } from './currencies';
import { MAX_CREDITS, parseAmount, parseRate } from './money';
import type { ExportFile, ExportProgressReport, Statement } from './statements';
import { isCalendarDate, isInstant, isTimeZone } from './time';
import {
  ENTRY_TYPES,
  type Client,
  type CreditPackage,
  type CreditRequest,
  type Invoice,
  type LedgerEntry,
  type Order,
  type Page,
  type Purchase,
  type Quote,
  type Rate,
  type Service,
  type Settings,
  type VerifyReport,
  type Overview,
  type AuditRecord,
} from './dto';
import { syncContract, type SyncOutputs } from './contract.sync';
import { backupContract, type BackupOutputs } from './contract.backup';

// ---------- field schemas (messages are for finance staff) ----------

const id = z
  .number({ error: 'must be a record id (a whole number)' })
  .int({ error: 'must be a record id (a whole number)' })
  .positive({ error: 'must be a record id (a whole number above 0)' })
  .max(Number.MAX_SAFE_INTEGER, { error: 'is not a known record id' });

const text = (max: number) =>
  z
    .string({ error: 'must be text' })
    .trim()
    .min(1, { error: 'is required' })
    .max(max, { error: `must be at most ${max} characters` });

const optionalText = (max: number) =>
  z
    .string({ error: 'must be text' })
    .trim()
    .max(max, { error: `must be at most ${max} characters` })
    .transform((v) => (v === '' ? null : v))
    .nullable();

const email = z
  .string({ error: 'must be text' })
  .trim()
  .max(320, { error: 'must be at most 320 characters' })
  .refine((v) => v === '' || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v), { error: 'is not an email address' })
  .transform((v) => (v === '' ? null : v))
  .nullable();

const currency = z
  .string({ error: 'must be a currency code' })
  .refine(isCurrencyCode, { error: 'must be an upper-case ISO 4217 currency code such as USD, EUR or GBP' });

/** A plain decimal string; its digits are checked against the currency where the currency is known. */
const amount = z
  .string({ error: 'must be an amount written as text, for example "3.51"' })
  .max(40, { error: 'is too long' })
  .regex(/^\d+(\.\d+)?$/, {
    error: 'must be digits with an optional decimal point, for example 3.51 (no sign, exponent or separators)',
  });

const credits = z
  .number({ error: 'must be a whole number of credits' })
  .int({ error: 'must be a whole number of credits' })
  .positive({ error: 'must be more than 0 credits' })
  .max(MAX_CREDITS, { error: 'is larger than Credit Desk accepts' });

const rate = z
  .string({ error: 'must be a decimal number written as text, for example "10" or "0.07"' })
  .max(40, { error: 'is too long' })
  .superRefine((v, ctx) => {
    const parsed = parseRate(v);
    if (!parsed.ok) ctx.addIssue({ code: 'custom', message: parsed.message });
  });

const cursor = z
  .string({ error: 'must be the cursor returned by the previous page' })
  .regex(/^[A-Za-z0-9_-]{1,200}$/, { error: 'must be the cursor returned by the previous page' })
  .optional();

const limit = z
  .number({ error: 'must be a whole number from 1 to 500' })
  .int({ error: 'must be a whole number from 1 to 500' })
  .min(1, { error: 'must be at least 1' })
  .max(500, { error: 'must be at most 500' })
  .optional();

const periodEdge = z
  .string({ error: 'must be a date (YYYY-MM-DD) or an ISO-8601 time' })
  .refine((v) => isCalendarDate(v) || isInstant(v), { error: 'must be a date (YYYY-MM-DD) or an ISO-8601 time' })
  .optional();

const idempotencyKey = z
  .string({ error: 'must be text' })
  .min(1, { error: 'must not be empty' })
  .max(200, { error: 'must be at most 200 characters' })
  .optional();

const empty = z.strictObject({});

/** Names a running export so `exports.progress` can report on it; chosen by the caller (e.g. a UUID). */
const progressId = z
  .string({ error: 'must be text' })
  .regex(/^[A-Za-z0-9_-]{1,100}$/, { error: 'must be 1 to 100 letters, digits, "-" or "_"' });

const statementFormat = z.enum(['csv', 'pdf'], { error: 'must be "csv" or "pdf"' });

const requestStatus = z.enum(['pending', 'accepted', 'rejected'], { error: 'must be pending, accepted or rejected' });

/** A mutating channel's input: its fields plus the optional idempotency key. */
function mutation<S extends z.ZodRawShape>(shape: S) {
  return z.strictObject({ ...shape, idempotencyKey });
}

/** Checks that `amountField` has no more decimals than `currencyField` allows. */
function amountMatchesCurrency(amountField: string, currencyField = 'currency') {
  return (value: Record<string, unknown>, ctx: z.RefinementCtx): void => {
    const a = value[amountField];
    const c = value[currencyField];
    if (typeof a !== 'string' || typeof c !== 'string') return;
    const parsed = parseAmount(a, c);
    if (!parsed.ok) ctx.addIssue({ code: 'custom', path: [amountField], message: parsed.message });
  };
}

// ---------- the channels ----------

/** Input schemas, one per channel. `mutates` marks channels that write and take an idempotency key. */
export const contract = {
  'settings.get': { mutates: false, input: empty },
  'settings.update': {
    mutates: true,
    input: mutation({
      creditPaymentsEnabled: z.boolean({ error: 'must be true or false' }).optional(),
      agencyName: text(200).optional(),
      timeZone: z
        .string({ error: 'must be an IANA time zone such as Europe/London' })
        .refine(isTimeZone, { error: 'must be an IANA time zone such as Europe/London' })
        .optional(),
    }),
  },

  'clients.create': {
    mutates: true,
    input: mutation({ name: text(200), email: email.optional(), company: optionalText(200).optional() }),
  },
  'clients.update': {
    mutates: true,
    input: mutation({
      clientId: id,
      name: text(200).optional(),
      email: email.optional(),
      company: optionalText(200).optional(),
    }),
  },
  'clients.get': { mutates: false, input: z.strictObject({ clientId: id }) },
  'clients.list': {
    mutates: false,
    input: z.strictObject({ query: z.string({ error: 'must be text' }).max(200).optional(), cursor, limit }),
  },

  'packages.create': {
    mutates: true,
    input: mutation({ name: text(200), credits, currency, price: amount }).superRefine(amountMatchesCurrency('price')),
  },
  'packages.update': {
    mutates: true,
    input: mutation({
      packageId: id,
      name: text(200).optional(),
      credits: credits.optional(),
      currency: currency.optional(),
      price: amount.optional(),
    }),
  },
  'packages.archive': { mutates: true, input: mutation({ packageId: id }) },
  'packages.unarchive': { mutates: true, input: mutation({ packageId: id }) },
  'packages.list': {
    mutates: false,
    input: z.strictObject({ includeArchived: z.boolean({ error: 'must be true or false' }).optional(), cursor, limit }),
  },

  'rates.set': { mutates: true, input: mutation({ currency, creditsPerUnit: rate }) },
  'rates.deactivate': {
    mutates: true,
    input: mutation({ currency: currency.optional(), rateId: id.optional() }).superRefine((v, ctx) => {
      if ((v.currency === undefined) === (v.rateId === undefined)) {
        ctx.addIssue({
          code: 'custom',
          path: ['currency'],
          message: 'Name either the currency or the rateId to deactivate.',
        });
      }
    }),
  },
  'rates.list': {
    mutates: false,
    input: z.strictObject({
      currency: currency.optional(),
      includeHistory: z.boolean({ error: 'must be true or false' }).optional(),
      cursor,
      limit,
    }),
  },
  'rates.quote': {
    mutates: false,
    input: z.strictObject({ amount, currency }).superRefine(amountMatchesCurrency('amount')),
  },

  'purchases.record': {
    mutates: true,
    input: mutation({
      clientId: id,
      packageId: id,
      provider: z.enum(['stripe', 'paypal'], { error: 'must be "stripe" or "paypal"' }),
      providerPaymentId: text(200),
      amount,
      currency,
    }).superRefine(amountMatchesCurrency('amount')),
  },

  'requests.submit': {
    mutates: true,
    input: mutation({
      clientId: id,
      packageId: id,
      method: z.enum(['bank_transfer', 'crypto'], { error: 'must be "bank_transfer" or "crypto"' }),
      paymentReference: optionalText(200).optional(),
      note: optionalText(1000).optional(),
    }),
  },
  'requests.accept': { mutates: true, input: mutation({ requestId: id }) },
  'requests.reject': { mutates: true, input: mutation({ requestId: id, reason: text(1000) }) },
  'requests.list': {
    mutates: false,
    input: z.strictObject({
      status: requestStatus.optional(),
      clientId: id.optional(),
      cursor,
      limit,
    }),
  },

  'services.create': {
    mutates: true,
    input: mutation({
      name: text(200),
      price: amount,
      currency,
      active: z.boolean({ error: 'must be true or false' }).optional(),
    }).superRefine(amountMatchesCurrency('price')),
  },
  'services.update': {
    mutates: true,
    input: mutation({
      serviceId: id,
      name: text(200).optional(),
      price: amount.optional(),
      currency: currency.optional(),
      active: z.boolean({ error: 'must be true or false' }).optional(),
    }),
  },
  'services.list': {
    mutates: false,
    input: z.strictObject({ includeInactive: z.boolean({ error: 'must be true or false' }).optional(), cursor, limit }),
  },
  'services.buyWithCredits': { mutates: true, input: mutation({ clientId: id, serviceId: id }) },

  'invoices.create': {
    mutates: true,
    input: mutation({ clientId: id, number: text(64).optional(), amount, currency }).superRefine(
      amountMatchesCurrency('amount'),
    ),
  },
  'invoices.list': {
    mutates: false,
    input: z.strictObject({
      clientId: id.optional(),
      status: z.enum(['unpaid', 'paid', 'void'], { error: 'must be unpaid, paid or void' }).optional(),
      cursor,
      limit,
    }),
  },
  'invoices.void': { mutates: true, input: mutation({ invoiceId: id }) },
  'invoices.payWithCredits': { mutates: true, input: mutation({ invoiceId: id }) },

  'transactions.list': {
    mutates: false,
    input: z.strictObject({
      clientId: id,
      cursor,
      limit,
      from: periodEdge,
      to: periodEdge,
      types: z
        .array(z.enum(ENTRY_TYPES, { error: `must be one of ${ENTRY_TYPES.join(', ')}` }), {
          error: 'must be a list of entry types',
        })
        .max(ENTRY_TYPES.length, { error: 'lists too many types' })
        .optional(),
    }),
  },
  'transactions.adjust': {
    mutates: true,
    input: mutation({
      clientId: id,
      direction: z.enum(['in', 'out'], { error: 'must be "in" or "out"' }),
      credits,
      reason: text(1000),
    }),
  },

  'ledger.verify': { mutates: false, input: empty },
  'overview.get': { mutates: false, input: empty },
  'audit.list': {
    mutates: false,
    input: z.strictObject({
      entity: z
        .enum(['settings', 'package', 'rate', 'service', 'client', 'invoice'], {
          error: 'must be settings, package, rate, service, client or invoice',
        })
        .optional(),
      cursor,
      limit,
    }),
  },

  ...syncContract,
  // Statements and exports (F10). Exports are tasks: they run in chunks outside any
  // transaction, yielding between chunks, and report progress under `progressId`.
  'statements.get': { mutates: false, input: z.strictObject({ clientId: id, from: periodEdge, to: periodEdge }) },
  'statements.export': {
    mutates: false,
    task: true,
    input: z.strictObject({
      clientId: id,
      from: periodEdge,
      to: periodEdge,
      format: statementFormat,
      progressId: progressId.optional(),
    }),
  },
  'ledger.export': {
    mutates: false,
    task: true,
    input: z.strictObject({ from: periodEdge, to: periodEdge, progressId: progressId.optional() }),
  },
  'requests.export': {
    mutates: false,
    task: true,
    input: z.strictObject({
      status: requestStatus.optional(),
      clientId: id.optional(),
      progressId: progressId.optional(),
    }),
  },
  'exports.progress': { mutates: false, input: z.strictObject({ progressId }) },

  ...backupContract,
} as const;

/** The result type of each channel. */
export interface Outputs extends SyncOutputs, BackupOutputs {
  'settings.get': Settings;
  'settings.update': Settings;
  'clients.create': Client;
  'clients.update': Client;
  'clients.get': Client;
  'clients.list': Page<Client>;
  'packages.create': CreditPackage;
  'packages.update': CreditPackage;
  'packages.archive': CreditPackage;
  'packages.unarchive': CreditPackage;
  'packages.list': Page<CreditPackage>;
  'rates.set': Rate;
  'rates.deactivate': Rate;
  'rates.list': Page<Rate>;
  'rates.quote': Quote;
  'purchases.record': { purchase: Purchase; transaction: LedgerEntry };
  'requests.submit': CreditRequest;
  'requests.accept': { request: CreditRequest; transaction: LedgerEntry };
  'requests.reject': { request: CreditRequest };
  'requests.list': Page<CreditRequest>;
  'services.create': Service;
  'services.update': Service;
  'services.list': Page<Service>;
  'services.buyWithCredits': { order: Order; transaction: LedgerEntry };
  'invoices.create': Invoice;
  'invoices.list': Page<Invoice>;
  'invoices.void': Invoice;
  'invoices.payWithCredits': { invoice: Invoice; transaction: LedgerEntry };
  'transactions.list': Page<LedgerEntry>;
  'transactions.adjust': LedgerEntry;
  'ledger.verify': VerifyReport;
  'overview.get': Overview;
  'audit.list': Page<AuditRecord>;
  'statements.get': Statement;
  'statements.export': ExportFile;
  'ledger.export': ExportFile;
  'requests.export': ExportFile;
  'exports.progress': ExportProgressReport;
}

/** Every channel name. */
export type Channel = keyof typeof contract;
/** Every channel name, for building the preload and HTTP client. */
export const CHANNELS = Object.keys(contract) as Channel[];
/** What a caller sends on `C`. */
export type Input<C extends Channel> = z.input<(typeof contract)[C]['input']>;
/** `C`'s input after validation and normalisation (trimmed text, empty → null). */
export type ParsedInput<C extends Channel> = z.output<(typeof contract)[C]['input']>;
/** What `C` returns. */
export type Output<C extends Channel> = Outputs[C];

/** True when `name` is a channel of the contract. */
export function isChannel(name: string): name is Channel {
  return Object.prototype.hasOwnProperty.call(contract, name);
}
