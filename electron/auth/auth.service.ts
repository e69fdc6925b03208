/**
 * Signing in and sessions (PRODUCT F14).
 *
 * - A wrong password, an unknown username and a disabled user get the same answer
 *   (UNAUTHENTICATED, the same message) after the same scrypt work (an unknown username is
 *   checked against a dummy hash).
 * - Five failures for a username within 15 minutes lock its sign-in for 15 minutes
 *   (electron/auth/rules.ts); attempts are counted per username as typed, so a lock says
 *   nothing about whether the account exists. The lock is recorded in the audit log.
 * - A session is a random token the person holds; the database keeps its SHA-256. It ends
 *   after 12 hours idle, at logout, when the user is disabled and when the password is reset.
 *
 * A refused sign-in still writes its attempt: that record is the lockout rule's memory.
 */
import type { ParsedInput } from '../../shared/contract';
import type { SessionUser, SignIn } from '../../shared/contract.users';
import { AppError, invalid } from '../../shared/result';
import type { AsyncQueries, AsyncTx } from '../db/async-db';
import type { AuthCall } from './context';
import { checkPasswordRule, hashPassword, verifyAgainstDummy, verifyPassword } from './password';
import { attemptsRelevantSince, lockedUntil, sessionExpired, sessionExpiresAt } from './rules';
import { looksLikeToken, newToken, tokenHash } from './tokens';
import { endSessions } from './users.service';
import { auditUser, toSessionUser } from './users.rows';

const WRONG = 'The username or password is not right.';
const ENDED = 'Your session has ended. Sign in again.';

/** A signed-in caller, as the doors hold it for the rest of a request. */
export interface Session {
  sessionId: number;
  user: SessionUser;
  /** When the session ends if it stays idle from now on. */
  expiresAt: string;
}

/** Sessions are touched at most this often: a busy screen must not write on every read. */
const TOUCH_EVERY_MS = 60 * 1000;

function wrong(): AppError {
  return new AppError('UNAUTHENTICATED', WRONG);
}

function locked(untilMs: number): AppError {
  return new AppError(
    'UNAUTHENTICATED',
    'Too many failed sign-ins for this username. Sign-in is locked for 15 minutes; try again later.',
    { lockedUntil: new Date(untilMs).toISOString() },
  );
}

/** The lock on `username` at `nowMs`: failures since its last success, within the window that can matter. */
async function lockOn(q: AsyncQueries, username: string, nowMs: number): Promise<number | null> {
  const since = new Date(attemptsRelevantSince(nowMs)).toISOString();
  const rows = await q.all(
    q.k
      .selectFrom('login_attempts')
      .select(['at', 'outcome'])
      .where('username', '=', username)
      .where('at', '>=', since)
      .orderBy('at')
      .orderBy('id'),
  );
  const lastSuccess = rows.findLastIndex((r) => r.outcome === 'success');
  const failures = rows
    .slice(lastSuccess + 1)
    .filter((r) => r.outcome === 'failure')
    .map((r) => Date.parse(r.at));
  return lockedUntil(failures, nowMs);
}

async function recordAttempt(tx: AsyncTx, username: string, nowIso: string, outcome: 'success' | 'failure' | 'locked') {
  await tx.run(tx.k.insertInto('login_attempts').values({ username, at: nowIso, outcome }));
}

const userByName = (q: AsyncQueries, username: string) =>
  q.get(
    q.k
      .selectFrom('users')
      .select(['id', 'username', 'display_name', 'role', 'disabled', 'password_hash'])
      .where('username', '=', username),
  );

/** auth.login: a new session for the right username and password, else UNAUTHENTICATED. */
export async function login(call: AuthCall, input: ParsedInput<'auth.login'>): Promise<SignIn> {
  const nowMs = call.now.getTime();
  const lockedAt = await lockOn(call.db, input.username, nowMs);
  if (lockedAt !== null) {
    await call.db.write((tx) => recordAttempt(tx, input.username, call.nowIso, 'locked'));
    throw locked(lockedAt);
  }
  const user = await userByName(call.db, input.username);
  // The same scrypt work whatever the case: no user, a disabled one, a wrong password.
  const matches =
    user === undefined
      ? await verifyAgainstDummy(input.password)
      : await verifyPassword(input.password, user.password_hash);

  const outcome = await call.db.write(async (tx) => {
    // Serialise one user's sign-ins across processes, then look again: a lock that another
    // process set while this password was being checked still holds.
    if (user !== undefined) await tx.lockRows('users', 'id', [user.id]);
    const lockedNow = await lockOn(tx, input.username, nowMs);
    if (lockedNow !== null) {
      await recordAttempt(tx, input.username, call.nowIso, 'locked');
      return { refused: locked(lockedNow) };
    }
    const current = user === undefined ? undefined : await userByName(tx, input.username);
    if (!matches || current === undefined || current.disabled === 1 || current.password_hash !== user?.password_hash) {
      await recordAttempt(tx, input.username, call.nowIso, 'failure');
      const until = await lockOn(tx, input.username, nowMs);
      if (until !== null) {
        await auditUser(
          tx,
          { actor: input.username, nowIso: call.nowIso },
          current?.id ?? null,
          'sign_in_locked',
          null,
          {
            username: input.username,
            lockedUntil: new Date(until).toISOString(),
          },
        );
      }
      return { refused: wrong() };
    }
    await recordAttempt(tx, input.username, call.nowIso, 'success');
    const token = newToken();
    await tx.run(
      tx.k.insertInto('sessions').values({
        user_id: current.id,
        token_hash: tokenHash(token),
        created_at: call.nowIso,
        last_used_at: call.nowIso,
      }),
    );
    return {
      signIn: {
        token,
        user: toSessionUser(current),
        expiresAt: new Date(sessionExpiresAt(nowMs)).toISOString(),
      },
    };
  });
  if ('refused' in outcome) throw outcome.refused;
  return outcome.signIn;
}

/**
 * The session a bearer token names, touched as used; UNAUTHENTICATED for a missing, malformed,
 * unknown, ended or idle-expired token and for a disabled user. What the team server's door
 * calls before the router.
 */
export async function authenticate(call: AuthCall, token: string | undefined): Promise<Session> {
  if (token === undefined || !looksLikeToken(token)) throw new AppError('UNAUTHENTICATED', ENDED);
  const nowMs = call.now.getTime();
  const row = await call.db.get(
    call.db.k
      .selectFrom('sessions')
      .innerJoin('users', 'users.id', 'sessions.user_id')
      .select([
        'sessions.id as sessionId',
        'sessions.last_used_at',
        'sessions.ended_at',
        'users.id',
        'users.username',
        'users.display_name',
        'users.role',
        'users.disabled',
      ])
      .where('sessions.token_hash', '=', tokenHash(token)),
  );
  if (
    row === undefined ||
    row.ended_at !== null ||
    row.disabled === 1 ||
    sessionExpired(Date.parse(row.last_used_at), nowMs)
  ) {
    throw new AppError('UNAUTHENTICATED', ENDED);
  }
  let lastUsed = Date.parse(row.last_used_at);
  if (nowMs - lastUsed >= TOUCH_EVERY_MS) {
    // Only an open session is touched: one ended meanwhile (logout elsewhere) stays ended.
    const touched = await call.db.run(
      call.db.k
        .updateTable('sessions')
        .set({ last_used_at: call.nowIso })
        .where('id', '=', row.sessionId)
        .where('ended_at', 'is', null),
    );
    if (touched.changes === 0) throw new AppError('UNAUTHENTICATED', ENDED);
    lastUsed = nowMs;
  }
  return {
    sessionId: row.sessionId,
    user: toSessionUser(row),
    expiresAt: new Date(sessionExpiresAt(lastUsed)).toISOString(),
  };
}

/** auth.me: who holds this session and until when it lasts idle. */
export function me(session: Session): { user: SessionUser; expiresAt: string } {
  return { user: session.user, expiresAt: session.expiresAt };
}

/** auth.logout: ends this session (a second logout of the same token is UNAUTHENTICATED at the door). */
export async function logout(call: AuthCall, session: Session): Promise<{ signedOut: true }> {
  await call.db.write(async (tx) => {
    await tx.run(
      tx.k
        .updateTable('sessions')
        .set({ ended_at: call.nowIso, end_reason: 'logout' })
        .where('id', '=', session.sessionId)
        .where('ended_at', 'is', null),
    );
  });
  return { signedOut: true };
}

/**
 * auth.changePassword: the signed-in user's own password, proven by the current one. Every
 * other session of theirs ends (a stolen token stops working); this one goes on.
 */
export async function changePassword(
  call: AuthCall,
  session: Session,
  input: ParsedInput<'auth.changePassword'>,
): Promise<SessionUser> {
  checkPasswordRule(input.newPassword, 'newPassword');
  const row = await call.db.get(
    call.db.k.selectFrom('users').select(['password_hash']).where('id', '=', session.user.id),
  );
  if (row === undefined || !(await verifyPassword(input.currentPassword, row.password_hash))) {
    throw invalid('currentPassword', 'currentPassword is not your current password.');
  }
  const passwordHash = await hashPassword(input.newPassword);
  await call.db.write(async (tx) => {
    await tx.lockRows('users', 'id', [session.user.id]);
    await tx.run(
      tx.k
        .updateTable('users')
        .set({ password_hash: passwordHash, password_changed_at: call.nowIso, updated_at: call.nowIso })
        .where('id', '=', session.user.id),
    );
    const ended = await endSessions(tx, session.user.id, 'password_changed', call.nowIso, session.sessionId);
    await auditUser(tx, call, session.user.id, 'change_password', null, {
      username: session.user.username,
      sessionsEnded: ended,
    });
  });
  return session.user;
}
