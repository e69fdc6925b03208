/**
 * The auth.* and users.* channels: task channels, so each service opens its own short
 * transactions on the router's async database (either engine) and password hashing, the one
 * slow step, runs outside any transaction.
 *
 * auth.me, auth.logout and auth.changePassword act on the caller's session, which only the
 * team server's door has; the desktop app and the CLI act without one and get UNAUTHENTICATED.
 */
import type { ParsedInput } from '../../shared/contract';
import type { UsersOutputs } from '../../shared/contract.users';
import { AppError } from '../../shared/result';
import type { TaskCall } from '../ledger/context';
import { changePassword, login, logout, me, type Session } from './auth.service';
import type { AuthCall } from './context';
import { createUser, listUsers, setUserPassword, updateUser } from './users.service';

type UsersChannel = keyof UsersOutputs;
type UsersHandlers = {
  [C in UsersChannel]: (input: ParsedInput<C>, call: TaskCall) => Promise<UsersOutputs[C]>;
};

function sessionOf(call: TaskCall): Session {
  if (call.session === undefined) {
    throw new AppError(
      'UNAUTHENTICATED',
      'Nobody is signed in here: the desktop app and the command line work without a sign-in.',
    );
  }
  return call.session;
}

/** The user and session handlers over the router's database. */
export function createUsersHandlers(): UsersHandlers {
  const auth = (call: TaskCall): AuthCall => ({ db: call.db, actor: call.actor, now: call.now, nowIso: call.nowIso });
  return {
    'auth.login': (input, call) => login(auth(call), input),
    'auth.logout': (_input, call) => logout(auth(call), sessionOf(call)),
    'auth.me': (_input, call) => Promise.resolve(me(sessionOf(call))),
    'auth.changePassword': (input, call) => changePassword(auth(call), sessionOf(call), input),
    'users.create': (input, call) => createUser(auth(call), input),
    'users.list': (input, call) => listUsers(call.db, input),
    'users.update': (input, call) => updateUser(auth(call), input),
    'users.setPassword': (input, call) => setUserPassword(auth(call), input),
  };
}
