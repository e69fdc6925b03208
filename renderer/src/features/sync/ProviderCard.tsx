import { Badge, Button, Card, Group, Stack, Switch, Table, Text, Title } from '@mantine/core';
import type { SyncCounts } from '../../../../shared/dto.sync';
import { useState } from 'react';
import type { SyncProviderStatus } from '../../../../shared/dto.sync';
import { call, newIdempotencyKey } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Figures } from '../../components/Figures';
import { credits, dateTime } from '../../lib/format';
import { useAction } from '../../lib/useAction';

/** One provider's poller state: switch, credentials (masked), last success and error, next run, counts. */
export function ProviderCard(props: {
  status: SyncProviderStatus;
  busy: boolean;
  onRun: () => void;
  onConfigure: () => void;
  onChanged: (status: SyncProviderStatus) => void;
}) {
  const p = props.status;
  const toggle = useAction();
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
              {p.configured ? 'Configured' : 'Not configured'}
            </Badge>
            {p.running && (
              <Badge variant="light" color="blue">
                Syncing…
              </Badge>
            )}
          </Group>
          <Switch
            label="Sync automatically"
            aria-label={`Sync ${p.label} automatically`}
            checked={enabled ?? p.enabled}
            disabled={toggle.pending}
            onChange={(e) => void setEnabledTo(e.currentTarget.checked)}
          />
        </Group>
        <Figures
          rows={[
            ...p.credentials.map((c) => ({ label: c.label, value: c.masked ?? 'Not set' })),
            { label: 'API', value: p.apiBase },
            { label: 'Last success', value: p.lastSuccessAt ? dateTime(p.lastSuccessAt) : 'Never' },
            { label: 'Next run', value: p.nextRunAt ? dateTime(p.nextRunAt) : 'Not scheduled' },
            {
              label: 'Waiting for staff',
              value: `${credits(p.unmatchedPending)} unmatched · ${credits(p.reviewOpen)} to review`,
            },
          ]}
        />
        <PassCounts status={p} />
        {p.lastError !== null && (
          <Text size="sm" c="red" role="note" aria-label={`${p.label} last error`}>
            Last error{p.lastErrorAt ? ` (${dateTime(p.lastErrorAt)})` : ''}: {p.lastError}
            {p.consecutiveFailures > 1 ? ` · ${credits(p.consecutiveFailures)} failures in a row` : ''}
          </Text>
        )}
        <ErrorAlert error={toggle.error} />
        <Group gap="sm">
          <Button
            variant="light"
            onClick={props.onRun}
            loading={props.busy && p.running}
            disabled={props.busy || !p.configured}
            aria-label={`Sync ${p.label} now`}
          >
            Sync {p.label} now
          </Button>
          <Button variant="default" onClick={props.onConfigure}>
            {p.configured ? 'Change credentials…' : 'Set up…'}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}

const COUNT_COLUMNS: { key: keyof SyncCounts; label: string }[] = [
  { key: 'fetched', label: 'Fetched' },
  { key: 'credited', label: 'Credited' },
  { key: 'duplicates', label: 'Duplicates' },
  { key: 'unmatched', label: 'Unmatched' },
  { key: 'errors', label: 'Errors' },
];

/** The last pass and every pass so far, as a small table of counts. */
function PassCounts({ status: p }: { status: SyncProviderStatus }) {
  const rows: { label: string; counts: SyncCounts | null }[] = [
    { label: 'Last pass', counts: p.lastPass },
    { label: 'All passes', counts: p.totals },
  ];
  return (
    <Table
      aria-label={`${p.label} sync counts`}
      withTableBorder
      fz="xs"
      horizontalSpacing={6}
      verticalSpacing={4}
      highlightOnHover={false}
    >
      <Table.Thead>
        <Table.Tr>
          <Table.Th>
            <span className="sr-only">Passes</span>
          </Table.Th>
          {COUNT_COLUMNS.map((c) => (
            <Table.Th key={c.key} className="num">
              {c.label}
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
              <Table.Td key={c.key} className="num">
                {r.counts === null ? '—' : credits(r.counts[c.key])}
              </Table.Td>
            ))}
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
