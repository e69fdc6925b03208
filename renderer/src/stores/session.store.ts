/**
 * Who is signed in (PRODUCT F14). On the team server the page starts on the sign-in screen
 * unless this tab still holds a token that auth.me accepts; any 401 afterwards returns to it.
 * The desktop app and browser mode have no users: nobody signs in and the desk acts as admin,
 * exactly as before — unless the desktop is connected to a team server, where people sign in
 * as on the server's own page (its main process holds the token, so there is none here to
 * check: the server is simply asked who is signed in).
 */
import { create } from 'zustand';
import type { SessionUser } from '../../../shared/contract.users';
import { call, connectedServer, isServerMode, storedToken, storeToken, whenSessionEnds, type UiError } from '../api';

export type SessionStatus = 'checking' | 'signedOut' | 'signedIn';

interface SessionState {
  /** True on the team server; false in the desktop app and browser mode. */
  server: boolean;
  status: SessionStatus;
  /** The signed-in person; null outside server mode (the desk acts as admin) and when signed out. */
  user: SessionUser | null;
  /** Why the person is back on the sign-in screen (their session ended), if that is why. */
  ended: boolean;
  /** The server could not be reached when the session was checked (a connected desktop shows why). */
  problem: UiError | null;
  /** Checks the token this tab holds, if any. */
  resume(): Promise<void>;
  signIn(username: string, password: string): Promise<UiError | null>;
  signOut(): Promise<void>;
  /** The server refused the token: forget it and show the sign-in screen. */
  expire(): void;
  /** The signed-in person's details changed (display name after a password change). */
  setUser(user: SessionUser): void;
}

const server = isServerMode();
const desktopServer = connectedServer() !== null;

export const useSession = create<SessionState>()((set, get) => ({
  server,
  status: server ? 'checking' : 'signedIn',
  user: null,
  ended: false,
  problem: null,
  async resume() {
    if (!server) return;
    if (!desktopServer && storedToken() === null) {
      set({ status: 'signedOut', user: null });
      return;
    }
    const result = await call('auth.me', {});
    if (result.ok) set({ status: 'signedIn', user: result.value.user, ended: false, problem: null });
    else if (get().status === 'checking') {
      // A lost connection leaves the token for the next try; a refused one was cleared by expire().
      set({ status: 'signedOut', user: null, problem: result.error.code === 'UNAVAILABLE' ? result.error : null });
    }
  },
  async signIn(username, password) {
    const result = await call('auth.login', { username, password });
    if (!result.ok) return result.error;
    storeToken(result.value.token);
    set({ status: 'signedIn', user: result.value.user, ended: false, problem: null });
    return null;
  },
  async signOut() {
    // The session ends on the server first; whatever it answers, this tab forgets the token.
    await call('auth.logout', {});
    storeToken(null);
    set({ status: 'signedOut', user: null, ended: false });
  },
  expire() {
    storeToken(null);
    // Several calls in flight may each be refused: the first says the session ended, and the
    // others must not take that message away again.
    const ended = get().status === 'signedIn' || get().ended;
    set({ status: 'signedOut', user: null, ended });
  },
  setUser(user) {
    set({ user });
  },
}));

whenSessionEnds(() => useSession.getState().expire());
