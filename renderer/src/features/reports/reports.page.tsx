import { Button, Card, Group, Select, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import type { RequestStatus } from '../../../../shared/dto';
import { call } from '../../api';
import { ExportProgress } from '../../components/ExportProgress';
import { useExport } from '../../lib/useExport';
import { useSettings } from '../../stores/settings.store';

/** F10 for the accountant: the whole ledger and the credit requests as CSV, with progress. */
export function ReportsPage() {
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
        Reports
      </Title>
      <Text c="dimmed" size="sm" maw={720}>
        Exports for the accountant. Client statements are on each client’s Credits tab.
      </Text>
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Card withBorder>
          <Stack gap="sm">
            <Title order={2} size="h4">
              Whole ledger
            </Title>
            <Text size="sm" c="dimmed">
              Every client’s transactions in one CSV: one row per ledger entry with the client’s id and name, the
              entry’s reference and memo, and the running balance. Dates are days in the agency’s time zone
              {timeZone !== undefined ? ` (${timeZone})` : ''}; leave them empty for everything.
            </Text>
            <Group gap="sm" align="flex-end">
              <TextInput label="From" type="date" value={from} onChange={(e) => setFrom(e.currentTarget.value)} />
              <TextInput
                label="To"
                type="date"
                value={to}
                error={backwards ? 'Before “From”' : undefined}
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
                Export ledger CSV
              </Button>
            </Group>
            <ExportProgress state={ledger} label="Ledger export" />
          </Stack>
        </Card>
        <Card withBorder>
          <Stack gap="sm">
            <Title order={2} size="h4">
              Credit requests
            </Title>
            <Text size="sm" c="dimmed">
              Bank transfer and crypto requests with their amounts, credits, payment references and decisions.
            </Text>
            <Select
              label="Status"
              value={status}
              onChange={(v) => setStatus((v ?? 'all') as RequestStatus | 'all')}
              allowDeselect={false}
              data={[
                { value: 'all', label: 'All requests' },
                { value: 'pending', label: 'Pending' },
                { value: 'accepted', label: 'Accepted' },
                { value: 'rejected', label: 'Rejected' },
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
                Export requests CSV
              </Button>
            </Group>
            <ExportProgress state={requests} label="Requests export" />
          </Stack>
        </Card>
      </SimpleGrid>
    </Stack>
  );
}
