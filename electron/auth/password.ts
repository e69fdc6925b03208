/**
 * Passwords (PRODUCT F14): at least 12 characters, stored only as a slow salted scrypt hash
 * (node:crypto), compared in constant time. The stored form carries its own parameters,
 * `$scrypt$ln=15,r=8,p=1$<salt>$<hash>` (base64url), so raising the cost later leaves every
 * existing hash readable. Nothing here ever logs or returns a password.
 */
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { invalid } from '../../shared/result';
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from '../../shared/contract.users';

/** scrypt cost: N = 2^15, r = 8, p = 1 (32 MiB, ~50–150 ms here): OWASP's floor for scrypt. */
export const SCRYPT_COST = { ln: 15, r: 8, p: 1 } as const;
const SALT_BYTES = 16;
const HASH_BYTES = 32;
/** Parameters a stored hash may name: a tampered row must not make one sign-in burn gigabytes. */
const MAX_LN = 20;
const MAX_R = 16;
const MAX_P = 4;

/** scrypt's cost parameters as stored with a hash. */
export interface ScryptCost {
  ln: number;
  r: number;
  p: number;
}

function derive(password: string, salt: Buffer, cost: ScryptCost): Promise<Buffer> {
  const N = 2 ** cost.ln;
  // Node refuses to use more than 32 MiB by default; scrypt needs 128·N·r bytes (plus slack).
  const options: ScryptOptions = { N, r: cost.r, p: cost.p, maxmem: 256 * N * cost.r };
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFC'), salt, HASH_BYTES, options, (error, key) =>
      error === null ? resolve(key) : reject(error),
    );
  });
}

/**
 * Refuses a new password that breaks the rule, with VALIDATION_ERROR naming `field`. Length is
 * counted in characters as a person sees them (code points), not UTF-16 units.
 */
export function checkPasswordRule(password: string, field = 'password'): void {
  const length = [...password].length;
  if (length < MIN_PASSWORD_LENGTH) {
    throw invalid(field, `${field} must be at least ${MIN_PASSWORD_LENGTH} characters.`, {
      minLength: MIN_PASSWORD_LENGTH,
    });
  }
  if (password.length > MAX_PASSWORD_LENGTH) {
    throw invalid(field, `${field} must be at most ${MAX_PASSWORD_LENGTH} characters.`, {
      maxLength: MAX_PASSWORD_LENGTH,
    });
  }
}

/** A new random salt and the scrypt hash of `password`, in the stored form. */
export async function hashPassword(password: string, cost: ScryptCost = SCRYPT_COST): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const key = await derive(password, salt, cost);
  return `$scrypt$ln=${cost.ln},r=${cost.r},p=${cost.p}$${salt.toString('base64url')}$${key.toString('base64url')}`;
}

/** The parts of a stored hash, or undefined when it is not one this code wrote. */
export function parseStoredHash(stored: string): { cost: ScryptCost; salt: Buffer; key: Buffer } | undefined {
  const m = /^\$scrypt\$ln=(\d{1,2}),r=(\d{1,2}),p=(\d)\$([A-Za-z0-9_-]{16,})\$([A-Za-z0-9_-]{16,})$/.exec(stored);
  if (m === null) return undefined;
  const cost = { ln: Number(m[1]), r: Number(m[2]), p: Number(m[3]) };
  if (cost.ln < 1 || cost.ln > MAX_LN || cost.r < 1 || cost.r > MAX_R || cost.p < 1 || cost.p > MAX_P) return undefined;
  return { cost, salt: Buffer.from(m[4]!, 'base64url'), key: Buffer.from(m[5]!, 'base64url') };
}

/** True when `password` matches `stored`; the comparison takes the same time wherever they differ. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parseStoredHash(stored);
  if (parsed === undefined) {
    // Still spend a hash's time: an unreadable row must not answer faster than a wrong password.
    await verifyPassword(password, await dummyHash());
    return false;
  }
  const key = await derive(password, parsed.salt, parsed.cost);
  return key.length === parsed.key.length && timingSafeEqual(key, parsed.key);
}

let dummy: Promise<string> | undefined;

/** A hash of a random password nobody knows, made once per process at today's cost. */
export function dummyHash(): Promise<string> {
  dummy ??= hashPassword(randomBytes(32).toString('base64url'));
  return dummy;
}

/**
 * The check for a username that does not exist: the same scrypt work as a real one, always
 * false, so "no such user" and "wrong password" take the same time (and get the same answer).
 */
export async function verifyAgainstDummy(password: string): Promise<false> {
  await verifyPassword(password, await dummyHash());
  return false;
}
