import { Anchor, Badge, Card, Group, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useEffect } from 'react';
import { ErrorAlert } from '../../components/ErrorAlert';
import { LoadState } from '../../components/LoadState';
import { credits, dateTime, ENTRY_TYPE_LABELS } from '../../lib/format';
import { href } from '../../lib/route';
import { useOverview } from '../../stores/overview.store';

/** The overview (one `overview.get` call): what is owed in credits, who holds most, what is waiting, what just happened. */
export function OverviewPage() {
  const { status, error, overview: o, load } = useOverview();
  useEffect(() => {
    void load();
  }, [load]);

  return (
    <Stack>
      <Title order={1} size="h2">
        Overview
      </Title>
      {status === 'error' && o === null ? (
        <ErrorAlert error={error} onRetry={() => void load()} />
      ) : o === null ? (
        <LoadState status="loading" error={null} empty emptyText="" label="overview">
          {null}
        </LoadState>
      ) : (
        <>
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
                {credits(o.pendingRequests)}
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
                <Anchor href={href('/reports')} size="sm">
                  Exports for the accountant
                </Anchor>
                <Anchor href={href('/sync')} size="sm">
                  Card and PayPal sync
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
              {o.recentActivity.length === 0 ? (
                <Text c="dimmed" size="sm">
                  Nothing has happened yet.
                </Text>
              ) : (
                <Stack gap="xs" component="ul" p={0} m={0} style={{ listStyle: 'none' }} aria-label="Recent activity">
                  {o.recentActivity.map((e) => (
                    <Group key={e.id} component="li" justify="space-between" wrap="nowrap" gap="sm">
                      <div style={{ minWidth: 0 }}>
                        <Text size="sm" truncate>
                          {ENTRY_TYPE_LABELS[e.type]} ·{' '}
                          <Anchor href={href(`/clients/${e.clientId}`)} size="sm">
                            {e.clientName}
                          </Anchor>
                        </Text>
                        <Text size="xs" c="dimmed" truncate>
                          {dateTime(e.createdAt)} · {e.reference}
                        </Text>
                      </div>
                      <Badge
                        color={e.direction === 'in' ? 'teal' : 'orange'}
                        variant="light"
                        style={{ flexShrink: 0, textTransform: 'none' }}
                        aria-label={`${e.direction === 'in' ? 'plus' : 'minus'} ${credits(e.credits)} credits`}
                      >
                        {e.direction === 'in' ? '+' : '−'}
                        {credits(e.credits)}
                      </Badge>
                    </Group>
                  ))}
                </Stack>
              )}
            </Card>
          </SimpleGrid>
        </>
      )}
    </Stack>
  );
}
