/**
 * Users (PRODUCT F14): create, list, change role / name / disabled, reset a password. Admin
 * channels; the router has checked the role before any of this runs. Passwords are hashed
 * before the transaction opens (scrypt is slow CPU work, and a write may be retried on
 * PostgreSQL); disabling a user or resetting their password ends their sessions in the same
 * transaction, so an open session stops working at once.
 */
import type { ParsedInput } from '../../shared/contract';
import type { Page } from '../../shared/dto';
import type { User } from '../../shared/contract.users';
import { AppError } from '../../shared/result';
import type { AsyncQueries, AsyncTx } from '../db/async-db';
import { DEFAULT_LIMIT, decodeCursor, toPage } from '../ledger/cursor';
import type { AuthCall } from './context';
import { checkPasswordRule, hashPassword } from './password';
import { auditUser, toUser, USER_COLUMNS } from './users.rows';

/** Creates a user; a username already taken (in any case) is CONFLICT. */
export async function createUser(call: AuthCall, input: ParsedInput<'users.create'>): Promise<User> {
  checkPasswordRule(input.password);
  const passwordHash = await hashPassword(input.password);
  return call.db.write(async (tx) => {
    const inserted = await tx.get(
      tx.k
        .insertInto('users')
        .values({
          username: input.username,
          display_name: input.displayName ?? input.username,
          role: input.role,
          password_hash: passwordHash,
          disabled: 0,
          password_changed_at: call.nowIso,
          created_at: call.nowIso,
          updated_at: call.nowIso,
        })
        .onConflict((oc) => oc.column('username').doNothing())
        .returning(USER_COLUMNS),
    );
    if (inserted === undefined) {
      throw new AppError('CONFLICT', `There is already a user called ${input.username}.`, { field: 'username' });
    }
    const user = toUser(inserted);
    await auditUser(tx, call, user.id, 'create', null, user);
    return user;
  });
}

/** Every user, oldest first, a page at a time. */
export async function listUsers(q: AsyncQueries, input: ParsedInput<'users.list'>): Promise<Page<User>> {
  const limit = input.limit ?? DEFAULT_LIMIT;
  let query = q.k
    .selectFrom('users')
    .select(USER_COLUMNS)
    .orderBy('id')
    .limit(limit + 1);
  if (input.cursor !== undefined) {
    const [afterId] = decodeCursor(input.cursor, ['number'] as const);
    query = query.where('id', '>', afterId);
  }
  return toPage(await q.all(query), limit, toUser, (r) => [r.id]);
}

async function lockedUser(tx: AsyncTx, userId: number) {
  const row = await tx.get(tx.forUpdate(tx.k.selectFrom('users').select(USER_COLUMNS).where('id', '=', userId)));
  if (row === undefined) throw new AppError('NOT_FOUND', `User ${userId} does not exist.`, { userId });
  return row;
}

/**
 * Refuses a change that would leave no enabled admin: the team could then only be repaired
 * from the command line. The admins are locked first, so two admins demoting each other at
 * once cannot both succeed.
 */
async function keepAnAdmin(tx: AsyncTx, userId: number): Promise<void> {
  const admins = await tx.all(
    tx.forUpdate(
      tx.k
        .selectFrom('users')
        .select('id')
        .where('role', '=', 'admin')
        .where('disabled', '=', 0)
        .where('id', '!=', userId)
        .orderBy('id'),
    ),
  );
  if (admins.length === 0) {
    throw new AppError('CONFLICT', 'At least one active admin must remain, so this change was not saved.', {
      userId,
    });
  }
}

/** Ends every open session of `userId` (all but `keep`), in the caller's transaction. */
export async function endSessions(
  tx: AsyncTx,
  userId: number,
  reason: 'disabled' | 'password_changed' | 'logout',
  nowIso: string,
  keep?: number,
): Promise<number> {
  let update = tx.k
    .updateTable('sessions')
    .set({ ended_at: nowIso, end_reason: reason })
    .where('user_id', '=', userId)
    .where('ended_at', 'is', null);
  if (keep !== undefined) update = update.where('id', '!=', keep);
  return (await tx.run(update)).changes;
}

/** Changes a user's role, display name or disabled flag; disabling ends their sessions at once. */
export async function updateUser(call: AuthCall, input: ParsedInput<'users.update'>): Promise<User> {
  return call.db.write(async (tx) => {
    const row = await lockedUser(tx, input.userId);
    const before = toUser(row);
    const after: User = {
      ...before,
      role: input.role ?? before.role,
      displayName: input.displayName ?? before.displayName,
      disabled: input.disabled ?? before.disabled,
    };
    if (after.role === before.role && after.displayName === before.displayName && after.disabled === before.disabled) {
      return before;
    }
    const stillAdmin = after.role === 'admin' && !after.disabled;
    if (before.role === 'admin' && !before.disabled && !stillAdmin) await keepAnAdmin(tx, input.userId);
    after.updatedAt = call.nowIso;
    await tx.run(
      tx.k
        .updateTable('users')
        .set({
          role: after.role,
          display_name: after.displayName,
          disabled: after.disabled ? 1 : 0,
          updated_at: call.nowIso,
        })
        .where('id', '=', input.userId),
    );
    if (after.disabled && !before.disabled) await endSessions(tx, input.userId, 'disabled', call.nowIso);
    await auditUser(tx, call, input.userId, 'update', before, after);
    return after;
  });
}

/** Sets a new password for a user (an admin's reset); every session of theirs ends. */
export async function setUserPassword(call: AuthCall, input: ParsedInput<'users.setPassword'>): Promise<User> {
  checkPasswordRule(input.password);
  const passwordHash = await hashPassword(input.password);
  return call.db.write(async (tx) => {
    const row = await lockedUser(tx, input.userId);
    await tx.run(
      tx.k
        .updateTable('users')
        .set({ password_hash: passwordHash, password_changed_at: call.nowIso, updated_at: call.nowIso })
        .where('id', '=', input.userId),
    );
    const ended = await endSessions(tx, input.userId, 'password_changed', call.nowIso);
    const user = { ...toUser(row), updatedAt: call.nowIso };
    await auditUser(tx, call, user.id, 'set_password', null, { username: user.username, sessionsEnded: ended });
    return user;
  });
}
