/**
 * The API contract: channel name → input schema (zod, validated at runtime in every door) →
 * output type. The handler map in electron/ipc is typed from this, so a missing or misspelt
 * handler is a compile error; the preload and the HTTP client are generated from CHANNELS.
 * Every input object is strict: unknown fields are refused.
 */
import * as z from 'zod';
import { statementsContract, type StatementsOutputs } from './contract.statements';
import { isTimeZone } from './time';
import { LANGUAGES } from './i18n';
import {
  id,
  text,
  optionalText,
  email,
  currency,
  amount,
  credits,
  rate,
  cursor,
  limit,
  periodEdge,
  empty,
  requestStatus,
  mutation,
  amountMatchesCurrency,
} from './fields';
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
import { usersContract, type UsersOutputs } from './contract.users';
import { bankContract, type BankOutputs } from './contract.bank';
import type { ContractPart } from './roles';

// ---------- the channels ----------

/**
 * Input schemas, one per channel. `mutates` marks channels that write and take an idempotency key.
 * `input` is a function that builds the schema: {@link inputSchema} builds each channel's schema
 * on that channel's first call, so a process that makes one call (a CLI `call`) builds one
 * schema, not all of them (building them all took ~20 ms of every start). A plain schema still
 * works there; it is just built at load.
 * `role` is the least role that may call the channel (shared/roles.ts; PRODUCT F14), required by
 * `satisfies ContractPart` so that no channel ships without one; README "Roles" tables them.
 */
export const contract = {
  'settings.get': { mutates: false, role: 'viewer', input: () => empty },
  'settings.update': {
    mutates: true,
    role: 'admin',
    input: () =>
      mutation({
        creditPaymentsEnabled: z.boolean({ error: 'must be true or false' }).optional(),
        agencyName: text(200).optional(),
        timeZone: z
          .string({ error: 'must be an IANA time zone such as Europe/London' })
          .refine(isTimeZone, { error: 'must be an IANA time zone such as Europe/London' })
          .optional(),
        language: z.enum(LANGUAGES, { error: 'must be en or lv' }).optional(),
        /** Four eyes (F14): nobody accepts or rejects a request they submitted themselves. */
        fourEyes: z.boolean({ error: 'must be true or false' }).optional(),
      }),
  },

  'clients.create': {
    mutates: true,
    role: 'clerk',
    input: () => mutation({ name: text(200), email: email.optional(), company: optionalText(200).optional() }),
  },
  'clients.update': {
    mutates: true,
    role: 'clerk',
    input: () =>
      mutation({
        clientId: id,
        name: text(200).optional(),
        email: email.optional(),
        company: optionalText(200).optional(),
      }),
  },
  'clients.get': { mutates: false, role: 'viewer', input: () => z.strictObject({ clientId: id }) },
  'clients.list': {
    mutates: false,
    role: 'viewer',
    input: () => z.strictObject({ query: z.string({ error: 'must be text' }).max(200).optional(), cursor, limit }),
  },

  'packages.create': {
    mutates: true,
    role: 'admin',
    input: () =>
      mutation({ name: text(200), credits, currency, price: amount }).superRefine(amountMatchesCurrency('price')),
  },
  'packages.update': {
    mutates: true,
    role: 'admin',
    input: () =>
      mutation({
        packageId: id,
        name: text(200).optional(),
        credits: credits.optional(),
        currency: currency.optional(),
        price: amount.optional(),
      }),
  },
  'packages.archive': { mutates: true, role: 'admin', input: () => mutation({ packageId: id }) },
  'packages.unarchive': { mutates: true, role: 'admin', input: () => mutation({ packageId: id }) },
  'packages.list': {
    mutates: false,
    role: 'viewer',
    input: () =>
      z.strictObject({ includeArchived: z.boolean({ error: 'must be true or false' }).optional(), cursor, limit }),
  },

  'rates.set': { mutates: true, role: 'admin', input: () => mutation({ currency, creditsPerUnit: rate }) },
  'rates.deactivate': {
    mutates: true,
    role: 'admin',
    input: () =>
      mutation({ currency: currency.optional(), rateId: id.optional() }).superRefine((v, ctx) => {
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
    role: 'viewer',
    input: () =>
      z.strictObject({
        currency: currency.optional(),
        includeHistory: z.boolean({ error: 'must be true or false' }).optional(),
        cursor,
        limit,
      }),
  },
  'rates.quote': {
    mutates: false,
    role: 'viewer',
    input: () => z.strictObject({ amount, currency }).superRefine(amountMatchesCurrency('amount')),
  },

  'purchases.record': {
    mutates: true,
    role: 'clerk',
    input: () =>
      mutation({
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
    role: 'clerk',
    input: () =>
      mutation({
        clientId: id,
        packageId: id,
        method: z.enum(['bank_transfer', 'crypto'], { error: 'must be "bank_transfer" or "crypto"' }),
        paymentReference: optionalText(200).optional(),
        note: optionalText(1000).optional(),
      }),
  },
  'requests.accept': { mutates: true, role: 'approver', input: () => mutation({ requestId: id }) },
  'requests.reject': { mutates: true, role: 'approver', input: () => mutation({ requestId: id, reason: text(1000) }) },
  'requests.list': {
    mutates: false,
    role: 'viewer',
    input: () =>
      z.strictObject({
        status: requestStatus.optional(),
        clientId: id.optional(),
        cursor,
        limit,
      }),
  },

  'services.create': {
    mutates: true,
    role: 'clerk',
    input: () =>
      mutation({
        name: text(200),
        price: amount,
        currency,
        active: z.boolean({ error: 'must be true or false' }).optional(),
      }).superRefine(amountMatchesCurrency('price')),
  },
  'services.update': {
    mutates: true,
    role: 'clerk',
    input: () =>
      mutation({
        serviceId: id,
        name: text(200).optional(),
        price: amount.optional(),
        currency: currency.optional(),
        active: z.boolean({ error: 'must be true or false' }).optional(),
      }),
  },
  'services.list': {
    mutates: false,
    role: 'viewer',
    input: () =>
      z.strictObject({ includeInactive: z.boolean({ error: 'must be true or false' }).optional(), cursor, limit }),
  },
  'services.buyWithCredits': { mutates: true, role: 'clerk', input: () => mutation({ clientId: id, serviceId: id }) },

  'invoices.create': {
    mutates: true,
    role: 'clerk',
    input: () =>
      mutation({ clientId: id, number: text(64).optional(), amount, currency }).superRefine(
        amountMatchesCurrency('amount'),
      ),
  },
  'invoices.list': {
    mutates: false,
    role: 'viewer',
    input: () =>
      z.strictObject({
        clientId: id.optional(),
        status: z.enum(['unpaid', 'paid', 'void'], { error: 'must be unpaid, paid or void' }).optional(),
        cursor,
        limit,
      }),
  },
  'invoices.void': { mutates: true, role: 'clerk', input: () => mutation({ invoiceId: id }) },
  'invoices.payWithCredits': { mutates: true, role: 'clerk', input: () => mutation({ invoiceId: id }) },

  'transactions.list': {
    mutates: false,
    role: 'viewer',
    input: () =>
      z.strictObject({
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
    role: 'approver',
    input: () =>
      mutation({
        clientId: id,
        direction: z.enum(['in', 'out'], { error: 'must be "in" or "out"' }),
        credits,
        reason: text(1000),
      }),
  },

  'ledger.verify': { mutates: false, role: 'viewer', task: true, input: () => empty },
  'overview.get': { mutates: false, role: 'viewer', input: () => empty },
  'audit.list': {
    mutates: false,
    role: 'viewer',
    input: () =>
      z.strictObject({
        entity: z
          .enum(['settings', 'package', 'rate', 'service', 'client', 'invoice', 'user'], {
            error: 'must be settings, package, rate, service, client, invoice or user',
          })
          .optional(),
        cursor,
        limit,
      }),
  },

  ...syncContract,
  ...statementsContract,

  ...backupContract,
  ...usersContract,
  ...bankContract,
} as const satisfies ContractPart;

/** The result type of each channel. */
export interface Outputs extends SyncOutputs, BackupOutputs, StatementsOutputs, UsersOutputs, BankOutputs {
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
}

/** Every channel name. */
export type Channel = keyof typeof contract;
/** Every channel name, for building the preload and HTTP client. */
export const CHANNELS = Object.keys(contract) as Channel[];
/** The schema a contract entry's `input` declares: the built one when it is a builder function. */
type SchemaOf<S> = S extends () => infer T ? T : S;
/** `C`'s input schema. */
export type InputSchema<C extends Channel> = SchemaOf<(typeof contract)[C]['input']>;
/** What a caller sends on `C`. */
export type Input<C extends Channel> = z.input<InputSchema<C>>;
/** `C`'s input after validation and normalisation (trimmed text, empty → null). */
export type ParsedInput<C extends Channel> = z.output<InputSchema<C>>;
/** What `C` returns. */
export type Output<C extends Channel> = Outputs[C];

/** True when `name` is a channel of the contract. */
export function isChannel(name: string): name is Channel {
  return Object.prototype.hasOwnProperty.call(contract, name);
}

const builtSchemas = new Map<Channel, z.ZodType>();

/** `C`'s input schema, built on its first use and kept: what every door validates with. */
export function inputSchema<C extends Channel>(channel: C): InputSchema<C> {
  let schema = builtSchemas.get(channel);
  if (schema === undefined) {
    const declared: unknown = contract[channel].input;
    schema = (typeof declared === 'function' ? (declared as () => z.ZodType)() : declared) as z.ZodType;
    builtSchemas.set(channel, schema);
  }
  return schema as InputSchema<C>;
}
