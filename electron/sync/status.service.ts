/**
 * `sync.status` and `sync.configure`: what the Sync page shows and changes. Credentials go to the
 * SecretStore (never the database) and come back masked; the rest of the setup lives in
 * sync_state, and every change is in the audit log, masked.
 */
import type { Selectable } from 'kysely';
import {
  SYNC_PROVIDERS,
  type SyncCounts,
  type SyncPassSummary,
  type SyncProvider,
  type SyncProviderStatus,
  type SyncStatus,
} from '../../shared/dto.sync';
import type { ParsedInput } from '../../shared/contract';
import type { Db, Queries } from '../db/database';
import type { SyncStateTable } from '../db/schema';
import type { TaskCall } from '../ledger/context';
import { providerLabel } from '../ledger/words';
import type { SyncPoller } from './poller';
import type { SecretName } from './secrets';

const CREDENTIALS: Readonly<
  Record<SyncProvider, { name: 'secretKey' | 'clientId' | 'clientSecret'; secret: SecretName; label: string }[]>
> = {
  stripe: [{ name: 'secretKey', secret: 'stripe.secretKey', label: 'Secret key' }],
  paypal: [
    { name: 'clientId', secret: 'paypal.clientId', label: 'Client ID' },
    { name: 'clientSecret', secret: 'paypal.clientSecret', label: 'Client secret' },
  ],
};

function lastPass(json: string | null): SyncPassSummary | null {
  if (json === null) return null;
  try {
    return JSON.parse(json) as SyncPassSummary;
  } catch {
    return null;
  }
}

function providerStatus(q: Queries, poller: SyncPoller, row: Selectable<SyncStateTable>): SyncProviderStatus {
  const provider = row.provider;
  const configured = poller.configured(provider);
  const totals: SyncCounts = {
    fetched: row.fetched_total,
    credited: row.credited_total,
    duplicates: row.duplicates_total,
    unmatched: row.unmatched_total,
    errors: row.errors_total,
  };
  const pending = q.get(
    q.k
      .selectFrom('sync_unmatched')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('provider', '=', provider)
      .where('status', '=', 'pending'),
  );
  const review = q.get(
    q.k
      .selectFrom('sync_review_items')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('provider', '=', provider)
      .where('status', '=', 'open'),
  );
  const scheduled = poller.active() && row.enabled === 1 && configured;
  return {
    provider,
    label: providerLabel(provider),
    enabled: row.enabled === 1,
    configured,
    credentials: CREDENTIALS[provider].map((c) => ({
      name: c.name,
      label: c.label,
      masked: poller.secrets.masked(c.secret),
    })),
    credentialStore: poller.secrets.kind,
    apiBase: poller.apiBase(provider, row.api_base),
    running: poller.running() === provider,
    lastAttemptAt: row.last_attempt_at,
    lastSuccessAt: row.last_success_at,
    lastError: row.last_error,
    lastErrorAt: row.last_error_at,
    consecutiveFailures: row.consecutive_failures,
    nextRunAt: scheduled ? (row.next_run_at ?? new Date().toISOString()) : null,
    cursor: row.cursor,
    backfillFrom: row.backfill_from,
    lastPass: lastPass(row.last_pass_json),
    totals,
    unmatchedPending: pending?.n ?? 0,
    reviewOpen: review?.n ?? 0,
  };
}

function stateRow(q: Queries, provider: SyncProvider): Selectable<SyncStateTable> {
  const row = q.get(q.k.selectFrom('sync_state').selectAll().where('provider', '=', provider));
  if (row === undefined) throw new Error(`sync_state has no row for ${provider}`);
  return row;
}

/** `sync.status`. */
export function syncStatus(q: Queries, poller: SyncPoller): SyncStatus {
  const providers = SYNC_PROVIDERS.map((p) => providerStatus(q, poller, stateRow(q, p)));
  return {
    providers,
    running: poller.running() !== null,
    pollerActive: poller.active(),
    intervalMs: poller.intervalMs,
    storageWarning: poller.secrets.warning(),
  };
}

/**
 * `sync.configure` (a task: it writes the secret store, which is not the database). Credentials
 * are stored first; then one short transaction updates sync_state and the audit log (masked).
 * New credentials or a new backfill date make the provider due at once; a new backfill date also
 * restarts reading from that date (payments already credited are not credited again).
 */
export function configureSync(
  db: Db,
  poller: SyncPoller,
  input: ParsedInput<'sync.configure'>,
  call: TaskCall,
): SyncProviderStatus {
  const { provider } = input;
  const before = db.read((q) => providerStatus(q, poller, stateRow(q, provider)));
  const updates: [SecretName, string | undefined][] =
    provider === 'stripe'
      ? [['stripe.secretKey', input.secretKey]]
      : [
          ['paypal.clientId', input.clientId],
          ['paypal.clientSecret', input.clientSecret],
        ];
  let credentialsChanged = false;
  if (input.clearCredentials === true) {
    for (const [name] of updates) poller.secrets.clear(name);
    credentialsChanged = true;
  }
  for (const [name, value] of updates) {
    if (value === undefined) continue;
    poller.secrets.set(name, value);
    credentialsChanged = true;
  }
  db.write((tx) => {
    tx.run(
      tx.k
        .updateTable('sync_state')
        .set({
          ...(input.enabled === undefined ? {} : { enabled: input.enabled ? 1 : 0 }),
          ...(input.apiBase === undefined ? {} : { api_base: input.apiBase }),
          ...(input.backfillFrom === undefined
            ? {}
            : {
                backfill_from: input.backfillFrom === null ? null : new Date(input.backfillFrom).toISOString(),
                cursor: null,
                resume_json: null,
              }),
          ...(credentialsChanged || input.backfillFrom !== undefined || input.enabled === true
            ? { next_run_at: null, consecutive_failures: 0 }
            : {}),
          updated_at: call.nowIso,
        })
        .where('provider', '=', provider),
    );
    const after = providerStatus(tx, poller, stateRow(tx, provider));
    const audited = (s: SyncProviderStatus) => ({
      enabled: s.enabled,
      apiBase: s.apiBase,
      backfillFrom: s.backfillFrom,
      credentials: s.credentials.map((c) => `${c.name}=${c.masked ?? 'unset'}`),
    });
    tx.run(
      tx.k.insertInto('audit_log').values({
        at: call.nowIso,
        actor: call.actor,
        entity: 'sync',
        entity_id: null,
        action: `configure ${provider}`,
        before_json: JSON.stringify(audited(before)),
        after_json: JSON.stringify(audited(after)),
      }),
    );
  });
  poller.wake();
  return db.read((q) => providerStatus(q, poller, stateRow(q, provider)));
}
