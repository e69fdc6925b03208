import { Badge, Button, Group, SegmentedControl, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect, useState } from 'react';
import type { UnmatchedPayment } from '../../../../shared/dto.sync';
import { LoadState } from '../../components/LoadState';
import { credits, date, dateTime, money, time } from '../../lib/format';
import { refreshBalances, useSync, useUnmatched, type UnmatchedStatus } from '../../stores/sync.store';
import { DismissUnmatchedModal } from './DismissUnmatchedModal';
import { PROVIDER_LABELS, REASON_LABELS } from './labels';
import { ResolveUnmatchedModal } from './ResolveUnmatchedModal';
import { LoadMore } from '../../components/LoadMore';

/** Payments the poller could not credit by itself, waiting for staff: resolve (credit once) or dismiss. */
export function UnmatchedQueue() {
  const list = useUnmatched();
  const [status, setStatus] = useState<UnmatchedStatus>('pending');
  const [resolving, setResolving] = useState<UnmatchedPayment | null>(null);
  const [dismissing, setDismissing] = useState<UnmatchedPayment | null>(null);
  const load = list.load;
  useEffect(() => {
    void load({ status });
  }, [status, load]);
  const current = list.filter?.status === status;

  function decided() {
    void list.reload();
    void useSync.getState().load();
  }

  return (
    <Stack gap="sm" component="section" aria-labelledby="unmatched-heading">
      <Group justify="space-between" align="flex-end">
        <Title order={2} size="h3" id="unmatched-heading">
          Unmatched payments
        </Title>
        <SegmentedControl
          aria-label="Unmatched payments to show"
          value={status}
          onChange={(v) => setStatus(v as UnmatchedStatus)}
          data={[
            { value: 'pending', label: 'Waiting' },
            { value: 'resolved', label: 'Resolved' },
            { value: 'dismissed', label: 'Dismissed' },
          ]}
        />
      </Group>
      <LoadState
        status={current ? list.status : 'loading'}
        error={list.error}
        empty={!current || list.items.length === 0}
        emptyText={
          status === 'pending' ? 'No payment is waiting: every synced payment was matched.' : `No ${status} payments.`
        }
        label="unmatched payments"
        onRetry={() => void list.reload()}
      >
        <Table.ScrollContainer minWidth={900}>
          <Table aria-label="Unmatched payments" horizontalSpacing="xs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Paid</Table.Th>
                <Table.Th>Provider · payment</Table.Th>
                <Table.Th className="num">Amount</Table.Th>
                <Table.Th>Payer</Table.Th>
                <Table.Th>Reason</Table.Th>
                <Table.Th>{status === 'pending' ? <span className="sr-only">Actions</span> : 'Decision'}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.items.map((u) => (
                <Table.Tr key={u.id} style={{ verticalAlign: 'top' }}>
                  <Table.Td className="nowrap">
                    <Text size="sm">{date(u.paidAt)}</Text>
                    <Text size="xs" c="dimmed">
                      {time(u.paidAt)}
                    </Text>
                  </Table.Td>
                  <Table.Td style={{ maxWidth: 220, overflowWrap: 'anywhere' }}>
                    <Text size="sm">{PROVIDER_LABELS[u.provider]}</Text>
                    <Text size="xs" c="dimmed">
                      {u.providerPaymentId}
                    </Text>
                  </Table.Td>
                  <Table.Td className="num">
                    {u.amount !== null && u.currency !== null ? money(u.amount, u.currency) : '—'}
                  </Table.Td>
                  <Table.Td style={{ maxWidth: 200, overflowWrap: 'anywhere' }}>
                    <Text size="sm">{u.email ?? '—'}</Text>
                    {(u.clientRef !== null || u.packageRef !== null) && (
                      <Text size="xs" c="dimmed">
                        client {u.clientRef ?? '—'} · package {u.packageRef ?? '—'}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td style={{ maxWidth: 280 }}>
                    <Badge variant="light" color="yellow" style={{ textTransform: 'none' }}>
                      {REASON_LABELS[u.reason]}
                    </Badge>
                    <Text size="xs" c="dimmed" mt={2}>
                      {u.detail}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    {u.status === 'pending' ? (
                      <Group gap="xs" wrap="nowrap" justify="flex-end">
                        <Button
                          size="compact-sm"
                          color="teal"
                          onClick={() => setResolving(u)}
                          aria-label={`Resolve payment ${u.providerPaymentId}`}
                        >
                          Resolve
                        </Button>
                        <Button
                          size="compact-sm"
                          variant="light"
                          color="red"
                          onClick={() => setDismissing(u)}
                          aria-label={`Dismiss payment ${u.providerPaymentId}`}
                        >
                          Dismiss
                        </Button>
                      </Group>
                    ) : (
                      <>
                        <Text size="sm" className="nowrap">
                          {u.status === 'resolved' ? `Credited to client #${u.resolvedClientId}` : 'Dismissed'}
                        </Text>
                        <Text size="xs" c="dimmed">
                          {u.decidedAt ? dateTime(u.decidedAt) : ''}
                          {u.decidedBy ? ` · ${u.decidedBy}` : ''}
                          {u.dismissReason ? ` · ${u.dismissReason}` : ''}
                        </Text>
                      </>
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
          label="Load more payments"
        />
      </LoadState>
      <ResolveUnmatchedModal
        item={resolving}
        onClose={() => setResolving(null)}
        onDone={(added, client) => {
          notifications.show({
            color: 'teal',
            title: 'Payment credited',
            message: `${credits(added)} credits added to ${client}.`,
          });
          setResolving(null);
          decided();
          refreshBalances();
        }}
      />
      <DismissUnmatchedModal
        item={dismissing}
        onClose={() => setDismissing(null)}
        onDone={() => {
          notifications.show({ color: 'gray', title: 'Payment dismissed', message: 'It will not be credited.' });
          setDismissing(null);
          decided();
        }}
      />
    </Stack>
  );
}
