/**
 * Rows of the users table to the wire types, and the audit rows of user changes. The password
 * hash is never selected here: these are the only shapes that leave electron/auth.
 */
import type { SessionUser, User } from '../../shared/contract.users';
import type { AsyncQueries } from '../db/async-db';
import type { UsersTable } from '../db/schema';
import type { AuthCall } from './context';

/** The columns a user is shown with: everything but the password hash. */
export const USER_COLUMNS = ['id', 'username', 'display_name', 'role', 'disabled', 'created_at', 'updated_at'] as const;

type UserRow = Pick<UsersTable, Exclude<(typeof USER_COLUMNS)[number], 'id'>> & { id: number };

export function toUser(r: UserRow): User {
  return {
    id: r.id,
    username: r.username,
    displayName: r.display_name,
    role: r.role,
    disabled: r.disabled === 1,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export function toSessionUser(r: Pick<UserRow, 'id' | 'username' | 'display_name' | 'role'>): SessionUser {
  return { id: r.id, username: r.username, displayName: r.display_name, role: r.role };
}

/** Records a change to a user (or a lockout) in the audit log; never given a password or hash. */
export async function auditUser(
  q: AsyncQueries,
  call: Pick<AuthCall, 'actor' | 'nowIso'>,
  userId: number | null,
  action: string,
  before: unknown,
  after: unknown,
): Promise<void> {
  await q.run(
    q.k.insertInto('audit_log').values({
      at: call.nowIso,
      actor: call.actor,
      entity: 'user',
      entity_id: userId,
      action,
      before_json: before === null ? null : JSON.stringify(before),
      after_json: after === null ? null : JSON.stringify(after),
    }),
  );
}
