import { Alert, Button, Group, List, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import type { SyncProvider, SyncProviderStatus, SyncRunResult } from '../../../../shared/dto.sync';
import { call, newIdempotencyKey } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { LoadState } from '../../components/LoadState';
import { useAction } from '../../lib/useAction';
import { useSync, useUnmatched } from '../../stores/sync.store';
import { CredentialsModal } from './CredentialsModal';
import { passText } from './labels';
import { ProviderCard } from './ProviderCard';
import { ReviewItems } from './ReviewItems';
import { UnmatchedQueue } from './UnmatchedQueue';

function minutes(ms: number): string {
  const m = Math.round(ms / 60_000);
  return m === 1 ? 'every minute' : `every ${m} minutes`;
}

/** F11: the card and PayPal poller: state per provider, Sync now, credentials, the unmatched queue. */
export function SyncPage() {
  const { sync, status, error, load } = useSync();
  const run = useAction();
  const [result, setResult] = useState<SyncRunResult | null>(null);
  const [configuring, setConfiguring] = useState<SyncProviderStatus | null>(null);
  useEffect(() => {
    void load();
  }, [load]);

  async function syncNow(provider?: SyncProvider) {
    setResult(null);
    const outcome = await run.run(() => call('sync.run', { provider, idempotencyKey: newIdempotencyKey() }));
    if (outcome?.ok) setResult(outcome.value);
    await load();
    void useUnmatched.getState().reload();
  }

  const busy = run.pending || sync?.running === true;
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1} size="h2">
          Sync
        </Title>
        <Button onClick={() => void syncNow()} loading={run.pending} disabled={busy || sync === null}>
          Sync now
        </Button>
      </Group>
      {sync !== null && (
        <Text size="sm" c="dimmed">
          {sync.pollerActive
            ? `Card and PayPal payments for credit packages are fetched in the background ${minutes(sync.intervalMs)} (with some jitter), and credited once each.`
            : 'The background poller is not running: use Sync now.'}
        </Text>
      )}
      {sync !== null && sync.storageWarning !== null && (
        <Alert color="yellow" variant="light" title="Credentials storage">
          {sync.storageWarning}
        </Alert>
      )}
      <ErrorAlert error={run.error} />
      {result !== null && (
        <Alert
          color={result.passes.every((p) => p.ok) ? 'teal' : 'orange'}
          variant="light"
          title={
            result.passes.length === 0
              ? 'Nothing to sync'
              : result.joined
                ? 'Sync finished (already running)'
                : 'Sync finished'
          }
          role="status"
          withCloseButton
          closeButtonLabel="Close the sync result"
          onClose={() => setResult(null)}
        >
          {result.passes.length === 0 ? (
            <Text size="sm">No provider is enabled and configured.</Text>
          ) : (
            <List size="sm">
              {result.passes.map((p) => (
                <List.Item key={`${p.provider}-${p.startedAt}`}>{passText(p)}</List.Item>
              ))}
            </List>
          )}
        </Alert>
      )}
      {status === 'error' && sync === null ? (
        <ErrorAlert error={error} onRetry={() => void load()} />
      ) : (
        <LoadState
          status={sync === null ? 'loading' : 'ready'}
          error={null}
          empty={sync === null}
          emptyText=""
          label="sync status"
        >
          <SimpleGrid cols={{ base: 1, lg: 2 }}>
            {sync?.providers.map((p) => (
              <ProviderCard
                key={p.provider}
                status={p}
                busy={busy}
                onRun={() => void syncNow(p.provider)}
                onConfigure={() => setConfiguring(p)}
                onChanged={() => void load()}
              />
            ))}
          </SimpleGrid>
        </LoadState>
      )}
      <UnmatchedQueue />
      <ReviewItems />
      <CredentialsModal
        provider={configuring}
        storageWarning={sync?.storageWarning ?? null}
        onClose={() => setConfiguring(null)}
        onSaved={() => {
          setConfiguring(null);
          void load();
        }}
      />
    </Stack>
  );
}
