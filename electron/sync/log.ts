/**
 * The poller's log. Every line passes through {@link redact} with the current secret values, so a
 * key never reaches a log, even inside a provider's error message.
 */

/** Where the poller writes what it does. */
export interface SyncLog {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

/** Writes to the console (the main process's log in the desktop app; stderr in the CLI). */
export function consoleLog(prefix = 'credit-desk sync'): SyncLog {
  return {
    info: (m) => console.info(`${prefix}: ${m}`),
    warn: (m) => console.warn(`${prefix}: ${m}`),
    error: (m) => console.error(`${prefix}: ${m}`),
  };
}

/** Writes one line per message to stderr: the CLI keeps stdout for its one JSON object. */
export function stderrLog(prefix = 'credit-desk sync'): SyncLog {
  const write = (level: string, m: string) => process.stderr.write(`${prefix} ${level}: ${m}\n`);
  return { info: (m) => write('info', m), warn: (m) => write('warn', m), error: (m) => write('error', m) };
}

/** A log that discards everything. */
export const silentLog: SyncLog = { info: () => undefined, warn: () => undefined, error: () => undefined };

/** Masks a credential for display: `sk_live_…4242`, `AZx4…9fQe`, `…9fQe`; short values are all hidden. */
export function maskSecret(value: string): string {
  if (value.length < 12) return '••••';
  const stripe = /^((?:sk|rk|pk)_(?:live|test)_)/.exec(value);
  if (stripe !== null) return `${stripe[1]}…${value.slice(-4)}`;
  return `…${value.slice(-4)}`;
}

const STRIPE_KEY = /\b(sk|rk)_(live|test)_[A-Za-z0-9]{4,}/g;
const AUTH_HEADER = /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/gi;

/**
 * Removes every known secret from `text`: the given values (and their base64 forms inside Basic
 * auth), anything shaped like a Stripe key, and bearer or basic credentials.
 */
export function redact(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) {
    if (secret.length < 4) continue;
    out = out.split(secret).join(maskSecret(secret));
  }
  out = out.replace(STRIPE_KEY, (key) => maskSecret(key));
  out = out.replace(AUTH_HEADER, (_m, scheme: string) => `${scheme} …`);
  return out;
}

/** Wraps a log so every line is redacted against the secrets current at the time of writing. */
export function redactingLog(log: SyncLog, secrets: () => readonly string[]): SyncLog {
  return {
    info: (m) => log.info(redact(m, secrets())),
    warn: (m) => log.warn(redact(m, secrets())),
    error: (m) => log.error(redact(m, secrets())),
  };
}
