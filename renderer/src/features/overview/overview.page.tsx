import { Anchor, Badge, Card, Group, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert';
import { LoadState } from '../../components/LoadState';
import { credits, creditsText, dateTime, entryTypeLabel } from '../../lib/format';
import { href } from '../../lib/route';
import { useOverview } from '../../stores/overview.store';

/** The overview (one `overview.get` call): what is owed in credits, who holds most, what is waiting, what just happened. */
export function OverviewPage() {
  const { t } = useTranslation();
  const { status, error, overview: o, load } = useOverview();
  useEffect(() => {
    void load();
  }, [load]);

  return (
    <Stack>
      <Title order={1} size="h2">
        {t('app.nav.overview')}
      </Title>
      {status === 'error' && o === null ? (
        <ErrorAlert error={error} onRetry={() => void load()} />
      ) : o === null ? (
        <LoadState status="loading" error={null} empty emptyText="" label={t('overview.loading')}>
          {null}
        </LoadState>
      ) : (
        <>
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <Card withBorder>
              <Text size="sm" c="dimmed">
                {t('overview.outstanding')}
              </Text>
              <Text fz={28} fw={700} className="num" ta="left">
                {credits(o.totalOutstanding)}
              </Text>
              <Text size="xs" c="dimmed">
                {t('overview.across', { count: o.clientCount, value: credits(o.clientCount) })}
              </Text>
            </Card>
            <Card withBorder>
              <Text size="sm" c="dimmed">
                {t('overview.pending')}
              </Text>
              <Text fz={28} fw={700} className="num" ta="left">
                {credits(o.pendingRequests)}
              </Text>
              <Anchor href={href('/requests')} size="sm">
                {t('overview.review')}
              </Anchor>
            </Card>
            <Card withBorder>
              <Text size="sm" c="dimmed">
                {t('overview.quick')}
              </Text>
              <Stack gap={2} mt={4}>
                <Anchor href={href('/payments')} size="sm">
                  {t('overview.recordPayment')}
                </Anchor>
                <Anchor href={href('/clients')} size="sm">
                  {t('overview.findClient')}
                </Anchor>
                <Anchor href={href('/settings')} size="sm">
                  {t('overview.packagesRates')}
                </Anchor>
                <Anchor href={href('/reports')} size="sm">
                  {t('overview.exports')}
                </Anchor>
                <Anchor href={href('/sync')} size="sm">
                  {t('overview.sync')}
                </Anchor>
              </Stack>
            </Card>
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, md: 2 }}>
            <Card withBorder>
              <Title order={2} size="h4" mb="sm">
                {t('overview.largest')}
              </Title>
              {o.topClients.length === 0 ? (
                <Text c="dimmed" size="sm">
                  {t('overview.noClients')}
                </Text>
              ) : (
                <Table aria-label={t('overview.largestTable')}>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>{t('requests.client')}</Table.Th>
                      <Table.Th className="num">{t('clients.balanceCredits')}</Table.Th>
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
                {t('overview.recent')}
              </Title>
              {o.recentActivity.length === 0 ? (
                <Text c="dimmed" size="sm">
                  {t('overview.nothing')}
                </Text>
              ) : (
                <Stack
                  gap="xs"
                  component="ul"
                  p={0}
                  m={0}
                  style={{ listStyle: 'none' }}
                  aria-label={t('overview.recent')}
                >
                  {o.recentActivity.map((e) => (
                    <Group key={e.id} component="li" justify="space-between" wrap="nowrap" gap="sm">
                      <div style={{ minWidth: 0 }}>
                        <Text size="sm" truncate>
                          {entryTypeLabel(e.type)} ·{' '}
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
                        title={t(e.direction === 'in' ? 'overview.plus' : 'overview.minus', {
                          credits: creditsText(e.credits),
                        })}
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
