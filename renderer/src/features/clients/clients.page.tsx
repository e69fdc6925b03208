import { Anchor, Button, Group, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LoadState } from '../../components/LoadState';
import { credits } from '../../lib/format';
import { href, navigate } from '../../lib/route';
import { useClientList } from '../../stores/clients.store';
import { ClientFormModal } from './ClientFormModal';
import { LoadMore } from '../../components/LoadMore';
import { ClickableRow } from '../../components/ClickableRow';
import { Gate } from '../../components/Gate';

export function ClientsPage() {
  const { t } = useTranslation();
  const list = useClientList();
  const [query, setQuery] = useState(list.filter?.query ?? '');
  const [debounced] = useDebouncedValue(query, 200);
  const [creating, setCreating] = useState(false);
  const load = list.load;
  useEffect(() => {
    void load({ query: debounced.trim() });
  }, [debounced, load]);

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1} size="h2">
          {t('clients.title')}
        </Title>
        <Gate channel="clients.create">
          <Button onClick={() => setCreating(true)}>{t('clients.add')}</Button>
        </Gate>
      </Group>
      <TextInput
        label={t('common.searchClients')}
        placeholder={t('clients.searchPlaceholder')}
        value={query}
        onChange={(e) => setQuery(e.currentTarget.value)}
        maw={420}
      />
      <LoadState
        status={list.status}
        error={list.error}
        empty={list.items.length === 0}
        emptyText={debounced === '' ? t('clients.empty') : t('clients.noMatch', { query: debounced })}
        label={t('clients.loading')}
        onRetry={() => void list.reload()}
      >
        <Table.ScrollContainer minWidth={560}>
          <Table aria-label={t('clients.title')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('clients.name')}</Table.Th>
                <Table.Th>{t('clients.company')}</Table.Th>
                <Table.Th>{t('clients.email')}</Table.Th>
                <Table.Th className="num">{t('clients.balanceCredits')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.items.map((c) => (
                <ClickableRow key={c.id} path={`/clients/${c.id}`} label={t('clients.open', { name: c.name })}>
                  <Table.Td>
                    <Anchor href={href(`/clients/${c.id}`)} fw={500} size="sm" tabIndex={-1}>
                      {c.name}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>
                    {c.company ?? (
                      <Text c="dimmed" span>
                        —
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    {c.email ?? (
                      <Text c="dimmed" span>
                        —
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td className="num">{credits(c.balance)}</Table.Td>
                </ClickableRow>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        <LoadMore
          hasMore={list.nextCursor !== null}
          loading={list.loadingMore}
          onLoad={list.loadMore}
          label={t('clients.loadMore')}
        />
      </LoadState>
      <ClientFormModal
        opened={creating}
        onClose={() => setCreating(false)}
        onSaved={(c) => {
          setCreating(false);
          navigate(`/clients/${c.id}`);
        }}
      />
    </Stack>
  );
}
