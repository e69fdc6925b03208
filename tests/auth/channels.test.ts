/**
 * The auth.* and users.* channels through the router (the door a team server, the CLI and the
 * desktop app share): the CLI makes the first admin with no sign-in; a session's role decides
 * what its holder may call; auth.me/logout/changePassword act on the caller's session.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SignIn, User } from '../../shared/contract.users';
import type { Result } from '../../shared/result';
import { SqliteAsyncDb } from '../../electron/db/async-db.sqlite';
import { authenticate, type Session } from '../../electron/auth/auth.service';
import { authCall } from '../../electron/auth/context';
import { openTestLedger, type TestLedger } from '../support/ledger';

const PASSWORD = 'correct horse battery';
let l: TestLedger;
beforeEach(async () => {
  l = await openTestLedger();
});
afterEach(() => l.close());

function value<T>(result: Result<unknown>): T {
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return result.value as T;
}

/** What a team server's door does with a bearer token before it calls the router. */
function sessionFor(token: string): Promise<Session> {
  return authenticate(authCall(new SqliteAsyncDb(l.db), 'door', l.clock.now()), token);
}

describe('users and sign-in through the router', () => {
  it('the CLI (no role) makes the first admin; the admin signs in and manages the team', async () => {
    const admin = value<User>(
      await l.router.call('users.create', { username: '  Anna ', password: PASSWORD, role: 'admin' }, { actor: 'cli' }),
    );
    expect(admin).toMatchObject({ username: 'anna', displayName: 'anna', role: 'admin', disabled: false });
    const signIn = value<SignIn>(
      await l.router.call('auth.login', { username: 'ANNA', password: PASSWORD }, { actor: 'anna' }),
    );
    const session = await sessionFor(signIn.token);
    const asAnna = { actor: 'anna', session };
    expect(value(await l.router.call('auth.me', {}, asAnna))).toEqual({
      user: signIn.user,
      expiresAt: signIn.expiresAt,
    });
    const clerk = value<User>(
      await l.router.call('users.create', { username: 'clara', password: PASSWORD, role: 'clerk' }, asAnna),
    );
    expect(value<{ items: User[] }>(await l.router.call('users.list', {}, asAnna)).items).toHaveLength(2);

    // The clerk's session carries the clerk role: no raising their own role, no users at all.
    const claraToken = value<SignIn>(
      await l.router.call('auth.login', { username: 'clara', password: PASSWORD }, { actor: 'clara' }),
    ).token;
    const clara = await sessionFor(claraToken);
    const asClara = { actor: 'clara', session: clara };
    const raise = await l.router.call('users.update', { userId: clerk.id, role: 'admin' }, asClara);
    expect(!raise.ok && raise.error).toMatchObject({
      code: 'FORBIDDEN',
      details: { role: 'clerk', requiredRole: 'admin' },
    });
    expect(value<{ id: number }>(await l.router.call('clients.create', { name: 'Walk-in' }, asClara)).id).toBe(1);

    // Changing one's own password keeps this session; logging out ends it.
    await l.router.call(
      'auth.changePassword',
      { currentPassword: PASSWORD, newPassword: 'clara has a new one' },
      asClara,
    );
    expect(value(await l.router.call('auth.logout', {}, asClara))).toEqual({ signedOut: true });
    // The door authenticates every request: the token that logged out no longer finds a session.
    await expect(sessionFor(claraToken)).rejects.toMatchObject({
      code: 'UNAUTHENTICATED',
    });
    await expect(sessionFor(signIn.token)).resolves.toMatchObject({ user: { username: 'anna' } });
    await expect(authenticate(authCall(new SqliteAsyncDb(l.db), 'door', l.clock.now()), undefined)).rejects.toThrow();
  });

  it('refuses bad input naming the field, and never echoes a password', async () => {
    const short = await l.router.call(
      'users.create',
      { username: 'bob', password: 'short', role: 'clerk' },
      { actor: 'cli' },
    );
    expect(!short.ok && short.error).toMatchObject({ code: 'VALIDATION_ERROR', details: { field: 'password' } });
    expect(JSON.stringify(short)).not.toContain('"short"');
    const role = await l.router.call(
      'users.create',
      { username: 'bob', password: PASSWORD, role: 'owner' },
      { actor: 'cli' },
    );
    expect(!role.ok && role.error.details?.field).toBe('role');
    const name = await l.router.call(
      'users.create',
      { username: 'bob smith', password: PASSWORD, role: 'clerk' },
      { actor: 'cli' },
    );
    expect(!name.ok && name.error.details?.field).toBe('username');
    const wrong = await l.router.call('auth.login', { username: 'bob', password: 'whatever it is' }, { actor: 'x' });
    expect(!wrong.ok && wrong.error).toEqual({
      code: 'UNAUTHENTICATED',
      message: 'The username or password is not right.',
    });
    expect(l.dump()).not.toContain(PASSWORD);
  });

  it('answers the session channels with UNAUTHENTICATED where nobody signed in (desktop, CLI)', async () => {
    for (const channel of ['auth.me', 'auth.logout']) {
      const result = await l.router.call(channel, {}, { actor: 'desk' });
      expect(!result.ok && result.error.code, channel).toBe('UNAUTHENTICATED');
    }
  });
});
