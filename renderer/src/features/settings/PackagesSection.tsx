import { Badge, Button, Card, Group, Stack, Switch, Table, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect, useState } from 'react';
import type { CreditPackage } from '../../../../shared/dto';
import { call, newIdempotencyKey } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { LoadState } from '../../components/LoadState';
import { credits, date, money } from '../../lib/format';
import { useAction } from '../../lib/useAction';
import { usePackages } from '../../stores/catalog.store';
import { PackageFormModal } from './PackageFormModal';

/** F2: packages with create, edit, archive and unarchive (never deleted). */
export function PackagesSection() {
  const list = usePackages();
  const [showArchived, setShowArchived] = useState(false);
  const [editing, setEditing] = useState<CreditPackage | 'new' | null>(null);
  const action = useAction();
  const load = list.load;
  useEffect(() => {
    void load({ includeArchived: showArchived });
  }, [showArchived, load]);

  async function setArchived(p: CreditPackage, archived: boolean) {
    const result = await action.run(() =>
      call(archived ? 'packages.archive' : 'packages.unarchive', {
        packageId: p.id,
        idempotencyKey: newIdempotencyKey(),
      }),
    );
    if (result?.ok) {
      notifications.show({ message: `${p.name} ${archived ? 'archived' : 'is offered again'}.` });
      void list.reload();
    }
  }

  return (
    <Card withBorder>
      <Stack>
        <Group justify="space-between">
          <Title order={2} size="h4">
            Credit packages
          </Title>
          <Group>
            <Switch
              label="Show archived"
              checked={showArchived}
              onChange={(e) => setShowArchived(e.currentTarget.checked)}
            />
            <Button onClick={() => setEditing('new')}>+ Package</Button>
          </Group>
        </Group>
        <ErrorAlert error={action.error} />
        <LoadState
          status={list.status}
          error={list.error}
          empty={list.items.length === 0}
          emptyText="No packages yet. Add one so clients can buy credits."
          label="packages"
          onRetry={() => void list.reload()}
        >
          <Table.ScrollContainer minWidth={640}>
            <Table aria-label="Credit packages">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Name</Table.Th>
                  <Table.Th className="num">Credits</Table.Th>
                  <Table.Th className="num">Price</Table.Th>
                  <Table.Th>Status</Table.Th>
                  <Table.Th>Updated</Table.Th>
                  <Table.Th>
                    <span className="sr-only">Actions</span>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list.items.map((p) => (
                  <Table.Tr key={p.id}>
                    <Table.Td>{p.name}</Table.Td>
                    <Table.Td className="num">{credits(p.credits)}</Table.Td>
                    <Table.Td className="num">{money(p.price, p.currency)}</Table.Td>
                    <Table.Td>
                      <Badge variant="light" color={p.archived ? 'gray' : 'teal'}>
                        {p.archived ? 'Archived' : 'Active'}
                      </Badge>
                    </Table.Td>
                    <Table.Td className="nowrap">{date(p.updatedAt)}</Table.Td>
                    <Table.Td>
                      <Group gap="xs" justify="flex-end" wrap="nowrap">
                        <Button size="xs" variant="default" onClick={() => setEditing(p)} aria-label={`Edit ${p.name}`}>
                          Edit
                        </Button>
                        <Button
                          size="xs"
                          variant="light"
                          color={p.archived ? 'teal' : 'gray'}
                          disabled={action.pending}
                          onClick={() => void setArchived(p, !p.archived)}
                          aria-label={`${p.archived ? 'Unarchive' : 'Archive'} ${p.name}`}
                        >
                          {p.archived ? 'Unarchive' : 'Archive'}
                        </Button>
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </LoadState>
      </Stack>
      <PackageFormModal
        opened={editing !== null}
        pkg={editing === 'new' || editing === null ? undefined : editing}
        onClose={() => setEditing(null)}
        onSaved={(p) => {
          notifications.show({ color: 'teal', message: `${p.name} saved.` });
          setEditing(null);
          void list.reload();
        }}
      />
    </Card>
  );
}
