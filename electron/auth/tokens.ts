/**
 * Session tokens (PRODUCT F14): 256 random bits, base64url, handed to the person once; the
 * database keeps only their SHA-256, so a copy of the database (a backup, a leaked dump)
 * signs nobody in. A token is high-entropy, so a fast hash is enough (no salt, no scrypt) and
 * lets a request find its session by an indexed lookup.
 */
import { createHash, randomBytes } from 'node:crypto';

/** Random bytes per token: 256 bits, well above the 128 the contract asks. */
export const TOKEN_BYTES = 32;

/** A new bearer token. */
export function newToken(): string {
  return randomBytes(TOKEN_BYTES).toString('base64url');
}

/** What is stored for `token` and looked up when it comes back: SHA-256, hex. */
export function tokenHash(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** True when `value` has a token's shape: checked before hashing anything a caller sent. */
export function looksLikeToken(value: string): boolean {
  return /^[A-Za-z0-9_-]{43}$/.test(value);
}
