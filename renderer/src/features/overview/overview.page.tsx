import { Anchor, Badge, Card, Group, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useEffect } from 'react';
import { ErrorAlert } from '../../components/ErrorAlert';
import { LoadState } from '../../components/LoadState';
import {
  credits,
  dateTime,
  INVOICE_STATUS_LABELS,
  METHOD_LABELS,
  money,
  REQUEST_STATUS_LABELS,
} from '../../lib/format';
import { href } from '../../lib/route';
import { useClientNames } from '../../stores/clients.store';
import { useOverview } from '../../stores/overview.store';

type Activity = { key: string; at: string; text: string; detail: string; badge: string; color: string };

export function OverviewPage() {
  const o = useOverview();
  const names = useClientNames((s) => s.names);
  const ensureNames = useClientNames((s) => s.ensure);
  const load = o.load;
  useEffect(() => {
    void load();
  }, [load]);
  useEffect(() => {
    void ensureNames([...o.recentRequests.map((r) => r.clientId), ...o.recentInvoices.map((i) => i.clientId)]);
  }, [o.recentRequests, o.recentInvoices, ensureNames]);

  const activity: Activity[] = [
    ...o.recentRequests.map((r) => ({
      key: `r${r.id}`,
      at: r.decidedAt ?? r.submittedAt,
      text: `${METHOD_LABELS[r.method]} request #${r.id} · ${names[r.clientId] ?? `Client ${r.clientId}`}`,
      detail: `${money(r.amount, r.currency)} → ${credits(r.credits)} credits`,
      badge: REQUEST_STATUS_LABELS[r.status],
      color: r.status === 'accepted' ? 'teal' : r.status === 'rejected' ? 'red' : 'yellow',
    })),
    ...o.recentInvoices.map((i) => ({
      key: `i${i.id}`,
      at: i.paidAt ?? i.createdAt,
      text: `Invoice ${i.number} · ${names[i.clientId] ?? `Client ${i.clientId}`}`,
      detail: money(i.amount, i.currency),
      badge: INVOICE_STATUS_LABELS[i.status],
      color: i.status === 'paid' ? 'teal' : i.status === 'void' ? 'gray' : 'blue',
    })),
  ]
    .sort((a, b) => b.at.localeCompare(a.at))
    .slice(0, 10);

  return (
    <Stack>
      <Title order={1} size="h2">
        Overview
      </Title>
      {o.status === 'error' ? (
        <ErrorAlert error={o.error} onRetry={() => void load()} />
      ) : (
        <LoadState status={o.status} error={o.error} empty={o.status !== 'ready'} emptyText="" label="overview">
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <Card withBorder>
              <Text size="sm" c="dimmed">
                Total credits outstanding
              </Text>
              <Text fz={28} fw={700} className="num" ta="left" aria-label="Total credits outstanding">
                {credits(o.totalOutstanding)}
              </Text>
              <Text size="xs" c="dimmed">
                across {credits(o.clientCount)} clients
              </Text>
            </Card>
            <Card withBorder>
              <Text size="sm" c="dimmed">
                Pending credit requests
              </Text>
              <Text fz={28} fw={700} className="num" ta="left">
                {credits(o.pendingCount)}
              </Text>
              <Anchor href={href('/requests')} size="sm">
                Review pending requests
              </Anchor>
            </Card>
            <Card withBorder>
              <Text size="sm" c="dimmed">
                Quick actions
              </Text>
              <Stack gap={2} mt={4}>
                <Anchor href={href('/payments')} size="sm">
                  Record a card or PayPal payment
                </Anchor>
                <Anchor href={href('/clients')} size="sm">
                  Find a client
                </Anchor>
                <Anchor href={href('/settings')} size="sm">
                  Packages and conversion rates
                </Anchor>
              </Stack>
            </Card>
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, md: 2 }}>
            <Card withBorder>
              <Title order={2} size="h4" mb="sm">
                Largest balances
              </Title>
              {o.topClients.length === 0 ? (
                <Text c="dimmed" size="sm">
                  No clients yet.
                </Text>
              ) : (
                <Table aria-label="Clients with the largest balances">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>Client</Table.Th>
                      <Table.Th className="num">Balance (credits)</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {o.topClients.map((c) => (
                      <Table.Tr key={c.id}>
                        <Table.Td>
                          <Anchor href={href(`/clients/${c.id}`)} size="sm">
                            {c.name}
                          </Anchor>
                        </Table.Td>
                        <Table.Td className="num">{credits(c.balance)}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              )}
            </Card>
            <Card withBorder>
              <Title order={2} size="h4" mb="sm">
                Recent activity
              </Title>
              {activity.length === 0 ? (
                <Text c="dimmed" size="sm">
                  Nothing has happened yet.
                </Text>
              ) : (
                <Stack gap="xs" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
                  {activity.map((a) => (
                    <Group key={a.key} component="li" justify="space-between" wrap="nowrap" gap="sm">
                      <div style={{ minWidth: 0 }}>
                        <Text size="sm" truncate>
                          {a.text}
                        </Text>
                        <Text size="xs" c="dimmed">
                          {dateTime(a.at)} · {a.detail}
                        </Text>
                      </div>
                      <Badge color={a.color} variant="light" style={{ flexShrink: 0 }}>
                        {a.badge}
                      </Badge>
                    </Group>
                  ))}
                </Stack>
              )}
            </Card>
          </SimpleGrid>
        </LoadState>
      )}
    </Stack>
  );
}
