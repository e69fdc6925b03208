import { Badge, Button, Card, Group, Stack, Switch, Table, Text, Title } from '@mantine/core';
import type { SyncCounts } from '../../../../shared/dto.sync';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SyncProviderStatus } from '../../../../shared/dto.sync';
import { call, newIdempotencyKey } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Figures } from '../../components/Figures';
import { credits, dateTime } from '../../lib/format';
import { useAction } from '../../lib/useAction';
import { countText, credentialLabel } from './labels';
import { StreamTable } from './StreamTable';
import { Gate } from '../../components/Gate';
import { useCan } from '../../lib/useCan';

/** One provider's poller state: switch, credentials (masked), last success and error, next run, counts. */
export function ProviderCard(props: {
  status: SyncProviderStatus;
  busy: boolean;
  onRun: () => void;
  onConfigure: () => void;
  onChanged: (status: SyncProviderStatus) => void;
}) {
  const { t } = useTranslation();
  const p = props.status;
  const toggle = useAction();
  const configure = useCan('sync.configure');
  const run = useCan('sync.run');
  const [enabled, setEnabled] = useState<boolean | null>(null);
  async function setEnabledTo(value: boolean) {
    setEnabled(value);
    const result = await toggle.run(() =>
      call('sync.configure', { provider: p.provider, enabled: value, idempotencyKey: newIdempotencyKey() }),
    );
    setEnabled(null);
    if (result?.ok) props.onChanged(result.value);
  }
  return (
    <Card withBorder aria-labelledby={`sync-${p.provider}`} component="section">
      <Stack gap="sm">
        <Group justify="space-between" wrap="nowrap">
          <Group gap="xs">
            <Title order={2} size="h4" id={`sync-${p.provider}`}>
              {p.label}
            </Title>
            <Badge variant="light" color={p.configured ? 'teal' : 'gray'}>
              {p.configured ? t('sync.card.configured') : t('sync.card.notConfigured')}
            </Badge>
            {p.running && (
              <Badge variant="light" color="blue">
                {t('sync.card.syncing')}
              </Badge>
            )}
          </Group>
          <Switch
            label={t('sync.card.automatic')}
            aria-label={t('sync.card.automaticAria', { provider: p.label })}
            checked={enabled ?? p.enabled}
            disabled={toggle.pending || !configure.allowed}
            description={configure.allowed ? undefined : configure.reason}
            onChange={(e) => void setEnabledTo(e.currentTarget.checked)}
          />
        </Group>
        <Figures
          rows={[
            ...p.credentials.map((c) => ({ label: credentialLabel(c), value: c.masked ?? t('sync.card.notSet') })),
            { label: t('sync.card.api'), value: p.apiBase },
            {
              label: t('sync.card.lastSuccess'),
              value: p.lastSuccessAt ? dateTime(p.lastSuccessAt) : t('sync.card.never'),
            },
            {
              label: t('sync.card.nextRun'),
              value: p.nextRunAt ? dateTime(p.nextRunAt) : t('sync.card.notScheduled'),
            },
            {
              label: t('sync.card.waiting'),
              value: `${countText('unmatched', p.unmatchedPending)} · ${countText('toReview', p.reviewOpen)}`,
            },
          ]}
        />
        <StreamTable status={p} onChanged={props.onChanged} />
        <PassCounts status={p} />
        {p.lastError !== null && (
          <Text size="sm" c="red" role="note" aria-label={t('sync.card.lastErrorAria', { provider: p.label })}>
            {p.lastErrorAt ? t('sync.card.lastErrorAt', { at: dateTime(p.lastErrorAt) }) : t('sync.card.lastError')}:{' '}
            {p.lastError}
            {p.consecutiveFailures > 1
              ? ` · ${t('sync.card.failures', { count: p.consecutiveFailures, value: credits(p.consecutiveFailures) })}`
              : ''}
          </Text>
        )}
        <ErrorAlert error={toggle.error} />
        <Group gap="sm">
          <Button
            variant="light"
            onClick={props.onRun}
            loading={props.busy && p.running}
            disabled={props.busy || !p.configured || !run.allowed}
            title={run.allowed ? undefined : run.reason}
            aria-label={t('sync.card.syncProviderNow', { provider: p.label })}
          >
            {t('sync.card.syncProviderNow', { provider: p.label })}
          </Button>
          <Gate channel="sync.configure">
            <Button variant="default" onClick={props.onConfigure}>
              {p.configured ? t('sync.card.changeCredentials') : t('sync.card.setUp')}
            </Button>
          </Gate>
        </Group>
      </Stack>
    </Card>
  );
}

const COUNT_COLUMNS: (keyof SyncCounts)[] = ['fetched', 'credited', 'duplicates', 'unmatched', 'errors'];

/** The last pass and every pass so far, as a small table of counts. */
function PassCounts({ status: p }: { status: SyncProviderStatus }) {
  const { t } = useTranslation();
  const rows: { label: string; counts: SyncCounts | null }[] = [
    { label: t('sync.card.lastPass'), counts: p.lastPass },
    { label: t('sync.card.allPasses'), counts: p.totals },
  ];
  return (
    <Table
      aria-label={t('sync.card.countsAria', { provider: p.label })}
      withTableBorder
      fz="xs"
      horizontalSpacing={6}
      verticalSpacing={4}
      highlightOnHover={false}
    >
      <Table.Thead>
        <Table.Tr>
          <Table.Th>
            <span className="sr-only">{t('sync.card.passes')}</span>
          </Table.Th>
          {COUNT_COLUMNS.map((c) => (
            <Table.Th key={c} className="num">
              {t(`sync.card.columns.${c}`)}
            </Table.Th>
          ))}
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map((r) => (
          <Table.Tr key={r.label}>
            <Table.Th scope="row" fw={500} className="nowrap">
              {r.label}
            </Table.Th>
            {COUNT_COLUMNS.map((c) => (
              <Table.Td key={c} className="num">
                {r.counts === null ? '—' : credits(r.counts[c])}
              </Table.Td>
            ))}
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
