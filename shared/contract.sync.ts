/**
 * The `sync.*` channels (PRODUCT F11), spread into the contract by shared/contract.ts.
 * Kept in their own file so the sync work merges cleanly with the rest of the contract.
 * Every input object is strict: unknown fields are refused.
 */
import * as z from 'zod';
import type { ContractPart } from './roles';
import type { LedgerEntry, Page, Purchase } from './dto';
import type { SyncProviderStatus, SyncReviewItem, SyncRunResult, SyncStatus, UnmatchedPayment } from './dto.sync';
import { isInstant } from './time';
import { cursor, id, idempotencyKey, limit, text } from './fields';

/** A credential: no surrounding spaces (a pasted key often carries a newline), no inner spaces. */
const credential = (max: number) =>
  z
    .string({ error: 'must be text' })
    .trim()
    .min(1, { error: 'is required' })
    .max(max, { error: `must be at most ${max} characters` })
    .regex(/^\S+$/, { error: 'must not contain spaces' });

const provider = z.lazy(() => z.enum(['stripe', 'paypal'], { error: 'must be "stripe" or "paypal"' }));

/** An http(s) origin such as https://api.stripe.com; plain http only for this computer (tests, staging). */
const apiBase = z.lazy(() =>
  z
    .string({ error: 'must be a web address such as https://api.stripe.com' })
    .trim()
    .max(200, { error: 'must be at most 200 characters' })
    .refine(isApiOrigin, {
      error:
        'must be an https:// address (http:// only for 127.0.0.1 or localhost) with no path, e.g. https://api.stripe.com',
    }),
);

/** True for an https origin, or an http origin on this computer, with no path, query or credentials. */
export function isApiOrigin(value: string): boolean {
  // A regex rather than URL: shared/ runs with neither DOM nor Node globals.
  const m = /^(https?):\/\/([A-Za-z0-9.-]+|\[::1\])(?::(\d{1,5}))?\/?$/.exec(value);
  if (m === null) return false;
  const [, scheme, host, port] = m;
  if (port !== undefined && (Number(port) < 1 || Number(port) > 65535)) return false;
  if (scheme === 'https') return true;
  return ['127.0.0.1', 'localhost', '[::1]'].includes((host ?? '').toLowerCase());
}

/** The `sync.*` channel specs. `task: true` channels run outside a database transaction (they wait on the network). */
export const syncContract = {
  'sync.status': { mutates: false, role: 'viewer', input: () => z.strictObject({}) },
  'sync.run': {
    mutates: true,
    role: 'clerk',
    task: true,
    input: () => z.strictObject({ provider: provider.optional(), idempotencyKey }),
  },
  'sync.configure': {
    mutates: true,
    role: 'admin',
    task: true,
    input: () =>
      z
        .strictObject({
          provider,
          enabled: z.boolean({ error: 'must be true or false' }).optional(),
          /** Stripe secret or restricted key (`sk_…` / `rk_…`). */
          secretKey: credential(300)
            .refine((v) => /^(sk|rk)_(live|test)_[A-Za-z0-9]+$/.test(v), {
              error: 'must be a Stripe secret or restricted key, starting sk_live_, sk_test_, rk_live_ or rk_test_',
            })
            .optional(),
          clientId: credential(300).optional(),
          clientSecret: credential(300).optional(),
          /**
           * Stripe only: read Refunds and Disputes (true, the default) or ignore them (false), e.g.
           * for a restricted key that was not given their read permission.
           */
          streams: z
            .strictObject({
              refunds: z.boolean({ error: 'must be true or false' }).optional(),
              disputes: z.boolean({ error: 'must be true or false' }).optional(),
            })
            .optional(),
          /** Forget the stored credentials of this provider. */
          clearCredentials: z.boolean({ error: 'must be true or false' }).optional(),
          /** The API origin; null goes back to the environment's or the live API. */
          apiBase: apiBase.nullable().optional(),
          /** Where the first pass starts reading (ISO-8601); null goes back to 30 days before it runs. */
          backfillFrom: z
            .string({ error: 'must be an ISO-8601 time' })
            .refine(isInstant, { error: 'must be an ISO-8601 time such as 2026-01-01T00:00:00Z' })
            .nullable()
            .optional(),
          idempotencyKey,
        })
        .superRefine((v, ctx) => {
          if (v.provider === 'stripe' && (v.clientId !== undefined || v.clientSecret !== undefined)) {
            ctx.addIssue({
              code: 'custom',
              path: [v.clientId !== undefined ? 'clientId' : 'clientSecret'],
              message: 'is a PayPal setting; Stripe needs only secretKey',
            });
          }
          if (v.provider === 'paypal' && v.streams !== undefined) {
            ctx.addIssue({
              code: 'custom',
              path: ['streams'],
              message: 'is a Stripe setting; PayPal reads payments, refunds and reversals in one search',
            });
          }
          if (v.provider === 'paypal' && v.secretKey !== undefined) {
            ctx.addIssue({
              code: 'custom',
              path: ['secretKey'],
              message: 'is a Stripe setting; PayPal needs clientId and clientSecret',
            });
          }
          if (v.clearCredentials === true && [v.secretKey, v.clientId, v.clientSecret].some((x) => x !== undefined)) {
            ctx.addIssue({
              code: 'custom',
              path: ['clearCredentials'],
              message: 'cannot be combined with new credentials',
            });
          }
        }),
  },
  'sync.unmatched.list': {
    mutates: false,
    role: 'viewer',
    input: () =>
      z.strictObject({
        status: z
          .enum(['pending', 'resolved', 'dismissed'], { error: 'must be pending, resolved or dismissed' })
          .optional(),
        provider: provider.optional(),
        cursor,
        limit,
      }),
  },
  'sync.unmatched.resolve': {
    mutates: true,
    role: 'approver',
    input: () => z.strictObject({ unmatchedId: id, clientId: id, packageId: id, idempotencyKey }),
  },
  'sync.unmatched.dismiss': {
    mutates: true,
    role: 'approver',
    input: () => z.strictObject({ unmatchedId: id, reason: text(1000), idempotencyKey }),
  },
  'sync.review.list': {
    mutates: false,
    role: 'viewer',
    input: () =>
      z.strictObject({
        status: z.enum(['open', 'closed'], { error: 'must be open or closed' }).optional(),
        cursor,
        limit,
      }),
  },
  /**
   * Closes a review item (PRODUCT F16; approver role once roles exist). `reverse` posts an Out
   * "refund reversal" for the credits the refunded part of the payment bought, in the same
   * transaction as closing the item (INSUFFICIENT_CREDITS when the client has spent them: the
   * item stays open); `keep` records why the credits stay. A closed item is final: CONFLICT.
   */
  'sync.review.resolve': {
    mutates: true,
    role: 'approver',
    input: () =>
      z.strictObject({
        reviewId: id,
        action: z.enum(['reverse', 'keep'], { error: 'must be "reverse" or "keep"' }),
        reason: text(1000),
        idempotencyKey,
      }),
  },
} as const satisfies ContractPart;

/** The result type of each `sync.*` channel. */
export interface SyncOutputs {
  'sync.status': SyncStatus;
  'sync.run': SyncRunResult;
  'sync.configure': SyncProviderStatus;
  'sync.unmatched.list': Page<UnmatchedPayment>;
  'sync.unmatched.resolve': { item: UnmatchedPayment; purchase: Purchase; transaction: LedgerEntry };
  'sync.unmatched.dismiss': UnmatchedPayment;
  'sync.review.list': Page<SyncReviewItem>;
  'sync.review.resolve': { item: SyncReviewItem; transaction: LedgerEntry | null };
}

/** Every `sync.*` channel name. */
export type SyncChannel = keyof typeof syncContract;
