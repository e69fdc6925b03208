import { Button, Card, Group, Select, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RequestStatus } from '../../../../shared/dto';
import { call } from '../../api';
import { ExportProgress } from '../../components/ExportProgress';
import { requestStatusLabel } from '../../lib/format';
import { useExport } from '../../lib/useExport';
import { useSettings } from '../../stores/settings.store';

/** F10 for the accountant: the whole ledger and the credit requests as CSV, with progress. */
export function ReportsPage() {
  const { t } = useTranslation();
  const timeZone = useSettings((s) => s.settings?.timeZone);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [status, setStatus] = useState<RequestStatus | 'all'>('all');
  const ledger = useExport();
  const requests = useExport();
  const backwards = from !== '' && to !== '' && from > to;

  return (
    <Stack>
      <Title order={1} size="h2">
        {t('app.nav.reports')}
      </Title>
      <Text c="dimmed" size="sm" maw={720}>
        {t('reports.intro')}
      </Text>
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Card withBorder>
          <Stack gap="sm">
            <Title order={2} size="h4">
              {t('reports.ledger')}
            </Title>
            <Text size="sm" c="dimmed">
              {t('reports.ledgerText', { zone: timeZone !== undefined ? ` (${timeZone})` : '' })}
            </Text>
            <Group gap="sm" align="flex-end">
              <TextInput
                label={t('credits.from')}
                type="date"
                value={from}
                onChange={(e) => setFrom(e.currentTarget.value)}
              />
              <TextInput
                label={t('credits.to')}
                type="date"
                value={to}
                error={backwards ? t('reports.beforeFrom') : undefined}
                onChange={(e) => setTo(e.currentTarget.value)}
              />
            </Group>
            <Group>
              <Button
                onClick={() =>
                  void ledger.run((progressId) =>
                    call('ledger.export', { from: from || undefined, to: to || undefined, progressId }),
                  )
                }
                loading={ledger.pending}
                disabled={backwards}
              >
                {t('reports.exportLedger')}
              </Button>
            </Group>
            <ExportProgress state={ledger} label={t('reports.ledgerExport')} />
          </Stack>
        </Card>
        <Card withBorder>
          <Stack gap="sm">
            <Title order={2} size="h4">
              {t('requests.title')}
            </Title>
            <Text size="sm" c="dimmed">
              {t('reports.requestsText')}
            </Text>
            <Select
              label={t('services.status')}
              value={status}
              onChange={(v) => setStatus((v ?? 'all') as RequestStatus | 'all')}
              allowDeselect={false}
              data={[
                { value: 'all', label: t('reports.allRequests') },
                { value: 'pending', label: requestStatusLabel('pending') },
                { value: 'accepted', label: requestStatusLabel('accepted') },
                { value: 'rejected', label: requestStatusLabel('rejected') },
              ]}
              maw={240}
            />
            <Group>
              <Button
                onClick={() =>
                  void requests.run((progressId) =>
                    call('requests.export', { status: status === 'all' ? undefined : status, progressId }),
                  )
                }
                loading={requests.pending}
              >
                {t('reports.exportRequests')}
              </Button>
            </Group>
            <ExportProgress state={requests} label={t('requests.exportLabel')} />
          </Stack>
        </Card>
      </SimpleGrid>
    </Stack>
  );
}
