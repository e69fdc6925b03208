import { Anchor, Badge, Stack, Table, Text, Title } from '@mantine/core';
import { useEffect } from 'react';
import { LoadState } from '../../components/LoadState';
import { dateTime, money } from '../../lib/format';
import { href } from '../../lib/route';
import { useClientNames } from '../../stores/clients.store';
import { useReviewItems } from '../../stores/sync.store';
import { PROVIDER_LABELS } from './labels';

/** Refunds and disputes of payments that were credited: listed for staff; nothing is debited automatically. */
export function ReviewItems() {
  const list = useReviewItems();
  const names = useClientNames((s) => s.names);
  const ensureNames = useClientNames((s) => s.ensure);
  const load = list.load;
  useEffect(() => {
    void load({ status: null });
  }, [load]);
  useEffect(() => {
    void ensureNames(list.items.map((r) => r.clientId));
  }, [list.items, ensureNames]);
  return (
    <Stack gap="sm" component="section" aria-labelledby="review-heading">
      <div>
        <Title order={2} size="h3" id="review-heading">
          Refunds and disputes to review
        </Title>
        <Text size="sm" c="dimmed">
          Seen at the provider for payments that were credited. No credits are taken back automatically: post an
          adjustment on the client’s Credits tab if needed.
        </Text>
      </div>
      <LoadState
        status={list.status}
        error={list.error}
        empty={list.items.length === 0}
        emptyText="No refunds or disputes."
        label="review items"
        onRetry={() => void list.reload()}
      >
        <Table.ScrollContainer minWidth={760}>
          <Table aria-label="Refunds and disputes">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>When</Table.Th>
                <Table.Th>Kind</Table.Th>
                <Table.Th>Client</Table.Th>
                <Table.Th>Provider · payment</Table.Th>
                <Table.Th className="num">Amount</Table.Th>
                <Table.Th>Status</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.items.map((r) => (
                <Table.Tr key={r.id}>
                  <Table.Td className="nowrap">{dateTime(r.occurredAt)}</Table.Td>
                  <Table.Td>
                    <Badge variant="light" color={r.kind === 'dispute' ? 'red' : 'orange'}>
                      {r.kind === 'dispute' ? 'Dispute' : 'Refund'}
                    </Badge>
                  </Table.Td>
                  <Table.Td className="nowrap">
                    <Anchor href={href(`/clients/${r.clientId}`)} size="sm">
                      {names[r.clientId] ?? `Client ${r.clientId}`}
                    </Anchor>
                  </Table.Td>
                  <Table.Td style={{ overflowWrap: 'anywhere' }}>
                    {PROVIDER_LABELS[r.provider]} · {r.providerPaymentId}
                  </Table.Td>
                  <Table.Td className="num">
                    {r.amount !== null && r.currency !== null ? money(r.amount, r.currency) : '—'}
                  </Table.Td>
                  <Table.Td>
                    {r.status === 'open' ? 'Open' : 'Closed'}
                    {r.providerStatus ? ` (${r.providerStatus})` : ''}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </LoadState>
    </Stack>
  );
}
