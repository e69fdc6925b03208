import { Anchor, Breadcrumbs, Button, Group, Stack, Tabs, Text, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Figures } from '../../components/Figures';
import { LoadState } from '../../components/LoadState';
import { dateTime } from '../../lib/format';
import { href } from '../../lib/route';
import { useClientDetail } from '../../stores/clients.store';
import { ClientFormModal } from './ClientFormModal';
import { CreditsTab } from './CreditsTab';

export function ClientPage({ clientId }: { clientId: number }) {
  const detail = useClientDetail();
  const [editing, setEditing] = useState(false);
  const load = detail.load;
  useEffect(() => {
    void load(clientId);
  }, [clientId, load]);
  const client = detail.client?.id === clientId ? detail.client : null;

  if (detail.status === 'error' && client === null) {
    return <ErrorAlert error={detail.error} onRetry={() => void load(clientId)} />;
  }
  return (
    <LoadState status={client ? 'ready' : 'loading'} error={null} empty={client === null} emptyText="" label="client">
      {client && (
        <Stack>
          <Breadcrumbs>
            <Anchor href={href('/clients')}>Clients</Anchor>
            <Text>{client.name}</Text>
          </Breadcrumbs>
          <Group justify="space-between">
            <div>
              <Title order={1} size="h2">
                {client.name}
              </Title>
              <Text c="dimmed" size="sm">
                {[client.company, client.email].filter(Boolean).join(' · ') || 'No company or email on file'}
              </Text>
            </div>
            <Button variant="default" onClick={() => setEditing(true)}>
              Edit client
            </Button>
          </Group>
          <Tabs defaultValue="credits" keepMounted={false}>
            <Tabs.List>
              <Tabs.Tab value="credits">Credits</Tabs.Tab>
              <Tabs.Tab value="details">Details</Tabs.Tab>
            </Tabs.List>
            <Tabs.Panel value="credits" pt="md">
              <CreditsTab client={client} />
            </Tabs.Panel>
            <Tabs.Panel value="details" pt="md" maw={480}>
              <Figures
                rows={[
                  { label: 'Name', value: client.name },
                  { label: 'Company', value: client.company ?? '—' },
                  { label: 'Email', value: client.email ?? '—' },
                  { label: 'Client since', value: dateTime(client.createdAt) },
                  { label: 'Client id', value: String(client.id) },
                ]}
              />
            </Tabs.Panel>
          </Tabs>
          <ClientFormModal
            opened={editing}
            client={client}
            onClose={() => setEditing(false)}
            onSaved={(c) => {
              setEditing(false);
              detail.set(c);
            }}
          />
        </Stack>
      )}
    </LoadState>
  );
}
