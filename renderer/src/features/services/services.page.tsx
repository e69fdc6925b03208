import { Badge, Button, Group, Stack, Switch, Table, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect, useState } from 'react';
import type { Service } from '../../../../shared/dto';
import { LoadState } from '../../components/LoadState';
import { credits, money } from '../../lib/format';
import { useServices } from '../../stores/catalog.store';
import { BuyWithCreditModal } from './BuyWithCreditModal';
import { ServiceFormModal } from './ServiceFormModal';

export function ServicesPage() {
  const list = useServices();
  const [showInactive, setShowInactive] = useState(true);
  const [editing, setEditing] = useState<Service | 'new' | null>(null);
  const [buying, setBuying] = useState<Service | null>(null);
  const load = list.load;
  useEffect(() => {
    void load({ includeInactive: showInactive });
  }, [showInactive, load]);

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1} size="h2">
          Services
        </Title>
        <Group>
          <Switch
            label="Show inactive"
            checked={showInactive}
            onChange={(e) => setShowInactive(e.currentTarget.checked)}
          />
          <Button onClick={() => setEditing('new')}>+ Service</Button>
        </Group>
      </Group>
      <LoadState
        status={list.status}
        error={list.error}
        empty={list.items.length === 0}
        emptyText="No services yet. Add the first one to the catalogue."
        label="services"
        onRetry={() => void list.reload()}
      >
        <Table.ScrollContainer minWidth={640}>
          <Table aria-label="Services">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Service</Table.Th>
                <Table.Th className="num">Price</Table.Th>
                <Table.Th>Currency</Table.Th>
                <Table.Th>Status</Table.Th>
                <Table.Th>
                  <span className="sr-only">Actions</span>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.items.map((s) => (
                <Table.Tr key={s.id}>
                  <Table.Td>{s.name}</Table.Td>
                  <Table.Td className="num">{money(s.price, s.currency)}</Table.Td>
                  <Table.Td>{s.currency}</Table.Td>
                  <Table.Td>
                    <Badge variant="light" color={s.active ? 'teal' : 'gray'}>
                      {s.active ? 'Active' : 'Inactive'}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    <Group gap="xs" justify="flex-end" wrap="nowrap">
                      <Button size="xs" variant="default" onClick={() => setEditing(s)} aria-label={`Edit ${s.name}`}>
                        Edit
                      </Button>
                      <Button
                        size="xs"
                        disabled={!s.active}
                        onClick={() => setBuying(s)}
                        aria-label={`Buy ${s.name} with credit`}
                      >
                        Buy with Credit
                      </Button>
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </LoadState>
      <ServiceFormModal
        opened={editing !== null}
        service={editing === 'new' || editing === null ? undefined : editing}
        onClose={() => setEditing(null)}
        onSaved={(s) => {
          notifications.show({ color: 'teal', message: `${s.name} saved.` });
          setEditing(null);
          void list.reload();
        }}
      />
      <BuyWithCreditModal
        service={buying}
        onClose={() => setBuying(null)}
        onDone={(order) => {
          notifications.show({
            color: 'teal',
            title: 'Service bought with credits',
            message: `${order.serviceName}: ${credits(order.credits)} credits charged (order #${order.id}).`,
          });
          setBuying(null);
        }}
      />
    </Stack>
  );
}
