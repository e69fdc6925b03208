/**
 * The one router behind every door (Electron IPC, browser-mode HTTP, CLI):
 * validate the input against the contract → run the handler in a transaction → wrap the
 * Result. Nothing below here knows which door a call came through.
 *
 * Task channels (`task: true` in the contract: network or chunked work) run outside any
 * transaction and open their own short ones; they are not idempotency-wrapped here.
 * Mutating channels run in one BEGIN IMMEDIATE transaction together with their idempotency
 * record: a repeat of the same key returns the first result, the same key with different
 * input is CONFLICT, and a refusal (any thrown AppError) rolls everything back, so a refused
 * call writes nothing.
 */
import { createHash } from 'node:crypto';
import type { ZodError } from 'zod';
import { contract, inputSchema, isChannel, type Channel } from '../../shared/contract';
import { AppError, fail, ok, type Result } from '../../shared/result';
import type { Db, Tx } from '../db/database';
import type { Call, TaskCall } from '../ledger/context';
import { createHandlers, type Handlers } from '../ledger/handlers';
import type { SyncPoller } from '../sync/poller';

/** Who is calling: recorded on every entry and audit row. */
export interface CallerContext {
  actor: string;
}

/** The router's interface, shared by all doors. */
export interface Router {
  /** Any channel; what every door uses. */
  call(channel: string, input: unknown, caller: CallerContext): Promise<Result<unknown>>;
  /** Database-only channels, synchronously (demo data, benchmarks, tests). */
  callSync(channel: string, input: unknown, caller: CallerContext): Result<unknown>;
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
    return new AppError('VALIDATION_ERROR', `The input ${issue.message}.`, { field: '' });
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

/** SQLite errors that are a state of the data, not a bug: named for the user as CONFLICT. */
function sqliteRefusal(error: unknown): AppError | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return undefined;
  if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED') {
    return new AppError('CONFLICT', 'The ledger is busy with another change. Try again in a moment.');
  }
  // A uniqueness or trigger refusal is the data saying no (a number already used, a decision
  // already taken by another process). Any other constraint failure is a bug: let it surface.
  if (
    code === 'SQLITE_CONSTRAINT_UNIQUE' ||
    code === 'SQLITE_CONSTRAINT_PRIMARYKEY' ||
    code === 'SQLITE_CONSTRAINT_TRIGGER'
  ) {
    return new AppError('CONFLICT', 'This change conflicts with the ledger as it stands now, so nothing was saved.', {
      constraint: (error as Error).message,
    });
  }
  return undefined;
}

/**
 * Another process (the CLI beside the app) may hold the write lock longer than the busy
 * timeout on a loaded machine. The refused transaction wrote nothing, so it is simply run
 * again a few times before "busy" is ever shown to a person.
 */
function writeWithRetry<T>(write: () => T, attempts = 4): T {
  for (let attempt = 1; ; attempt++) {
    try {
      return write();
    } catch (error) {
      const code = (error as { code?: unknown } | null)?.code;
      if (attempt >= attempts || (code !== 'SQLITE_BUSY' && code !== 'SQLITE_BUSY_SNAPSHOT')) throw error;
    }
  }
}

/** Options for {@link createRouter}. */
export interface RouterOptions {
  db: Db;
  clock?: () => Date;
  /** The payment-provider poller main.ts started; the CLI and tests may leave it out. */
  sync?: SyncPoller;
  /** Where the PDF statement fonts are (the packaged app passes <resources>/fonts). */
  fontDir?: string;
  /** Where `backup.*` channels keep backups; beside the ledger file by default. */
  backupDir?: string;
}

export function createRouter({
  db,
  clock = () => new Date(),
  sync,
  fontDir,
  backupDir,
}: RouterOptions): Router & { handlers: Handlers } {
  const handlers = createHandlers({
    db,
    clock,
    ...(sync === undefined ? {} : { sync }),
    ...(fontDir === undefined ? {} : { fontDir }),
    ...(backupDir === undefined ? {} : { backupDir }),
  });
  const findKey = db.precompile(1, (key: string) =>
    db.k.selectFrom('idempotency_keys').select(['channel', 'input_hash', 'result_json']).where('key', '=', key),
  );

  function run(channel: Channel, input: Record<string, unknown>, caller: CallerContext): unknown {
    const now = clock();
    const makeCall = (tx: Tx): Call => ({ tx, actor: caller.actor, now, nowIso: now.toISOString() });
    const spec: { mutates: boolean; task?: boolean } = contract[channel];
    if (spec.task === true) {
      const task = handlers[channel] as unknown as (input: unknown, call: TaskCall) => Promise<unknown>;
      return task(input, { db, actor: caller.actor, now, nowIso: now.toISOString() });
    }
    const handler = handlers[channel] as (input: unknown, call: Call) => unknown;
    if (!spec.mutates) return db.read((q) => handler(input, makeCall(q as Tx)));
    const { idempotencyKey, ...rest } = input as { idempotencyKey?: string };
    return writeWithRetry(() =>
      db.write((tx) => {
        if (idempotencyKey === undefined) return handler(rest, makeCall(tx));
        const hash = fingerprint(channel, rest);
        const seen = findKey.get(idempotencyKey);
        if (seen !== undefined) {
          if (seen.channel !== channel || seen.input_hash !== hash) {
            throw new AppError('CONFLICT', 'This idempotency key was already used for a different action.', {
              field: 'idempotencyKey',
            });
          }
          return JSON.parse(seen.result_json) as unknown;
        }
        const value = handler(rest, makeCall(tx));
        tx.run(
          tx.k.insertInto('idempotency_keys').values({
            key: idempotencyKey,
            channel,
            input_hash: hash,
            result_json: JSON.stringify(value),
            created_at: now.toISOString(),
          }),
        );
        return value;
      }),
    );
  }

  function refusal(error: unknown): Result<unknown> {
    if (error instanceof AppError) return { ok: false, error: error.toApiError() };
    const refused = sqliteRefusal(error);
    if (refused !== undefined) return { ok: false, error: refused.toApiError() };
    throw error;
  }

  function validate(channel: string, rawInput: unknown): Result<{ channel: Channel; input: Record<string, unknown> }> {
    if (!isChannel(channel)) return fail('NOT_FOUND', `There is no action called "${channel}".`, { channel });
    const parsed = inputSchema(channel).safeParse(rawInput ?? {});
    if (!parsed.success) return { ok: false, error: validationError(parsed.error, rawInput).toApiError() };
    return ok({ channel, input: parsed.data as Record<string, unknown> });
  }

  return {
    handlers,
    callSync(channel, rawInput, caller) {
      const valid = validate(channel, rawInput);
      if (!valid.ok) return valid;
      // Refuse before running: a task started here would go on in the background.
      if ((contract[valid.value.channel] as { task?: boolean }).task === true) {
        throw new Error(`${channel} is asynchronous: use call()`);
      }
      try {
        const value = run(valid.value.channel, valid.value.input, caller);
        return ok(value);
      } catch (error) {
        return refusal(error);
      }
    },
    async call(channel, rawInput, caller) {
      const valid = validate(channel, rawInput);
      if (!valid.ok) return valid;
      try {
        return ok(await run(valid.value.channel, valid.value.input, caller));
      } catch (error) {
        return refusal(error);
      }
    },
  };
}
