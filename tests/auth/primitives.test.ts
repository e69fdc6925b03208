/** Sign-in primitives (PRODUCT F14): scrypt passwords, the password rule, tokens, idle expiry, lockout. */
import { describe, expect, it } from 'vitest';
import { AppError } from '../../shared/result';
import {
  SCRYPT_COST,
  checkPasswordRule,
  dummyHash,
  hashPassword,
  parseStoredHash,
  verifyAgainstDummy,
  verifyPassword,
} from '../../electron/auth/password';
import { looksLikeToken, newToken, tokenHash } from '../../electron/auth/tokens';
import { LOCKOUT_MS, SESSION_IDLE_MS, lockedUntil, sessionExpired, sessionExpiresAt } from '../../electron/auth/rules';

const PASSWORD = 'correct horse battery';
/** A cheap cost for tests that hash many times; the stored parameters make it verify the same way. */
const CHEAP = { ln: 10, r: 8, p: 1 };

function refusal(fn: () => void): AppError {
  try {
    fn();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('password hashing', () => {
  it('stores scrypt with its parameters and a random salt, never the password', async () => {
    const a = await hashPassword(PASSWORD);
    const b = await hashPassword(PASSWORD);
    expect(a).toMatch(/^\$scrypt\$ln=15,r=8,p=1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    expect(a).not.toBe(b);
    expect(parseStoredHash(a)?.salt.length).toBe(16);
    expect(a).not.toContain(PASSWORD);
    expect(a).not.toContain(Buffer.from(PASSWORD).toString('base64url'));
  });

  it('accepts the password and refuses anything else', async () => {
    const stored = await hashPassword(PASSWORD, CHEAP);
    expect(await verifyPassword(PASSWORD, stored)).toBe(true);
    for (const wrong of ['correct horse batterY', 'correct horse battery ', '', PASSWORD.slice(0, -1)]) {
      expect(await verifyPassword(wrong, stored), wrong).toBe(false);
    }
  });

  it('reads the cost from the stored hash, so a raised default keeps old hashes valid', async () => {
    const old = await hashPassword(PASSWORD, { ln: 11, r: 4, p: 2 });
    expect(parseStoredHash(old)?.cost).toEqual({ ln: 11, r: 4, p: 2 });
    expect(await verifyPassword(PASSWORD, old)).toBe(true);
  });

  it('treats a tampered or foreign hash as a wrong password, and refuses absurd costs', async () => {
    const stored = await hashPassword(PASSWORD, CHEAP);
    const flipped = stored.slice(0, -2) + (stored.endsWith('A') ? 'BA' : 'AA');
    expect(await verifyPassword(PASSWORD, flipped)).toBe(false);
    expect(await verifyPassword(PASSWORD, stored.replace('ln=10', 'ln=30'))).toBe(false);
    expect(parseStoredHash(stored.replace('ln=10', 'ln=30'))).toBeUndefined();
    expect(await verifyPassword(PASSWORD, 'plain text')).toBe(false);
    expect(await verifyPassword(PASSWORD, '')).toBe(false);
  });

  it('normalises Unicode, so the same password typed on another keyboard still matches', async () => {
    const stored = await hashPassword('pässwörd-long-enough', CHEAP);
    expect(await verifyPassword('pa\u0308sswo\u0308rd-long-enough', stored)).toBe(true);
  });

  it('checks an unknown user against a dummy hash made at the same cost: same work, always false', async () => {
    expect(parseStoredHash(await dummyHash())?.cost).toEqual(SCRYPT_COST);
    expect(await dummyHash()).toBe(await dummyHash());
    expect(await verifyAgainstDummy(PASSWORD)).toBe(false);
    expect(await verifyAgainstDummy('')).toBe(false);
  });
});

describe('the password rule', () => {
  it('wants at least 12 characters, counted as a person sees them, naming the field', () => {
    const short = refusal(() => checkPasswordRule('elevenchars'));
    expect(short.code).toBe('VALIDATION_ERROR');
    expect(short.details).toMatchObject({ field: 'password', minLength: 12 });
    expect(short.message).not.toContain('elevenchars');
    expect(() => checkPasswordRule('twelve chars')).not.toThrow();
    // 11 emoji are 22 UTF-16 units but 11 characters: too short.
    expect(refusal(() => checkPasswordRule('🔑'.repeat(11))).code).toBe('VALIDATION_ERROR');
    expect(() => checkPasswordRule('🔑'.repeat(12))).not.toThrow();
    expect(refusal(() => checkPasswordRule('short', 'newPassword')).details?.field).toBe('newPassword');
    expect(refusal(() => checkPasswordRule('x'.repeat(1025))).details).toMatchObject({ maxLength: 1024 });
  });
});

describe('session tokens', () => {
  it('are 256 random bits in base64url, stored only as their SHA-256', () => {
    const tokens = Array.from({ length: 1000 }, newToken);
    expect(new Set(tokens).size).toBe(1000);
    for (const token of tokens.slice(0, 20)) {
      expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(Buffer.from(token, 'base64url')).toHaveLength(32);
      expect(looksLikeToken(token)).toBe(true);
      const hash = tokenHash(token);
      expect(hash).toMatch(/^[0-9a-f]{64}$/);
      expect(hash).toBe(tokenHash(token));
      expect(hash).not.toContain(token);
    }
    expect(looksLikeToken('short')).toBe(false);
    expect(looksLikeToken(`${tokens[0]!}=`)).toBe(false);
  });

  it('end after 12 hours without use; every use moves the end on', () => {
    const t0 = Date.parse('2026-03-01T09:00:00Z');
    expect(SESSION_IDLE_MS).toBe(12 * 3600 * 1000);
    expect(new Date(sessionExpiresAt(t0)).toISOString()).toBe('2026-03-01T21:00:00.000Z');
    expect(sessionExpired(t0, t0 + SESSION_IDLE_MS - 1)).toBe(false);
    expect(sessionExpired(t0, t0 + SESSION_IDLE_MS)).toBe(true);
    const usedAgain = t0 + 11 * 3600 * 1000;
    expect(sessionExpired(usedAgain, t0 + 20 * 3600 * 1000)).toBe(false);
  });
});

describe('lockout: five failures in 15 minutes lock sign-in for 15 minutes', () => {
  const t0 = Date.parse('2026-03-01T09:00:00Z');
  const min = 60 * 1000;
  const at = (...minutes: number[]) => minutes.map((m) => t0 + m * min);

  it('does not lock on four failures, or on five spread over more than 15 minutes', () => {
    expect(lockedUntil(at(0, 1, 2, 3), t0 + 4 * min)).toBeNull();
    expect(lockedUntil(at(0, 4, 8, 12, 15), t0 + 15 * min)).toBeNull();
  });

  it('locks from the fifth failure for 15 minutes, then lets the user try again', () => {
    const failures = at(0, 1, 2, 3, 14.5);
    const until = t0 + 14.5 * min + LOCKOUT_MS;
    expect(lockedUntil(failures, t0 + 14.5 * min)).toBe(until);
    expect(lockedUntil(failures, until - 1)).toBe(until);
    expect(lockedUntil(failures, until)).toBeNull();
  });

  it('takes the attempts in any order and ignores ones after "now"', () => {
    expect(lockedUntil(at(3, 0, 2, 1, 4), t0 + 5 * min)).toBe(t0 + 4 * min + LOCKOUT_MS);
    expect(lockedUntil(at(0, 1, 2, 3, 40), t0 + 5 * min)).toBeNull();
  });

  it('a sixth failure inside the window extends the lock from itself', () => {
    expect(lockedUntil(at(0, 1, 2, 3, 4, 6), t0 + 7 * min)).toBe(t0 + 6 * min + LOCKOUT_MS);
  });
});
