import { Badge, Switch, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SyncProviderStatus, SyncStreamStatus } from '../../../../shared/dto.sync';
import { call, newIdempotencyKey } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { dateTime } from '../../lib/format';
import { useAction } from '../../lib/useAction';
import { streamLabel, streamStateLabel } from './labels';
import { useCan } from '../../lib/useCan';

const STATE_COLORS: Record<SyncStreamStatus['state'], string> = {
  ok: 'teal',
  failing: 'orange',
  permission: 'red',
  off: 'gray',
  never: 'gray',
};

/**
 * Each stream of a provider with its own state: payments are read first every pass, and a
 * review stream that fails (or that the key may not read) never holds them back. Stripe's
 * Refunds and Disputes can be ignored, e.g. for a restricted key without their permission.
 */
export function StreamTable({
  status: p,
  onChanged,
}: {
  status: SyncProviderStatus;
  onChanged: (status: SyncProviderStatus) => void;
}) {
  const { t } = useTranslation();
  const toggle = useAction();
  const configure = useCan('sync.configure');
  const [pending, setPending] = useState<string | null>(null);
  async function setRead(stream: 'refunds' | 'disputes', on: boolean) {
    setPending(stream);
    const result = await toggle.run(() =>
      call('sync.configure', { provider: 'stripe', streams: { [stream]: on }, idempotencyKey: newIdempotencyKey() }),
    );
    setPending(null);
    if (result?.ok) onChanged(result.value);
  }
  return (
    <>
      <Table
        aria-label={t('sync.streams.aria', { provider: p.label })}
        withTableBorder
        fz="xs"
        horizontalSpacing={6}
        verticalSpacing={4}
      >
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('sync.streams.stream')}</Table.Th>
            <Table.Th>{t('sync.streams.state')}</Table.Th>
            <Table.Th>{t('sync.streams.lastRead')}</Table.Th>
            {p.provider === 'stripe' && <Table.Th>{t('sync.streams.read')}</Table.Th>}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {p.streams.flatMap((s) => {
            const row = (
              <Table.Tr key={s.stream}>
                <Table.Th scope="row" fw={500}>
                  {streamLabel(s)}
                </Table.Th>
                <Table.Td className="nowrap">
                  <Badge
                    size="sm"
                    variant="light"
                    color={STATE_COLORS[s.state]}
                    style={{ overflow: 'visible' }}
                    styles={{ label: { overflow: 'visible' } }}
                  >
                    {streamStateLabel(s.state)}
                  </Badge>
                </Table.Td>
                <Table.Td className="nowrap">
                  {s.lastSuccessAt ? dateTime(s.lastSuccessAt) : t('sync.card.never')}
                </Table.Td>
                {p.provider === 'stripe' && (
                  <Table.Td>
                    {s.stream === 'refunds' || s.stream === 'disputes' ? (
                      <Switch
                        size="xs"
                        aria-label={t('sync.streams.readAria', { stream: streamLabel(s) })}
                        checked={s.enabled}
                        disabled={(toggle.pending && pending === s.stream) || !configure.allowed}
                        onChange={(e) => void setRead(s.stream as 'refunds' | 'disputes', e.currentTarget.checked)}
                      />
                    ) : (
                      <Text size="xs" c="dimmed">
                        {t('sync.streams.always')}
                      </Text>
                    )}
                  </Table.Td>
                )}
              </Table.Tr>
            );
            if (s.lastError === null || !s.enabled) return [row];
            // The stream's own error, in full, on a row of its own so the table keeps its width.
            return [
              row,
              <Table.Tr key={`${s.stream}-error`}>
                <Table.Td colSpan={p.provider === 'stripe' ? 4 : 3} pt={0}>
                  <Text size="xs" c={s.state === 'permission' ? 'red' : 'orange'} role="note">
                    {s.lastError}
                  </Text>
                </Table.Td>
              </Table.Tr>,
            ];
          })}
        </Table.Tbody>
      </Table>
      <ErrorAlert error={toggle.error} />
    </>
  );
}
