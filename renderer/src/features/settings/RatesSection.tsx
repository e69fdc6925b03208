import { Badge, Button, Card, Group, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LoadState } from '../../components/LoadState';
import { dateTime, decimal } from '../../lib/format';
import { useRates } from '../../stores/catalog.store';
import { QuoteCalculator } from './QuoteCalculator';
import { RateFormModal } from './RateFormModal';
import { Gate } from '../../components/Gate';

/** F3: the active rate per currency, the history with when each rate was in force, and the calculator. */
export function RatesSection() {
  const { t } = useTranslation();
  const list = useRates();
  const [adding, setAdding] = useState(false);
  const load = list.load;
  useEffect(() => {
    void load({ includeHistory: true });
  }, [load]);
  const active = list.items.filter((r) => r.active);
  const history = [...list.items].sort(
    (a, b) => a.currency.localeCompare(b.currency) || b.activeFrom.localeCompare(a.activeFrom) || b.id - a.id,
  );

  return (
    <Stack>
      <SimpleGrid cols={{ base: 1, lg: 2 }}>
        <Card withBorder>
          <Stack>
            <Group justify="space-between">
              <Title order={2} size="h4">
                {t('rates.title')}
              </Title>
              <Gate channel="rates.set">
                <Button onClick={() => setAdding(true)}>{t('rates.add')}</Button>
              </Gate>
            </Group>
            <LoadState
              status={list.status}
              error={list.error}
              empty={active.length === 0}
              emptyText={t('rates.empty')}
              label={t('rates.loading')}
              onRetry={() => void list.reload()}
            >
              <Table aria-label={t('rates.activeTable')}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('common.currency')}</Table.Th>
                    <Table.Th className="num">{t('rates.perUnit')}</Table.Th>
                    <Table.Th>{t('rates.since')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {active.map((r) => (
                    <Table.Tr key={r.id}>
                      <Table.Td fw={600}>{r.currency}</Table.Td>
                      <Table.Td className="num">{decimal(r.creditsPerUnit)}</Table.Td>
                      <Table.Td className="nowrap">{dateTime(r.activeFrom)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </LoadState>
          </Stack>
        </Card>
        <QuoteCalculator active={active} />
      </SimpleGrid>
      <Card withBorder>
        <Title order={2} size="h4" mb="sm">
          {t('rates.history')}
        </Title>
        {history.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('rates.noRates')}
          </Text>
        ) : (
          <Table.ScrollContainer minWidth={640}>
            <Table aria-label={t('rates.history')}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('common.currency')}</Table.Th>
                  <Table.Th className="num">{t('rates.perUnit')}</Table.Th>
                  <Table.Th>{t('rates.from')}</Table.Th>
                  <Table.Th>{t('rates.to')}</Table.Th>
                  <Table.Th>{t('services.status')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {history.map((r) => (
                  <Table.Tr key={r.id}>
                    <Table.Td>{r.currency}</Table.Td>
                    <Table.Td className="num">{decimal(r.creditsPerUnit)}</Table.Td>
                    <Table.Td className="nowrap">{dateTime(r.activeFrom)}</Table.Td>
                    <Table.Td className="nowrap">{r.activeTo ? dateTime(r.activeTo) : '—'}</Table.Td>
                    <Table.Td>
                      <Badge variant="light" color={r.active ? 'teal' : 'gray'}>
                        {r.active ? t('services.active') : t('rates.retired')}
                      </Badge>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Card>
      <RateFormModal
        opened={adding}
        active={active}
        onClose={() => setAdding(false)}
        onSaved={(r) => {
          notifications.show({
            color: 'teal',
            message: t('rates.saved', { currency: r.currency, rate: decimal(r.creditsPerUnit) }),
          });
          setAdding(false);
          void list.reload();
        }}
      />
    </Stack>
  );
}
