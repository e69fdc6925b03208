/** Credentials: masked forms, redaction, the environment store and the encrypted file store. */
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { maskSecret, redact } from '../../electron/sync/log';
import { EncryptedFileSecretStore, EnvSecretStore, secretValues, type SecretCipher } from '../../electron/sync/secrets';

const KEY = 'sk_live_51NvQeJKa8s7d6f5g4h3j2k1l0Zx4242';

describe('masking and redaction', () => {
  it('shows only the kind of key and its last four characters', () => {
    expect(maskSecret(KEY)).toBe('sk_live_…4242');
    expect(maskSecret('rk_test_abcdefghijklmnop9876')).toBe('rk_test_…9876');
    expect(maskSecret('AZx4bcdefghijklmnop9fQe')).toBe('…9fQe');
    expect(maskSecret('short')).toBe('••••');
  });

  it('removes known values, anything shaped like a Stripe key, and auth headers', () => {
    const text = `failed with ${KEY} and sk_test_Zz9Yy8Xx7 and secret-value-123 via Bearer A21AAabc.def and Basic dXNlcjpwYXNz`;
    const out = redact(text, ['secret-value-123']);
    expect(out).not.toContain(KEY);
    expect(out).not.toContain('sk_test_Zz9Yy8Xx7');
    expect(out).not.toContain('secret-value-123');
    expect(out).not.toContain('A21AAabc');
    expect(out).not.toContain('dXNlcjpwYXNz');
    expect(out).toContain('sk_live_…4242');
  });
});

describe('EnvSecretStore', () => {
  it('reads the environment, and keeps values set at run time in memory only', () => {
    const env = { STRIPE_SECRET_KEY: ` ${KEY}\n`, PAYPAL_CLIENT_ID: 'client-id-0123456789' };
    const store = new EnvSecretStore(env);
    expect(store.get('stripe.secretKey')).toBe(KEY);
    expect(store.masked('stripe.secretKey')).toBe('sk_live_…4242');
    expect(store.get('paypal.clientSecret')).toBeNull();
    expect(store.warning()).toBeNull();
    store.set('paypal.clientSecret', 'paypal-secret-abcdef');
    expect(store.get('paypal.clientSecret')).toBe('paypal-secret-abcdef');
    expect(env).not.toHaveProperty('PAYPAL_CLIENT_SECRET');
    expect(store.warning()).toMatch(/memory/);
    expect(secretValues(store)).toContain(Buffer.from('client-id-0123456789:paypal-secret-abcdef').toString('base64'));
    store.clear('stripe.secretKey');
    expect(store.get('stripe.secretKey')).toBeNull();
  });
});

describe('EncryptedFileSecretStore', () => {
  let dir: string | undefined;
  afterEach(() => {
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
  });

  /** A reversible stand-in for safeStorage (XOR + marker), enough to prove only ciphertext is written. */
  const cipher = (available = true, weakness: string | null = null): SecretCipher => ({
    isAvailable: () => available,
    encrypt: (plain) => Buffer.concat([Buffer.from('v10'), Buffer.from(plain).map((b) => b ^ 0x5a)]),
    decrypt: (blob) => {
      if (blob.subarray(0, 3).toString() !== 'v10') throw new Error('not ours');
      return Buffer.from(blob.subarray(3).map((b) => b ^ 0x5a)).toString();
    },
    weakness: () => weakness,
  });

  it('stores only ciphertext, in a file only the user can read, and reads it back in a new instance', () => {
    dir = mkdtempSync(join(tmpdir(), 'cd-secrets-'));
    const file = join(dir, 'provider-secrets.json');
    new EncryptedFileSecretStore(file, cipher()).set('stripe.secretKey', KEY);
    const text = readFileSync(file, 'utf8');
    expect(text).not.toContain(KEY);
    expect(text).not.toContain('4242');
    if (process.platform !== 'win32') expect(statSync(file).mode & 0o077).toBe(0);
    const again = new EncryptedFileSecretStore(file, cipher());
    expect(again.get('stripe.secretKey')).toBe(KEY);
    expect(again.masked('stripe.secretKey')).toBe('sk_live_…4242');
    again.clear('stripe.secretKey');
    expect(new EncryptedFileSecretStore(file, cipher()).get('stripe.secretKey')).toBeNull();
  });

  it('refuses to store without encryption, and passes on the cipher’s weakness warning', () => {
    dir = mkdtempSync(join(tmpdir(), 'cd-secrets-'));
    const file = join(dir, 's.json');
    expect(() => new EncryptedFileSecretStore(file, cipher(false)).set('stripe.secretKey', KEY)).toThrow(
      /no secure storage/,
    );
    expect(new EncryptedFileSecretStore(file, cipher(true, 'basic_text')).warning()).toBe('basic_text');
  });
});
