import { Button, Group, Stack, Table, Tabs, Text, Title, Anchor } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect, useState } from 'react';
import type { CreditRequest, RequestStatus } from '../../../../shared/dto';
import { call } from '../../api';
import { ExportProgress } from '../../components/ExportProgress';
import { LoadState } from '../../components/LoadState';
import { credits, date, dateTime, METHOD_LABELS, money, time } from '../../lib/format';
import { href } from '../../lib/route';
import { useExport } from '../../lib/useExport';
import { useClientNames } from '../../stores/clients.store';
import { useRequestList } from '../../stores/requests.store';
import { AcceptRequestModal } from './AcceptRequestModal';
import { NewRequestModal } from './NewRequestModal';
import { RejectRequestModal } from './RejectRequestModal';
import { LoadMore } from '../../components/LoadMore';

const TABS: { value: RequestStatus; label: string }[] = [
  { value: 'pending', label: 'Pending' },
  { value: 'accepted', label: 'Accepted' },
  { value: 'rejected', label: 'Rejected' },
];

export function RequestsPage() {
  const list = useRequestList();
  const names = useClientNames((s) => s.names);
  const ensureNames = useClientNames((s) => s.ensure);
  const [status, setStatus] = useState<RequestStatus>('pending');
  const [accepting, setAccepting] = useState<CreditRequest | null>(null);
  const [rejecting, setRejecting] = useState<CreditRequest | null>(null);
  const [recording, setRecording] = useState(false);
  const exporting = useExport();
  const load = list.load;
  useEffect(() => {
    void load({ status });
  }, [status, load]);
  useEffect(() => {
    void ensureNames(list.items.map((r) => r.clientId));
  }, [list.items, ensureNames]);
  const shown = list.filter?.status === status ? list.items : [];

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1} size="h2">
          Credit requests
        </Title>
        <Group gap="sm">
          <Button
            variant="default"
            loading={exporting.pending}
            onClick={() => void exporting.run((progressId) => call('requests.export', { status, progressId }))}
            aria-label={`Export ${status} requests as CSV`}
          >
            Export CSV
          </Button>
          <Button onClick={() => setRecording(true)}>+ Record bank or crypto payment</Button>
        </Group>
      </Group>
      <ExportProgress state={exporting} label="Requests export" />
      <Tabs value={status} onChange={(v) => v !== null && setStatus(v as RequestStatus)}>
        <Tabs.List>
          {TABS.map((t) => (
            <Tabs.Tab key={t.value} value={t.value}>
              {t.label}
            </Tabs.Tab>
          ))}
        </Tabs.List>
      </Tabs>
      <LoadState
        status={list.filter?.status === status ? list.status : 'loading'}
        error={list.error}
        empty={shown.length === 0}
        emptyText={`No ${status} requests.`}
        label="credit requests"
        onRetry={() => void list.reload()}
      >
        <Table.ScrollContainer minWidth={900}>
          <Table horizontalSpacing="xs" aria-label={`${TABS.find((t) => t.value === status)!.label} credit requests`}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>#</Table.Th>
                <Table.Th>Client</Table.Th>
                <Table.Th className="num">Amount paid</Table.Th>
                <Table.Th>Currency</Table.Th>
                <Table.Th className="num">Credits</Table.Th>
                <Table.Th>Method</Table.Th>
                <Table.Th>Payment reference</Table.Th>
                <Table.Th>Submitted</Table.Th>
                {status === 'pending' ? (
                  <Table.Th>
                    <span className="sr-only">Actions</span>
                  </Table.Th>
                ) : (
                  <Table.Th>{status === 'accepted' ? 'Accepted' : 'Rejected (reason)'}</Table.Th>
                )}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {shown.map((r) => (
                <Table.Tr key={r.id}>
                  <Table.Td className="num">{r.id}</Table.Td>
                  <Table.Td className="nowrap">
                    <Anchor href={href(`/clients/${r.clientId}`)} size="sm">
                      {names[r.clientId] ?? `Client ${r.clientId}`}
                    </Anchor>
                  </Table.Td>
                  <Table.Td className="num">{money(r.amount, r.currency)}</Table.Td>
                  <Table.Td>{r.currency}</Table.Td>
                  <Table.Td className="num">{credits(r.credits)}</Table.Td>
                  <Table.Td className="nowrap">{METHOD_LABELS[r.method]}</Table.Td>
                  <Table.Td style={{ maxWidth: 200, overflowWrap: 'anywhere' }}>
                    {r.paymentReference ?? (
                      <Text span c="dimmed">
                        —
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td className="nowrap">
                    <Text size="sm">{date(r.submittedAt)}</Text>
                    <Text size="xs" c="dimmed">
                      {time(r.submittedAt)}
                    </Text>
                  </Table.Td>
                  {status === 'pending' ? (
                    <Table.Td>
                      <Group gap="xs" wrap="nowrap" justify="flex-end">
                        <Button
                          size="compact-sm"
                          color="teal"
                          onClick={() => setAccepting(r)}
                          aria-label={`Accept request #${r.id}`}
                        >
                          Accept
                        </Button>
                        <Button
                          size="compact-sm"
                          variant="light"
                          color="red"
                          onClick={() => setRejecting(r)}
                          aria-label={`Reject request #${r.id}`}
                        >
                          Reject
                        </Button>
                      </Group>
                    </Table.Td>
                  ) : (
                    <Table.Td>
                      <Text size="sm" className="nowrap">
                        {r.decidedAt ? dateTime(r.decidedAt) : '—'}
                        {r.decidedBy ? ` · ${r.decidedBy}` : ''}
                      </Text>
                      {r.rejectionReason !== null && (
                        <Text size="xs" c="dimmed">
                          {r.rejectionReason}
                        </Text>
                      )}
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        <LoadMore
          hasMore={list.nextCursor !== null}
          loading={list.loadingMore}
          onLoad={list.loadMore}
          label="Load more requests"
        />
      </LoadState>
      <AcceptRequestModal
        request={accepting}
        onClose={() => setAccepting(null)}
        onDone={() => {
          notifications.show({
            color: 'teal',
            title: 'Request accepted',
            message: `${credits(accepting?.credits ?? 0)} credits added.`,
          });
          setAccepting(null);
          void list.reload();
        }}
      />
      <RejectRequestModal
        request={rejecting}
        onClose={() => setRejecting(null)}
        onDone={() => {
          notifications.show({ color: 'gray', title: 'Request rejected', message: 'No credits were added.' });
          setRejecting(null);
          void list.reload();
        }}
      />
      <NewRequestModal
        opened={recording}
        onClose={() => setRecording(false)}
        onDone={(r) => {
          notifications.show({ color: 'teal', title: 'Request recorded', message: `Request #${r.id} is pending.` });
          setRecording(false);
          if (status === 'pending') void list.reload();
          else setStatus('pending');
        }}
      />
    </Stack>
  );
}
