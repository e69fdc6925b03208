import { Anchor, Badge, Button, Group, SegmentedControl, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect, useState } from 'react';
import type { Invoice, InvoiceStatus } from '../../../../shared/dto';
import { LoadState } from '../../components/LoadState';
import { dateTime, INVOICE_STATUS_LABELS, money } from '../../lib/format';
import { href } from '../../lib/route';
import { useClientNames } from '../../stores/clients.store';
import { useInvoiceList } from '../../stores/invoices.store';
import { NewInvoiceModal } from './NewInvoiceModal';
import { PayInvoiceModal } from './PayInvoiceModal';
import { VoidInvoiceModal } from './VoidInvoiceModal';
import { LoadMore } from '../../components/LoadMore';

const STATUS_COLORS: Record<InvoiceStatus, string> = { unpaid: 'blue', paid: 'teal', void: 'gray' };

export function InvoicesPage() {
  const list = useInvoiceList();
  const names = useClientNames((s) => s.names);
  const ensureNames = useClientNames((s) => s.ensure);
  const [status, setStatus] = useState<InvoiceStatus | 'all'>('all');
  const [creating, setCreating] = useState(false);
  const [paying, setPaying] = useState<Invoice | null>(null);
  const [voiding, setVoiding] = useState<Invoice | null>(null);
  const load = list.load;
  useEffect(() => {
    void load({ status: status === 'all' ? null : status });
  }, [status, load]);
  useEffect(() => {
    void ensureNames(list.items.map((i) => i.clientId));
  }, [list.items, ensureNames]);

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1} size="h2">
          Invoices
        </Title>
        <Button onClick={() => setCreating(true)}>+ Invoice</Button>
      </Group>
      <Stack gap={4}>
        <Text size="sm" fw={500} id="invoice-status-filter">
          Status
        </Text>
        <SegmentedControl
          aria-labelledby="invoice-status-filter"
          value={status}
          onChange={(v) => setStatus(v as InvoiceStatus | 'all')}
          data={[
            { value: 'all', label: 'All' },
            { value: 'unpaid', label: 'Unpaid' },
            { value: 'paid', label: 'Paid' },
            { value: 'void', label: 'Void' },
          ]}
          style={{ alignSelf: 'flex-start' }}
        />
      </Stack>
      <LoadState
        status={list.status}
        error={list.error}
        empty={list.items.length === 0}
        emptyText={status === 'all' ? 'No invoices yet.' : `No ${status} invoices.`}
        label="invoices"
        onRetry={() => void list.reload()}
      >
        <Table.ScrollContainer minWidth={760}>
          <Table aria-label="Invoices">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Number</Table.Th>
                <Table.Th>Client</Table.Th>
                <Table.Th className="num">Amount</Table.Th>
                <Table.Th>Status</Table.Th>
                <Table.Th>Created</Table.Th>
                <Table.Th>Paid</Table.Th>
                <Table.Th>
                  <span className="sr-only">Actions</span>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.items.map((i) => (
                <Table.Tr key={i.id} h={48}>
                  <Table.Td className="nowrap">{i.number}</Table.Td>
                  <Table.Td className="nowrap">
                    <Anchor href={href(`/clients/${i.clientId}`)} size="sm">
                      {names[i.clientId] ?? `Client ${i.clientId}`}
                    </Anchor>
                  </Table.Td>
                  <Table.Td className="num">{money(i.amount, i.currency)}</Table.Td>
                  <Table.Td>
                    <Badge variant="light" color={STATUS_COLORS[i.status]}>
                      {INVOICE_STATUS_LABELS[i.status]}
                    </Badge>
                  </Table.Td>
                  <Table.Td className="nowrap">{dateTime(i.createdAt)}</Table.Td>
                  <Table.Td className="nowrap">{i.paidAt ? dateTime(i.paidAt) : '—'}</Table.Td>
                  <Table.Td>
                    {i.status === 'unpaid' && (
                      <Group justify="flex-end" gap="xs" wrap="nowrap">
                        <Button
                          size="xs"
                          onClick={() => setPaying(i)}
                          aria-label={`Pay invoice ${i.number} with credit`}
                        >
                          Pay with Credit
                        </Button>
                        <Button
                          size="xs"
                          variant="subtle"
                          color="red"
                          onClick={() => setVoiding(i)}
                          aria-label={`Void invoice ${i.number}`}
                        >
                          Void
                        </Button>
                      </Group>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        <LoadMore
          hasMore={list.nextCursor !== null}
          loading={list.loadingMore}
          onLoad={list.loadMore}
          label="Load more invoices"
        />
      </LoadState>
      <NewInvoiceModal
        opened={creating}
        onClose={() => setCreating(false)}
        onSaved={(i) => {
          notifications.show({ color: 'teal', message: `Invoice ${i.number} created.` });
          setCreating(false);
          void list.reload();
        }}
      />
      <PayInvoiceModal
        invoice={paying}
        onClose={() => setPaying(null)}
        onDone={(i) => {
          notifications.show({
            color: 'teal',
            title: 'Invoice paid with credits',
            message: `Invoice ${i.number} is paid.`,
          });
          setPaying(null);
          void list.reload();
        }}
      />
      <VoidInvoiceModal
        invoice={voiding}
        onClose={() => setVoiding(null)}
        onDone={(i) => {
          notifications.show({ color: 'gray', title: 'Invoice void', message: `Invoice ${i.number} is void.` });
          setVoiding(null);
          void list.reload();
        }}
      />
    </Stack>
  );
}
