import { Anchor, Breadcrumbs, Button, Group, Stack, Tabs, Text, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Figures } from '../../components/Figures';
import { LoadState } from '../../components/LoadState';
import { dateTime } from '../../lib/format';
import { href } from '../../lib/route';
import { useClientDetail } from '../../stores/clients.store';
import { ClientFormModal } from './ClientFormModal';
import { CreditsTab } from './CreditsTab';
import { Gate } from '../../components/Gate';

export function ClientPage({ clientId }: { clientId: number }) {
  const { t } = useTranslation();
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
    <LoadState
      status={client ? 'ready' : 'loading'}
      error={null}
      empty={client === null}
      emptyText=""
      label={t('clients.loadingOne')}
    >
      {client && (
        <Stack>
          <Breadcrumbs>
            <Anchor href={href('/clients')}>{t('clients.title')}</Anchor>
            <Text>{client.name}</Text>
          </Breadcrumbs>
          <Group justify="space-between">
            <div>
              <Title order={1} size="h2">
                {client.name}
              </Title>
              <Text c="dimmed" size="sm">
                {[client.company, client.email].filter(Boolean).join(' · ') || t('clients.noContact')}
              </Text>
            </div>
            <Gate channel="clients.update">
              <Button variant="default" onClick={() => setEditing(true)}>
                {t('clients.edit')}
              </Button>
            </Gate>
          </Group>
          <Tabs defaultValue="credits" keepMounted={false}>
            <Tabs.List>
              <Tabs.Tab value="credits">{t('clients.creditsTab')}</Tabs.Tab>
              <Tabs.Tab value="details">{t('clients.detailsTab')}</Tabs.Tab>
            </Tabs.List>
            <Tabs.Panel value="credits" pt="md">
              <CreditsTab client={client} />
            </Tabs.Panel>
            <Tabs.Panel value="details" pt="md" maw={480}>
              <Figures
                rows={[
                  { label: t('clients.name'), value: client.name },
                  { label: t('clients.company'), value: client.company ?? '—' },
                  { label: t('clients.email'), value: client.email ?? '—' },
                  { label: t('clients.since'), value: dateTime(client.createdAt) },
                  { label: t('clients.id'), value: String(client.id) },
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
