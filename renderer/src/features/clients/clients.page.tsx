import { Anchor, Button, Group, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useEffect, useState } from 'react';
import { LoadState } from '../../components/LoadState';
import { credits } from '../../lib/format';
import { href, navigate } from '../../lib/route';
import { useClientList } from '../../stores/clients.store';
import { ClientFormModal } from './ClientFormModal';
import { LoadMore } from '../../components/LoadMore';

export function ClientsPage() {
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
          Clients
        </Title>
        <Button onClick={() => setCreating(true)}>+ Client</Button>
      </Group>
      <TextInput
        label="Search clients"
        placeholder="Name, email or company"
        value={query}
        onChange={(e) => setQuery(e.currentTarget.value)}
        maw={420}
      />
      <LoadState
        status={list.status}
        error={list.error}
        empty={list.items.length === 0}
        emptyText={debounced === '' ? 'No clients yet. Create the first one.' : `No client matches “${debounced}”.`}
        label="clients"
        onRetry={() => void list.reload()}
      >
        <Table.ScrollContainer minWidth={560}>
          <Table aria-label="Clients">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Name</Table.Th>
                <Table.Th>Company</Table.Th>
                <Table.Th>Email</Table.Th>
                <Table.Th className="num">Balance (credits)</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.items.map((c) => (
                <Table.Tr key={c.id}>
                  <Table.Td>
                    <Anchor href={href(`/clients/${c.id}`)} fw={500} size="sm">
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
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        <LoadMore
          hasMore={list.nextCursor !== null}
          loading={list.loadingMore}
          onLoad={list.loadMore}
          label="Load more clients"
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
