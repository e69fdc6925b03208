import { Alert, Button, Group, List, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SyncProvider, SyncProviderStatus, SyncRunResult } from '../../../../shared/dto.sync';
import { call, newIdempotencyKey } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { LoadState } from '../../components/LoadState';
import { useAction } from '../../lib/useAction';
import { useSync, useUnmatched } from '../../stores/sync.store';
import { CredentialsModal } from './CredentialsModal';
import { t } from '../../i18n';
import { credits } from '../../lib/format';
import { passText } from './labels';
import { ProviderCard } from './ProviderCard';
import { ReviewItems } from './ReviewItems';
import { UnmatchedQueue } from './UnmatchedQueue';
import { Gate } from '../../components/Gate';

function minutes(ms: number): string {
  const m = Math.round(ms / 60_000);
  return t('sync.every', { count: m, value: credits(m) });
}

/** F11: the card and PayPal poller: state per provider, Sync now, credentials, the unmatched queue. */
export function SyncPage() {
  useTranslation(); // re-renders on a language change; words come from t() below
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
          {t('sync.title')}
        </Title>
        <Gate channel="sync.run">
          <Button onClick={() => void syncNow()} loading={run.pending} disabled={busy || sync === null}>
            {t('sync.syncNow')}
          </Button>
        </Gate>
      </Group>
      {sync !== null && (
        <Text size="sm" c="dimmed">
          {sync.pollerActive ? t('sync.pollerOn', { every: minutes(sync.intervalMs) }) : t('sync.pollerOff')}
        </Text>
      )}
      {sync !== null && sync.storageWarning !== null && (
        <Alert color="yellow" variant="light" title={t('sync.storageTitle')}>
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
              ? t('sync.nothingToSync')
              : result.joined
                ? t('sync.finishedJoined')
                : t('sync.finished')
          }
          role="status"
          withCloseButton
          closeButtonLabel={t('sync.closeResult')}
          onClose={() => setResult(null)}
        >
          {result.passes.length === 0 ? (
            <Text size="sm">{t('sync.noProvider')}</Text>
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
          label={t('sync.loadingStatus')}
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
