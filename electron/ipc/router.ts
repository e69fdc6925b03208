/**
 * The one router behind every door (Electron IPC, browser-mode HTTP, CLI):
 * validate the input against the contract → run the handler in a transaction → wrap the
 * Result. Nothing below here knows which door a call came through.
 *
 * Task channels (`task: true` in the contract: network or chunked work) run outside any
 * transaction and open their own short ones; they are not idempotency-wrapped here.
 * Mutating channels run in one write transaction (`db.write`: BEGIN IMMEDIATE on SQLite, row
 * locks or SERIALIZABLE retries on PostgreSQL) together with their idempotency record; reads
 * run in one snapshot (`db.read`): a repeat of the same key returns the first result, the same key with different
 * input is CONFLICT, and a refusal (any thrown AppError) rolls everything back, so a refused
 * call writes nothing.
 */
import { createHash } from 'node:crypto';
import type { ZodError } from 'zod';
import { contract, inputSchema, isChannel, type Channel } from '../../shared/contract';
import { AppError, fail, ok, type Result } from '../../shared/result';
import { roleAllows, type Role } from '../../shared/roles';
import { dbErrorKind, type AsyncDb, type AsyncTx } from '../db/async-db';
import { asyncDbOf } from '../db/async-db.sqlite';
import { defineQuery, Db } from '../db/database';
import type { Session } from '../auth/auth.service';
import type { Call, TaskCall } from '../ledger/context';
import { createHandlers, type BankHandlersFactory, type Handlers, type SyncHandlersFactory } from '../ledger/handlers';
import { bankHandlers } from '../bank/bank.handlers';

/** Who is calling: recorded on every entry and audit row. */
export interface CallerContext {
  actor: string;
  /**
   * The signed-in user's role (team server). Left out by the desktop app and the CLI, which
   * act as admin (PRODUCT F14: a one-person desk needs no sign-in; the CLI holds the database).
   */
  role?: Role;
  /** The signed-in username, when there is one (the door also passes it as `actor`). */
  username?: string;
  /** The session the door authenticated (auth.service authenticate); its user's role applies when `role` is left out. */
  session?: Session;
}

/** FORBIDDEN when `caller` has a role below `channel`'s least role; checked before the input is parsed. */
export function roleRefusal(channel: Channel, caller: CallerContext): AppError | undefined {
  const least = contract[channel].role;
  // A door that passes a session but forgets the role must not make its caller an admin.
  const role = caller.role ?? caller.session?.user.role;
  if (role === undefined || roleAllows(role, least)) return undefined;
  return new AppError('FORBIDDEN', 'Your role does not allow this action.', {
    channel,
    role,
    requiredRole: least,
  });
}

/** The router's interface, shared by all doors. */
export interface Router {
  /** Any channel; what every door uses. */
  call(channel: string, input: unknown, caller: CallerContext): Promise<Result<unknown>>;
}

/** Turns zod's first issue into a VALIDATION_ERROR naming the field. */
export function validationError(error: ZodError, input?: unknown): AppError {
  const issue = error.issues[0];
  if (issue === undefined) return new AppError('VALIDATION_ERROR', 'The input is not valid.', { field: '' });
  if (issue.code === 'unrecognized_keys') {
    const field = issue.keys[0] ?? '';
    return new AppError('VALIDATION_ERROR', `"${field}" is not a field this action accepts.`, {
      field,
      fields: issue.keys,
    });
  }
  const field = issue.path.map(String).join('.');
  if (field === '') {
    // zod's own wording ("Invalid input: expected object, received array") is not for people.
    const message =
      issue.code === 'invalid_type'
        ? 'The input must be a JSON object of named fields.'
        : `The input ${issue.message.replace(/\.$/, '')}.`;
    return new AppError('VALIDATION_ERROR', message, { field: '' });
  }
  // A field left out reads "reason is required.", not a complaint about its type.
  if (issue.code === 'invalid_type' && valueAt(input, issue.path) === undefined) {
    return new AppError('VALIDATION_ERROR', `${field} is required.`, { field });
  }
  const message = issue.message.endsWith('.') ? issue.message : `${issue.message}.`;
  // Checks that explain themselves in a full sentence ("USD amounts have at most 2 decimal
  // places.") follow the field and a colon; short ones ("must be text") read on from its name.
  const sentence = /^[A-Z]/.test(message) ? `${field}: ${message}` : `${field} ${message}`;
  return new AppError('VALIDATION_ERROR', sentence, { field });
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let value = input;
  for (const key of path) {
    if (value === null || typeof value !== 'object' || !Object.prototype.hasOwnProperty.call(value, key))
      return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

/**
 * The first field (dotted path) whose text holds U+0000. PostgreSQL cannot store it in text, so
 * it is refused on both engines alike (F13: the same outputs), before anything is written.
 */
function nulField(value: unknown, path: string[]): string | undefined {
  if (typeof value === 'string') return value.includes('\u0000') ? path.join('.') : undefined;
  if (value === null || typeof value !== 'object') return undefined;
  for (const [key, inner] of Object.entries(value)) {
    const found = nulField(inner, [...path, key]);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** A stable fingerprint of a call's input, to tell a repeat from a different call with the same key. */
function fingerprint(channel: string, input: Record<string, unknown>): string {
  const sorted = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(sorted)
      : v !== null && typeof v === 'object'
        ? Object.fromEntries(
            Object.entries(v)
              .sort(([a], [b]) => (a < b ? -1 : 1))
              .map(([k, x]) => [k, sorted(x)]),
          )
        : v;
  return createHash('sha256')
    .update(JSON.stringify([channel, sorted(input)]))
    .digest('hex');
}

/** Database errors that are a state of the data, not a bug: named for the user as CONFLICT (both engines). */
function databaseRefusal(error: unknown): AppError | undefined {
  switch (dbErrorKind(error)) {
    case 'busy':
      return new AppError('CONFLICT', 'The ledger is busy with another change. Try again in a moment.');
    // A uniqueness or trigger refusal is the data saying no (a number already used, a decision
    // already taken by another process). Any other constraint failure is a bug: let it surface.
    case 'unique':
    case 'refused-by-trigger':
      return new AppError('CONFLICT', 'This change conflicts with the ledger as it stands now, so nothing was saved.', {
        constraint: (error as Error).message,
      });
    default:
      return undefined;
  }
}

/**
 * Another process (the CLI beside the app) may hold SQLite's write lock longer than the busy
 * timeout on a loaded machine. The refused transaction wrote nothing, so it is simply run
 * again a few times before "busy" is ever shown to a person. (PostgreSQL's serialization
 * failures and deadlocks are retried inside db.write.)
 */
async function writeWithRetry<T>(write: () => Promise<T>, attempts = 4): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await write();
    } catch (error) {
      const code = (error as { code?: unknown } | null)?.code;
      if (attempt >= attempts || (code !== 'SQLITE_BUSY' && code !== 'SQLITE_BUSY_SNAPSHOT')) throw error;
    }
  }
}

const findKey = defineQuery(1, (k, key: string) =>
  k.selectFrom('idempotency_keys').select(['channel', 'input_hash', 'result_json']).where('key', '=', key),
);

/** The same idempotency key inserted by a concurrent call first: run the call again to answer as it did. */
class KeyTakenMeanwhile extends Error {}

/** Options for {@link createRouter}. */
export interface RouterOptions {
  /** Either engine's async handle, or a SQLite ledger's synchronous one (wrapped by asyncDbOf). */
  db: AsyncDb | Db;
  clock?: () => Date;
  /**
   * The sync channels' handlers, registered by the composition root (`syncHandlers(poller)`
   * from electron/sync/handlers.ts). Left out, the sync channels are refused.
   */
  sync?: SyncHandlersFactory;
  /**
   * The bank channels' handlers; every door gets electron/bank's own by default (they need
   * nothing from the door). Passed in here, at the router, so the ledger never imports bank.
   */
  bank?: BankHandlersFactory;
  /** Where the PDF statement fonts are (the packaged app passes <resources>/fonts). */
  fontDir?: string;
  /** Where `backup.*` channels keep backups; beside the ledger file by default. */
  backupDir?: string;
}

export function createRouter({
  db: given,
  clock = () => new Date(),
  sync = noSync,
  bank = bankHandlers,
  fontDir,
  backupDir,
}: RouterOptions): Router & { handlers: Handlers } {
  const sqlite = given instanceof Db ? given : sqliteOf(given);
  const db = given instanceof Db ? asyncDbOf(given) : given;
  const handlers = createHandlers(
    {
      db,
      clock,
      ...(sqlite === undefined ? {} : { sqlite }),
      ...(fontDir === undefined ? {} : { fontDir }),
      ...(backupDir === undefined ? {} : { backupDir }),
    },
    sync,
    bank,
  );

  async function run(channel: Channel, input: Record<string, unknown>, caller: CallerContext): Promise<unknown> {
    const now = clock();
    const makeCall = (tx: AsyncTx): Call => ({ tx, actor: caller.actor, now, nowIso: now.toISOString() });
    const spec: { mutates: boolean; task?: boolean } = contract[channel];
    if (spec.task === true) {
      const task = handlers[channel] as unknown as (input: unknown, call: TaskCall) => Promise<unknown>;
      const session = caller.session === undefined ? {} : { session: caller.session };
      return task(input, { db, actor: caller.actor, now, nowIso: now.toISOString(), ...session });
    }
    const handler = handlers[channel] as (input: unknown, call: Call) => Promise<unknown>;
    // A read handler gets the snapshot typed as a transaction, as before: it only reads.
    if (!spec.mutates) return db.read((q) => handler(input, makeCall(q as AsyncTx)));
    const { idempotencyKey, ...rest } = input as { idempotencyKey?: string };
    return writeWithRetry(() =>
      db.write(async (tx) => {
        if (idempotencyKey === undefined) return handler(rest, makeCall(tx));
        const hash = fingerprint(channel, rest);
        const seen = await tx.prepared(findKey).get(idempotencyKey);
        if (seen !== undefined) {
          if (seen.channel !== channel || seen.input_hash !== hash) {
            throw new AppError('CONFLICT', 'This idempotency key was already used for a different action.', {
              field: 'idempotencyKey',
            });
          }
          return JSON.parse(seen.result_json) as unknown;
        }
        const value = await handler(rest, makeCall(tx));
        try {
          await tx.run(
            tx.k.insertInto('idempotency_keys').values({
              key: idempotencyKey,
              channel,
              input_hash: hash,
              result_json: JSON.stringify(value),
              created_at: now.toISOString(),
            }),
          );
        } catch (error) {
          // Only possible with several writers (PostgreSQL): the other call's result stands.
          if (dbErrorKind(error) === 'unique') throw new KeyTakenMeanwhile();
          throw error;
        }
        return value;
      }),
    ).catch((error: unknown) => {
      if (error instanceof KeyTakenMeanwhile) return run(channel, input, caller);
      throw error;
    });
  }

  function refusal(error: unknown): Result<unknown> {
    if (error instanceof AppError) return { ok: false, error: error.toApiError() };
    const refused = databaseRefusal(error);
    if (refused !== undefined) return { ok: false, error: refused.toApiError() };
    throw error;
  }

  function validate(
    channel: string,
    rawInput: unknown,
    caller: CallerContext,
  ): Result<{ channel: Channel; input: Record<string, unknown> }> {
    if (!isChannel(channel)) return fail('NOT_FOUND', `There is no action called "${channel}".`, { channel });
    // Before parsing: a caller who may not use the channel learns nothing about its input rules.
    const forbidden = roleRefusal(channel, caller);
    if (forbidden !== undefined) return { ok: false, error: forbidden.toApiError() };
    const parsed = inputSchema(channel).safeParse(rawInput ?? {});
    if (!parsed.success) return { ok: false, error: validationError(parsed.error, rawInput).toApiError() };
    const nul = nulField(parsed.data, []);
    if (nul !== undefined) {
      return fail('VALIDATION_ERROR', `${nul} contains a control character (NUL) that cannot be stored.`, {
        field: nul,
      });
    }
    return ok({ channel, input: parsed.data as Record<string, unknown> });
  }

  return {
    handlers,
    async call(channel, rawInput, caller) {
      const valid = validate(channel, rawInput, caller);
      if (!valid.ok) return valid;
      // Right after start-up the file's integrity check may still be running (db/open.ts):
      // a write waits for it rather than being refused; reads go ahead.
      const checking = contract[valid.value.channel].mutates ? db.writesSettled() : null;
      if (checking !== null) await checking;
      try {
        return ok(await run(valid.value.channel, valid.value.input, caller));
      } catch (error) {
        return refusal(error);
      }
    },
  };
}

/** The synchronous handle under a SQLite async handle (SQLite-only channels use it); none on PostgreSQL. */
function sqliteOf(db: AsyncDb): Db | undefined {
  return db.engine === 'sqlite' && 'db' in db && db.db instanceof Db ? db.db : undefined;
}

/** Without sync handlers registered (a door that has none), the sync channels are refused. */
const noSync: SyncHandlersFactory = () => {
  const refuse = () => Promise.reject(new AppError('NOT_FOUND', 'Payment-provider sync is not available here.'));
  return {
    'sync.status': refuse,
    'sync.run': refuse,
    'sync.configure': refuse,
    'sync.unmatched.list': refuse,
    'sync.unmatched.resolve': refuse,
    'sync.unmatched.dismiss': refuse,
    'sync.review.list': refuse,
    'sync.review.resolve': refuse,
  };
};
