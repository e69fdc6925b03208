/**
 * Provider credentials (PRODUCT F11): never in plain text in the database, logs or replies.
 *
 * - {@link SecretStore} is what the poller and the `sync.configure` channel use.
 * - {@link EnvSecretStore}: the CLI and browser mode read the environment (STRIPE_SECRET_KEY,
 *   PAYPAL_CLIENT_ID, PAYPAL_CLIENT_SECRET); values entered on the Sync page in browser mode are
 *   kept in memory only, for that run.
 * - {@link EncryptedFileSecretStore}: the desktop app keeps only ciphertext, in a file of its own
 *   (userData), encrypted by a {@link SecretCipher}: electron/platform/secrets.ts adapts
 *   Electron's safeStorage (the OS keychain) to it. Kept here, under plain Node, so it is tested.
 */
import { chmodSync, existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { AppError } from '../../shared/result';
import { maskSecret } from './log';

/** The credentials the poller knows. */
export const SECRET_NAMES = ['stripe.secretKey', 'paypal.clientId', 'paypal.clientSecret'] as const;
/** One of {@link SECRET_NAMES}. */
export type SecretName = (typeof SECRET_NAMES)[number];

/** The environment variable that holds each credential in the CLI and browser mode. */
export const SECRET_ENV: Readonly<Record<SecretName, string>> = {
  'stripe.secretKey': 'STRIPE_SECRET_KEY',
  'paypal.clientId': 'PAYPAL_CLIENT_ID',
  'paypal.clientSecret': 'PAYPAL_CLIENT_SECRET',
};

/** Where provider credentials live. Implementations never log or return a value except through `get`. */
export interface SecretStore {
  /** 'keychain': encrypted by the OS; 'environment': environment variables (plus in-memory values). */
  readonly kind: 'keychain' | 'environment';
  /** The clear value, for the HTTP client only; null when not set. */
  get(name: SecretName): string | null;
  /** Stores a value (throws AppError VALIDATION_ERROR when it cannot be stored safely). */
  set(name: SecretName, value: string): void;
  clear(name: SecretName): void;
  /** The display form (`sk_live_…4242`), or null when not set. */
  masked(name: SecretName): string | null;
  /** A warning for staff about how credentials are kept, or null. */
  warning(): string | null;
}

/** Every value a store currently holds (and derived forms), for log redaction. */
export function secretValues(store: SecretStore): string[] {
  const values = SECRET_NAMES.map((n) => store.get(n)).filter((v): v is string => v !== null && v !== '');
  const id = store.get('paypal.clientId');
  const secret = store.get('paypal.clientSecret');
  if (id !== null && secret !== null) values.push(Buffer.from(`${id}:${secret}`).toString('base64'));
  return values;
}

/** Credentials from the environment, with values set at run time kept in memory (never written anywhere). */
export class EnvSecretStore implements SecretStore {
  readonly kind = 'environment';
  private readonly overrides = new Map<SecretName, string | null>();

  constructor(private readonly env: Readonly<Record<string, string | undefined>> = process.env) {}

  get(name: SecretName): string | null {
    if (this.overrides.has(name)) return this.overrides.get(name) ?? null;
    const value = this.env[SECRET_ENV[name]]?.trim();
    return value === undefined || value === '' ? null : value;
  }

  set(name: SecretName, value: string): void {
    this.overrides.set(name, value);
  }

  clear(name: SecretName): void {
    this.overrides.set(name, null);
  }

  masked(name: SecretName): string | null {
    const value = this.get(name);
    return value === null ? null : maskSecret(value);
  }

  warning(): string | null {
    return this.overrides.size > 0
      ? 'Credentials entered here are kept in memory until Credit Desk stops; set them as environment variables to keep them.'
      : null;
  }
}

/** Encryption by the operating system (Electron's safeStorage in the desktop app). */
export interface SecretCipher {
  isAvailable(): boolean;
  encrypt(plain: string): Buffer;
  decrypt(cipher: Buffer): string;
  /** A warning when the encryption is not backed by a real keychain (Linux `basic_text`), or null. */
  weakness(): string | null;
}

interface SecretFile {
  version: 1;
  /** name → base64 ciphertext. */
  secrets: Partial<Record<SecretName, string>>;
}

/** Credentials stored only as ciphertext in a file of their own, written atomically with mode 0600. */
export class EncryptedFileSecretStore implements SecretStore {
  readonly kind = 'keychain';
  /** Decrypted values, so the keychain is asked once per run (macOS may prompt). */
  private readonly cache = new Map<SecretName, string | null>();

  constructor(
    private readonly file: string,
    private readonly cipher: SecretCipher,
  ) {}

  private read(): SecretFile {
    if (!existsSync(this.file)) return { version: 1, secrets: {} };
    try {
      const parsed = JSON.parse(readFileSync(this.file, 'utf8')) as Partial<SecretFile>;
      return { version: 1, secrets: parsed.secrets ?? {} };
    } catch {
      return { version: 1, secrets: {} };
    }
  }

  private write(content: SecretFile): void {
    const tmp = `${this.file}.tmp`;
    writeFileSync(tmp, `${JSON.stringify(content)}\n`, { mode: 0o600 });
    renameSync(tmp, this.file);
    try {
      chmodSync(this.file, 0o600);
    } catch {
      // Windows: permissions are the user profile's ACL.
    }
  }

  get(name: SecretName): string | null {
    if (this.cache.has(name)) return this.cache.get(name) ?? null;
    const blob = this.read().secrets[name];
    let value: string | null = null;
    if (blob !== undefined && this.cipher.isAvailable()) {
      try {
        value = this.cipher.decrypt(Buffer.from(blob, 'base64'));
      } catch {
        // Encrypted under another user or keychain: treat as not set; staff enter it again.
        value = null;
      }
    }
    this.cache.set(name, value);
    return value;
  }

  set(name: SecretName, value: string): void {
    if (!this.cipher.isAvailable()) {
      throw new AppError(
        'VALIDATION_ERROR',
        'This computer offers no secure storage for credentials, so they were not saved. Start Credit Desk with the environment variables instead.',
        { field: name.split('.')[1] ?? name },
      );
    }
    const content = this.read();
    content.secrets[name] = this.cipher.encrypt(value).toString('base64');
    this.write(content);
    this.cache.set(name, value);
  }

  clear(name: SecretName): void {
    const content = this.read();
    delete content.secrets[name];
    this.write(content);
    this.cache.set(name, null);
  }

  masked(name: SecretName): string | null {
    const value = this.get(name);
    return value === null ? null : maskSecret(value);
  }

  warning(): string | null {
    if (!this.cipher.isAvailable()) return 'This computer offers no secure storage for credentials.';
    return this.cipher.weakness();
  }
}
