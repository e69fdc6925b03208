/**
 * Sign-in and users (PRODUCT F14), spread into the contract by shared/contract.ts.
 *
 * Secrets never travel back: no output carries a password or its hash, and the token appears
 * only in auth.login's reply. None of these channels takes an idempotencyKey: the router keeps
 * a keyed call's reply in the database to replay it, and a sign-in's reply is a live token that
 * must never be stored; the others are safe to repeat (the same role, the same password) or
 * refused when repeated (users.create: CONFLICT on the username).
 */
import * as z from 'zod';
import { cursor, id, limit, text } from './fields';
import type { Page } from './dto';
import { ROLES, type ContractPart, type Role } from './roles';

/** Shortest password the desk accepts (PRODUCT F14). */
export const MIN_PASSWORD_LENGTH = 12;
/** Longest: scrypt hashes any length, but an unbounded one is a cheap way to burn a server's CPU. */
export const MAX_PASSWORD_LENGTH = 1024;

/** A sign-in name: compared and stored in lower case, so "Anna" and "anna" are one person. */
const username = z.lazy(() =>
  z
    .string({ error: 'must be text' })
    .trim()
    .toLowerCase()
    .min(1, { error: 'is required' })
    .max(64, { error: 'must be at most 64 characters' })
    .regex(/^[a-z0-9][a-z0-9._@-]*$/, {
      error: 'may contain only letters, digits and . _ @ - (starting with a letter or digit)',
    }),
);

/** A new password: the rule is checked here for every door and again where it is hashed. */
const newPassword = z.lazy(() =>
  z
    .string({ error: 'must be text' })
    .min(MIN_PASSWORD_LENGTH, { error: `must be at least ${MIN_PASSWORD_LENGTH} characters` })
    .max(MAX_PASSWORD_LENGTH, { error: `must be at most ${MAX_PASSWORD_LENGTH} characters` }),
);

/** A password being checked: any length up to the cap, so a sign-in never reveals the rule. */
const givenPassword = z.lazy(() =>
  z
    .string({ error: 'must be text' })
    .min(1, { error: 'is required' })
    .max(MAX_PASSWORD_LENGTH, { error: `must be at most ${MAX_PASSWORD_LENGTH} characters` }),
);

const role = z.lazy(() => z.enum(ROLES, { error: `must be one of ${ROLES.join(', ')}` }));

/**
 * The user and session channels. They are tasks: their services are written against the async
 * database interface (electron/db/async-db.ts) and open their own transactions.
 */
export const usersContract = {
  'auth.login': {
    mutates: true,
    task: true,
    role: 'viewer',
    public: true,
    input: () => z.strictObject({ username, password: givenPassword }),
  },
  'auth.logout': { mutates: true, task: true, role: 'viewer', input: () => z.strictObject({}) },
  'auth.me': { mutates: false, task: true, role: 'viewer', input: () => z.strictObject({}) },
  'auth.changePassword': {
    mutates: true,
    task: true,
    role: 'viewer',
    input: () => z.strictObject({ currentPassword: givenPassword, newPassword }),
  },
  'users.create': {
    mutates: true,
    task: true,
    role: 'admin',
    input: () => z.strictObject({ username, password: newPassword, role, displayName: text(200).optional() }),
  },
  'users.list': { mutates: false, task: true, role: 'admin', input: () => z.strictObject({ cursor, limit }) },
  'users.update': {
    mutates: true,
    task: true,
    role: 'admin',
    input: () =>
      z.strictObject({
        userId: id,
        role: role.optional(),
        displayName: text(200).optional(),
        disabled: z.boolean({ error: 'must be true or false' }).optional(),
      }),
  },
  'users.setPassword': {
    mutates: true,
    task: true,
    role: 'admin',
    input: () => z.strictObject({ userId: id, password: newPassword }),
  },
} as const satisfies ContractPart;

/** A person who signs in, as every reply shows them (never with a password or hash). */
export interface SessionUser {
  id: number;
  username: string;
  displayName: string;
  role: Role;
}

/** A user as the Users page lists them. */
export interface User extends SessionUser {
  /** A disabled user cannot sign in, and their open sessions ended when they were disabled. */
  disabled: boolean;
  createdAt: string;
  updatedAt: string;
}

/** What auth.login answers: the bearer token (shown once, stored only hashed) and who it is. */
export interface SignIn {
  token: string;
  user: SessionUser;
  /** When the session ends if it stays idle (ISO-8601 UTC); each use moves it on. */
  expiresAt: string;
}

/** The user and session channels' result types. */
export interface UsersOutputs {
  'auth.login': SignIn;
  'auth.logout': { signedOut: true };
  'auth.me': { user: SessionUser; expiresAt: string };
  'auth.changePassword': SessionUser;
  'users.create': User;
  'users.list': Page<User>;
  'users.update': User;
  'users.setPassword': User;
}
