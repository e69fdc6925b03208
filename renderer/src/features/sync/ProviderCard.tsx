import { Badge, Button, Card, Group, Stack, Switch, Text, Title } from '@mantine/core';
import { useState } from 'react';
import type { SyncProviderStatus } from '../../../../shared/dto.sync';
import { call, newIdempotencyKey } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Figures } from '../../components/Figures';
import { credits, dateTime } from '../../lib/format';
import { useAction } from '../../lib/useAction';
import { countsText } from './labels';

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
              label: 'Last pass',
              value: p.lastPass ? countsText(p.lastPass) : '—',
            },
            { label: 'All passes', value: countsText(p.totals) },
            {
              label: 'Waiting for staff',
              value: `${credits(p.unmatchedPending)} unmatched · ${credits(p.reviewOpen)} to review`,
            },
          ]}
        />
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
