/**
 * `sync.status` and `sync.configure`: what the Sync page shows and changes. Credentials go to the
 * SecretStore (never the database) and come back masked; the rest of the setup lives in
 * sync_state, and every change is in the audit log, masked.
 */
import type { Selectable } from 'kysely';
import {
  SYNC_PROVIDERS,
  SYNC_STREAMS,
  type SyncStreamName,
  type SyncStreamStatus,
  type SyncCounts,
  type SyncPassSummary,
  type SyncProvider,
  type SyncProviderStatus,
  type SyncStatus,
} from '../../shared/dto.sync';
import type { ParsedInput } from '../../shared/contract';
import type { AsyncDb, AsyncQueries } from '../db/async-db';
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

const STREAM_LABELS: Readonly<Record<SyncStreamName, string>> = {
  sessions: 'Checkout Sessions (payments)',
  refunds: 'Refunds',
  disputes: 'Disputes',
  transactions: 'Transactions (payments, refunds, reversals)',
};

async function streamStatuses(q: AsyncQueries, provider: SyncProvider): Promise<SyncStreamStatus[]> {
  const rows = await q.all(q.k.selectFrom('sync_streams').selectAll().where('provider', '=', provider));
  return SYNC_STREAMS[provider].flatMap((stream) => {
    const r = rows.find((x) => x.stream === stream);
    if (r === undefined) return [];
    const state: SyncStreamStatus['state'] =
      r.enabled !== 1
        ? 'off'
        : r.error_kind === 'permission'
          ? 'permission'
          : r.last_error !== null
            ? 'failing'
            : r.last_success_at !== null
              ? 'ok'
              : 'never';
    return [
      {
        stream,
        label: STREAM_LABELS[stream],
        role: stream === 'sessions' || stream === 'transactions' ? 'payments' : 'review',
        enabled: r.enabled === 1,
        state,
        cursor: r.cursor,
        lastAttemptAt: r.last_attempt_at,
        lastSuccessAt: r.last_success_at,
        lastError: r.last_error,
        lastErrorAt: r.last_error_at,
        consecutiveFailures: r.consecutive_failures,
      },
    ];
  });
}

function lastPass(json: string | null): SyncPassSummary | null {
  if (json === null) return null;
  try {
    return JSON.parse(json) as SyncPassSummary;
  } catch {
    return null;
  }
}

async function providerStatus(
  q: AsyncQueries,
  poller: SyncPoller,
  row: Selectable<SyncStateTable>,
): Promise<SyncProviderStatus> {
  const provider = row.provider;
  const configured = poller.configured(provider);
  const totals: SyncCounts = {
    fetched: row.fetched_total,
    credited: row.credited_total,
    duplicates: row.duplicates_total,
    unmatched: row.unmatched_total,
    errors: row.errors_total,
  };
  const pending = await q.get(
    q.k
      .selectFrom('sync_unmatched')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('provider', '=', provider)
      .where('status', '=', 'pending'),
  );
  const review = await q.get(
    q.k
      .selectFrom('sync_review_items')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('provider', '=', provider)
      .where('status', '=', 'open'),
  );
  const scheduled = poller.active() && row.enabled === 1 && configured;
  const streams = await streamStatuses(q, provider);
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
    // The payments stream's cursor: how far payments have been read.
    cursor: streams.find((x) => x.role === 'payments')?.cursor ?? null,
    backfillFrom: row.backfill_from,
    lastPass: lastPass(row.last_pass_json),
    streams,
    totals,
    unmatchedPending: pending?.n ?? 0,
    reviewOpen: review?.n ?? 0,
  };
}

async function stateRow(q: AsyncQueries, provider: SyncProvider): Promise<Selectable<SyncStateTable>> {
  const row = await q.get(q.k.selectFrom('sync_state').selectAll().where('provider', '=', provider));
  if (row === undefined) throw new Error(`sync_state has no row for ${provider}`);
  return row;
}

/** `sync.status`. */
export async function syncStatus(q: AsyncQueries, poller: SyncPoller): Promise<SyncStatus> {
  const providers: SyncProviderStatus[] = [];
  for (const p of SYNC_PROVIDERS) providers.push(await providerStatus(q, poller, await stateRow(q, p)));
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
export async function configureSync(
  db: AsyncDb,
  poller: SyncPoller,
  input: ParsedInput<'sync.configure'>,
  call: TaskCall,
): Promise<SyncProviderStatus> {
  const { provider } = input;
  const before = await db.read(async (q) => await providerStatus(q, poller, await stateRow(q, provider)));
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
  await db.write(async (tx) => {
    await tx.run(
      tx.k
        .updateTable('sync_state')
        .set({
          ...(input.enabled === undefined ? {} : { enabled: input.enabled ? 1 : 0 }),
          ...(input.apiBase === undefined ? {} : { api_base: input.apiBase }),
          ...(input.backfillFrom === undefined
            ? {}
            : {
                backfill_from: input.backfillFrom === null ? null : new Date(input.backfillFrom).toISOString(),
              }),
          ...(credentialsChanged || input.backfillFrom !== undefined || input.enabled === true
            ? { next_run_at: null, consecutive_failures: 0 }
            : {}),
          updated_at: call.nowIso,
        })
        .where('provider', '=', provider),
    );
    if (input.backfillFrom !== undefined) {
      // Every stream starts again from the backfill date (nothing is credited twice).
      await tx.run(
        tx.k
          .updateTable('sync_streams')
          .set({ cursor: null, resume_json: null, updated_at: call.nowIso })
          .where('provider', '=', provider),
      );
    }
    for (const [stream, on] of Object.entries(input.streams ?? {})) {
      if (on === undefined) continue;
      await tx.run(
        tx.k
          .updateTable('sync_streams')
          .set({
            enabled: on ? 1 : 0,
            // Switched off, a stream's old failure no longer applies; switched on, it is tried next pass.
            last_error: null,
            last_error_at: null,
            error_kind: null,
            consecutive_failures: 0,
            updated_at: call.nowIso,
          })
          .where('provider', '=', provider)
          .where('stream', '=', stream as SyncStreamName),
      );
    }
    const after = await providerStatus(tx, poller, await stateRow(tx, provider));
    const audited = (s: SyncProviderStatus) => ({
      enabled: s.enabled,
      apiBase: s.apiBase,
      backfillFrom: s.backfillFrom,
      streams: s.streams.map((x) => `${x.stream}=${x.enabled ? 'on' : 'off'}`),
      credentials: s.credentials.map((c) => `${c.name}=${c.masked ?? 'unset'}`),
    });
    await tx.run(
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
  return await db.read(async (q) => await providerStatus(q, poller, await stateRow(q, provider)));
}
