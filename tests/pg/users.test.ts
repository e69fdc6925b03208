/**
 * Users and sessions (PRODUCT F14) on both engines: the services of electron/auth called
 * directly over the async database (not through the router yet), once on a SQLite file and
 * once on a PostgreSQL database of a throw-away cluster; plus migration 0005's own refusals.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { dbErrorKind, type AsyncDb } from '../../electron/db/async-db';
import { openAsyncLedger } from '../../electron/db/async-db.open';
import { authCall } from '../../electron/auth/context';
import { authenticate, changePassword, login, logout, me } from '../../electron/auth/auth.service';
import { createUser, listUsers, setUserPassword, updateUser } from '../../electron/auth/users.service';
import { assertFourEyes } from '../../electron/auth/four-eyes';
import { AppError } from '../../shared/result';
import type { Role } from '../../shared/roles';
import { describeWithPostgres } from '../support/pg-cluster';
import { failure, freshLedgerUrl } from './support';

const T0 = Date.parse('2026-03-01T09:00:00.000Z');
const MIN = 60 * 1000;
const HOUR = 60 * MIN;
const PASSWORD = 'correct horse battery';

/** Rejects with an AppError of `code` (fails when the promise resolves). */
async function refused(promise: Promise<unknown>, code: string): Promise<AppError> {
  const error = await failure(promise);
  if (!(error instanceof AppError)) throw error;
  expect(error.code, error.message).toBe(code);
  return error;
}

/** Every row of the tables sign-in touches, as text (equal dumps: nothing was written). */
async function dump(db: AsyncDb): Promise<string> {
  const tables = ['users', 'sessions', 'login_attempts', 'audit_log'] as const;
  const out: Record<string, unknown[]> = {};
  for (const table of tables) out[table] = await db.all(db.k.selectFrom(table).selectAll().orderBy('id'));
  return JSON.stringify(out);
}

function bothEngines(fresh: () => Promise<string>): void {
  const handles: AsyncDb[] = [];
  afterAll(async () => {
    await Promise.all(handles.map((db) => db.close()));
  });
  /** A fresh ledger with an admin "root" created from the command line (actor "cli"). */
  async function ledger() {
    const db = await openAsyncLedger(await fresh());
    handles.push(db);
    const at = (ms: number, actor = 'root') => authCall(db, actor, new Date(ms));
    const root = await createUser(at(T0, 'cli'), { username: 'root', password: PASSWORD, role: 'admin' });
    const add = (username: string, role: Role) => createUser(at(T0), { username, password: PASSWORD, role });
    return { db, at, root, add };
  }

  it('create users without ever storing or returning the password; a taken username is CONFLICT', async () => {
    const { db, at, add } = await ledger();
    const clerk = await createUser(at(T0), {
      username: 'clara',
      password: PASSWORD,
      role: 'clerk',
      displayName: 'Clara Berzina',
    });
    expect(clerk).toEqual({
      id: 2,
      username: 'clara',
      displayName: 'Clara Berzina',
      role: 'clerk',
      disabled: false,
      createdAt: '2026-03-01T09:00:00.000Z',
      updatedAt: '2026-03-01T09:00:00.000Z',
    });
    expect((await add('victor', 'viewer')).displayName).toBe('victor');
    const before = await dump(db);
    expect((await refused(add('clara', 'admin'), 'CONFLICT')).details).toEqual({ field: 'username' });
    const short = await refused(
      createUser(at(T0), { username: 'shorty', password: 'elevenchars', role: 'clerk' }),
      'VALIDATION_ERROR',
    );
    expect(short.details?.field).toBe('password');
    expect(await dump(db)).toBe(before);

    const stored = await db.get(db.k.selectFrom('users').select('password_hash').where('username', '=', 'clara'));
    expect(stored?.password_hash).toMatch(/^\$scrypt\$ln=15,r=8,p=1\$/);
    expect(before).not.toContain(PASSWORD);
    const audit = await db.all(
      db.k.selectFrom('audit_log').select(['actor', 'entity', 'action', 'after_json']).orderBy('id'),
    );
    expect(audit.map((a) => `${a.actor} ${a.entity} ${a.action}`)).toEqual([
      'cli user create',
      'root user create',
      'root user create',
    ]);
    expect(JSON.stringify(audit)).not.toMatch(/scrypt|password/i);

    const page1 = await listUsers(db, { limit: 2 });
    expect(page1.items.map((u) => u.username)).toEqual(['root', 'clara']);
    const page2 = await listUsers(db, { limit: 2, cursor: page1.nextCursor! });
    expect(page2).toEqual({ items: [expect.objectContaining({ username: 'victor' })], nextCursor: null });
    expect(JSON.stringify([page1, page2])).not.toMatch(/scrypt|hash/i);
  });

  it('sign in with the right password; wrong password, unknown and disabled users get one answer', async () => {
    const { db, at, add } = await ledger();
    const clerk = await add('clara', 'clerk');
    const signIn = await login(at(T0), { username: 'clara', password: PASSWORD });
    expect(signIn.user).toEqual({ id: clerk.id, username: 'clara', displayName: 'clara', role: 'clerk' });
    expect(signIn.expiresAt).toBe('2026-03-01T21:00:00.000Z');
    expect(signIn.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(await dump(db)).not.toContain(signIn.token);
    const session = await authenticate(at(T0 + MIN), signIn.token);
    expect(me(session)).toEqual({ user: signIn.user, expiresAt: '2026-03-01T21:01:00.000Z' });

    const answers = await Promise.all([
      refused(login(at(T0), { username: 'clara', password: 'not the password' }), 'UNAUTHENTICATED'),
      refused(login(at(T0), { username: 'nobody', password: PASSWORD }), 'UNAUTHENTICATED'),
    ]);
    await updateUser(at(T0), { userId: clerk.id, disabled: true });
    answers.push(await refused(login(at(T0), { username: 'clara', password: PASSWORD }), 'UNAUTHENTICATED'));
    expect(new Set(answers.map((e) => JSON.stringify(e.toApiError()))).size).toBe(1);
    expect(answers[0]!.toApiError()).toEqual({
      code: 'UNAUTHENTICATED',
      message: 'The username or password is not right.',
    });
    // Disabling ended the open session at once.
    await refused(authenticate(at(T0 + 2 * MIN), signIn.token), 'UNAUTHENTICATED');
    const attempts = await db.all(db.k.selectFrom('login_attempts').select(['username', 'outcome']).orderBy('id'));
    expect(attempts.map((a) => `${a.username} ${a.outcome}`).sort()).toEqual(
      ['clara success', 'clara failure', 'nobody failure', 'clara failure'].sort(),
    );
  });

  it('refuse missing, malformed, unknown, ended and idle-expired tokens', async () => {
    const { at, add } = await ledger();
    await add('clara', 'clerk');
    const { token } = await login(at(T0), { username: 'clara', password: PASSWORD });
    for (const bad of [
      undefined,
      '',
      'Bearer x',
      token.slice(1),
      `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`,
    ]) {
      await refused(authenticate(at(T0), bad), 'UNAUTHENTICATED');
    }
    // Used after 11 hours: the 12 idle hours start again from then.
    expect((await authenticate(at(T0 + 11 * HOUR), token)).expiresAt).toBe('2026-03-02T08:00:00.000Z');
    await authenticate(at(T0 + 22 * HOUR), token);
    await refused(authenticate(at(T0 + 34 * HOUR), token), 'UNAUTHENTICATED');

    const second = await login(at(T0), { username: 'clara', password: PASSWORD });
    const session = await authenticate(at(T0), second.token);
    expect(await logout(at(T0), session)).toEqual({ signedOut: true });
    await refused(authenticate(at(T0), second.token), 'UNAUTHENTICATED');
  });

  it('lock a username for 15 minutes after five failures in 15 minutes, known or not, and audit it', async () => {
    const { db, at, add } = await ledger();
    await add('clara', 'clerk');
    for (const username of ['clara', 'ghost']) {
      for (let i = 0; i < 5; i++) {
        await refused(login(at(T0 + i * MIN), { username, password: 'wrong password!' }), 'UNAUTHENTICATED');
      }
      const lockedOut = await refused(login(at(T0 + 5 * MIN), { username, password: PASSWORD }), 'UNAUTHENTICATED');
      expect(lockedOut.details).toEqual({ lockedUntil: '2026-03-01T09:19:00.000Z' });
      await refused(login(at(T0 + 19 * MIN - 1), { username, password: PASSWORD }), 'UNAUTHENTICATED');
    }
    // The lock ends after 15 minutes; attempts made while locked did not extend it.
    expect((await login(at(T0 + 19 * MIN), { username: 'clara', password: PASSWORD })).user.username).toBe('clara');
    const ghost = await refused(login(at(T0 + 19 * MIN), { username: 'ghost', password: PASSWORD }), 'UNAUTHENTICATED');
    expect(ghost.details).toBeUndefined();
    const audit = await db.all(
      db.k
        .selectFrom('audit_log')
        .select(['actor', 'action', 'entity_id', 'after_json'])
        .where('action', '=', 'sign_in_locked')
        .orderBy('id'),
    );
    expect(audit).toEqual([
      {
        actor: 'clara',
        action: 'sign_in_locked',
        entity_id: 2,
        after_json: '{"username":"clara","lockedUntil":"2026-03-01T09:19:00.000Z"}',
      },
      {
        actor: 'ghost',
        action: 'sign_in_locked',
        entity_id: null,
        after_json: '{"username":"ghost","lockedUntil":"2026-03-01T09:19:00.000Z"}',
      },
    ]);
    // A success clears the count: four more failures after it do not lock.
    for (let i = 0; i < 4; i++) {
      await refused(login(at(T0 + 20 * MIN), { username: 'clara', password: 'wrong password!' }), 'UNAUTHENTICATED');
    }
    await login(at(T0 + 21 * MIN), { username: 'clara', password: PASSWORD });
  });

  it("change passwords: an admin reset ends every session, a change of one's own ends the others", async () => {
    const { db, at, add } = await ledger();
    const clerk = await add('clara', 'clerk');
    const a = await login(at(T0), { username: 'clara', password: PASSWORD });
    const b = await login(at(T0), { username: 'clara', password: PASSWORD });
    const session = await authenticate(at(T0), a.token);
    const wrong = await refused(
      changePassword(at(T0, 'clara'), session, {
        currentPassword: 'not my password',
        newPassword: 'a new long password',
      }),
      'VALIDATION_ERROR',
    );
    expect(wrong.details?.field).toBe('currentPassword');
    const short = await refused(
      changePassword(at(T0, 'clara'), session, { currentPassword: PASSWORD, newPassword: 'too short' }),
      'VALIDATION_ERROR',
    );
    expect(short.details?.field).toBe('newPassword');
    await changePassword(at(T0, 'clara'), session, { currentPassword: PASSWORD, newPassword: 'a new long password' });
    await authenticate(at(T0), a.token);
    await refused(authenticate(at(T0), b.token), 'UNAUTHENTICATED');
    await refused(login(at(T0), { username: 'clara', password: PASSWORD }), 'UNAUTHENTICATED');
    await login(at(T0), { username: 'clara', password: 'a new long password' });

    await setUserPassword(at(T0), { userId: clerk.id, password: 'reset by the admin' });
    await refused(authenticate(at(T0), a.token), 'UNAUTHENTICATED');
    await login(at(T0), { username: 'clara', password: 'reset by the admin' });
    await refused(setUserPassword(at(T0), { userId: 999, password: 'reset by the admin' }), 'NOT_FOUND');
    expect(await dump(db)).not.toMatch(/a new long password|reset by the admin/);
  });

  it('change roles and names, and always keep one active admin', async () => {
    const { at, root, add } = await ledger();
    const clerk = await add('clara', 'clerk');
    expect(
      await updateUser(at(T0 + MIN), { userId: clerk.id, role: 'approver', displayName: 'Clara B.' }),
    ).toMatchObject({
      role: 'approver',
      displayName: 'Clara B.',
      updatedAt: '2026-03-01T09:01:00.000Z',
    });
    // The role is read at each request: an open session sees the new role at once.
    const { token } = await login(at(T0), { username: 'clara', password: PASSWORD });
    await updateUser(at(T0), { userId: clerk.id, role: 'viewer' });
    expect((await authenticate(at(T0), token)).user.role).toBe('viewer');

    await refused(updateUser(at(T0), { userId: root.id, role: 'clerk' }), 'CONFLICT');
    await refused(updateUser(at(T0), { userId: root.id, disabled: true }), 'CONFLICT');
    await updateUser(at(T0), { userId: clerk.id, role: 'admin' });
    expect((await updateUser(at(T0), { userId: root.id, disabled: true })).disabled).toBe(true);
    await refused(updateUser(at(T0), { userId: 999, role: 'clerk' }), 'NOT_FOUND');
  });

  it('keep users, ended sessions and sign-in attempts as the database says (migration 0005)', async () => {
    const { db, at } = await ledger();
    const { token } = await login(at(T0), { username: 'root', password: PASSWORD });
    await logout(at(T0), await authenticate(at(T0), token));
    const refusedBy = async (query: Parameters<AsyncDb['run']>[0], message: RegExp) => {
      const error = await failure(db.run(query));
      expect(dbErrorKind(error), error.message).toBe('refused-by-trigger');
      expect(error.message).toMatch(message);
    };
    await refusedBy(db.k.deleteFrom('users'), /users are never deleted/);
    await refusedBy(
      db.k.updateTable('sessions').set({ ended_at: null, end_reason: null }),
      /an ended session stays ended/,
    );
    await refusedBy(
      db.k.updateTable('login_attempts').set({ outcome: 'failure' }),
      /sign-in attempts are never edited/,
    );
    const insertUser = (username: string, role: string) =>
      db.run(
        db.k.insertInto('users').values({
          username,
          display_name: 'x',
          role: role as Role,
          password_hash: '$scrypt$x',
          disabled: 0,
          password_changed_at: 'now',
          created_at: 'now',
          updated_at: 'now',
        }),
      );
    expect(dbErrorKind(await failure(insertUser('ROOT2', 'admin')))).toBeUndefined(); // CHECK: lower case only
    expect(dbErrorKind(await failure(insertUser('other', 'owner')))).toBeUndefined(); // CHECK: the four roles
    expect(dbErrorKind(await failure(insertUser('root', 'admin')))).toBe('unique');
    const settings = await db.get(db.k.selectFrom('settings').select('four_eyes'));
    expect(settings).toEqual({ four_eyes: 0 });
    if (db.engine === 'postgres') {
      await refusedBy({ compile: () => sql`TRUNCATE users CASCADE`.compile(db.k) }, /users are never deleted/);
    }
  });
}

describe('users and sessions on SQLite', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cd-users-'));
  let n = 0;
  bothEngines(() => Promise.resolve(join(dir, `ledger-${++n}.db`)));
});

describeWithPostgres('users and sessions on PostgreSQL', (cluster) => {
  bothEngines(() => freshLedgerUrl(cluster()));
});

describe('four eyes', () => {
  it('refuses the person who made the thing, admin included, only when switched on', () => {
    expect(() => assertFourEyes(false, 'clara', 'clara', { requestId: 1 })).not.toThrow();
    expect(() => assertFourEyes(true, 'clara', 'anna', { requestId: 1 })).not.toThrow();
    try {
      assertFourEyes(true, 'clara', 'clara', { requestId: 1 });
      throw new Error('expected FOUR_EYES_REQUIRED');
    } catch (error) {
      expect((error as AppError).toApiError()).toEqual({
        code: 'FOUR_EYES_REQUIRED',
        message: 'You submitted this request, so another person must accept or reject it.',
        details: { requestId: 1, submittedBy: 'clara' },
      });
    }
  });
});
