/**
 * Field schemas shared by every part of the contract (contract.ts, contract.sync.ts,
 * contract.backup.ts), so one field is validated and worded the same way on every channel.
 * Messages are for finance staff: the router prefixes them with the field's name.
 *
 * Each field is wrapped in `z.lazy`, so it is built when a channel that uses it is first
 * validated, not when this module loads: a CLI call starts without building schemas it never uses.
 */
import * as z from 'zod';
import { isCurrencyCode } from './currencies';
import { MAX_CREDITS, parseAmount, parseRate } from './money';
import { isCalendarDate, isInstant } from './time';

export const id = z.lazy(() =>
  z
    .number({ error: 'must be a record id (a whole number)' })
    .int({ error: 'must be a record id (a whole number)' })
    .positive({ error: 'must be a record id (a whole number above 0)' })
    .max(Number.MAX_SAFE_INTEGER, { error: 'is not a known record id' }),
);

export const text = (max: number) =>
  z
    .string({ error: 'must be text' })
    .trim()
    .min(1, { error: 'is required' })
    .max(max, { error: `must be at most ${max} characters` });

export const optionalText = (max: number) =>
  z
    .string({ error: 'must be text' })
    .trim()
    .max(max, { error: `must be at most ${max} characters` })
    .transform((v) => (v === '' ? null : v))
    .nullable();

export const email = z.lazy(() =>
  z
    .string({ error: 'must be text' })
    .trim()
    .max(320, { error: 'must be at most 320 characters' })
    .refine((v) => v === '' || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v), { error: 'is not an email address' })
    .transform((v) => (v === '' ? null : v))
    .nullable(),
);

export const currency = z.lazy(() =>
  z
    .string({ error: 'must be a currency code' })
    .refine(isCurrencyCode, { error: 'must be an upper-case ISO 4217 currency code such as USD, EUR or GBP' }),
);

/** A plain decimal string; its digits are checked against the currency where the currency is known. */
export const amount = z.lazy(() =>
  z
    .string({ error: 'must be an amount written as text, for example "3.51"' })
    .max(40, { error: 'is too long' })
    .regex(/^\d+(\.\d+)?$/, {
      error: 'must be digits with an optional decimal point, for example 3.51 (no sign, exponent or separators)',
    }),
);

export const credits = z.lazy(() =>
  z
    .number({ error: 'must be a whole number of credits' })
    .int({ error: 'must be a whole number of credits' })
    .positive({ error: 'must be more than 0 credits' })
    .max(MAX_CREDITS, { error: 'is larger than Credit Desk accepts' }),
);

export const rate = z.lazy(() =>
  z
    .string({ error: 'must be a decimal number written as text, for example "10" or "0.07"' })
    .max(40, { error: 'is too long' })
    .superRefine((v, ctx) => {
      const parsed = parseRate(v);
      if (!parsed.ok) ctx.addIssue({ code: 'custom', message: parsed.message });
    }),
);

export const cursor = z.lazy(() =>
  z
    .string({ error: 'must be the cursor returned by the previous page' })
    .regex(/^[A-Za-z0-9_-]{1,200}$/, { error: 'must be the cursor returned by the previous page' })
    .optional(),
);

export const limit = z.lazy(() =>
  z
    .number({ error: 'must be a whole number from 1 to 500' })
    .int({ error: 'must be a whole number from 1 to 500' })
    .min(1, { error: 'must be at least 1' })
    .max(500, { error: 'must be at most 500' })
    .optional(),
);

export const periodEdge = z.lazy(() =>
  z
    .string({ error: 'must be a date (YYYY-MM-DD) or an ISO-8601 time' })
    .refine((v) => isCalendarDate(v) || isInstant(v), { error: 'must be a date (YYYY-MM-DD) or an ISO-8601 time' })
    .optional(),
);

export const idempotencyKey = z.lazy(() =>
  z
    .string({ error: 'must be text' })
    .min(1, { error: 'must not be empty' })
    .max(200, { error: 'must be at most 200 characters' })
    .optional(),
);

export const empty = z.strictObject({});

/** Names a running export so `exports.progress` can report on it; chosen by the caller (e.g. a UUID). */
export const progressId = z.lazy(() =>
  z
    .string({ error: 'must be text' })
    .regex(/^[A-Za-z0-9_-]{1,100}$/, { error: 'must be 1 to 100 letters, digits, "-" or "_"' }),
);

export const statementFormat = z.lazy(() => z.enum(['csv', 'pdf'], { error: 'must be "csv" or "pdf"' }));

export const requestStatus = z.lazy(() =>
  z.enum(['pending', 'accepted', 'rejected'], {
    error: 'must be pending, accepted or rejected',
  }),
);

/** A mutating channel's input: its fields plus the optional idempotency key. */
export function mutation<S extends z.ZodRawShape>(shape: S) {
  return z.strictObject({ ...shape, idempotencyKey });
}

/** Checks that `amountField` has no more decimals than `currencyField` allows. */
export function amountMatchesCurrency(amountField: string, currencyField = 'currency') {
  return (value: Record<string, unknown>, ctx: z.RefinementCtx): void => {
    const a = value[amountField];
    const c = value[currencyField];
    if (typeof a !== 'string' || typeof c !== 'string') return;
    const parsed = parseAmount(a, c);
    if (!parsed.ok) ctx.addIssue({ code: 'custom', path: [amountField], message: parsed.message });
  };
}
