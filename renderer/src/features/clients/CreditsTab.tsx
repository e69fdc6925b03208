import { Button, Card, Group, MultiSelect, Stack, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ENTRY_TYPES, type Client, type EntryType } from '../../../../shared/dto';
import { BalanceChart } from '../../components/BalanceChart';
import { LedgerTable } from '../../components/LedgerTable';
import { LoadState } from '../../components/LoadState';
import { credits, creditsText, entryTypeLabel } from '../../lib/format';
import { href } from '../../lib/route';
import { useClientDetail } from '../../stores/clients.store';
import { useLedger, useLedgerChart } from '../../stores/ledger.store';
import { AdjustmentModal } from './AdjustmentModal';
import { Gate } from '../../components/Gate';

/** F8: balance, chart, filtered and virtualized history, and the adjustment action. */
export function CreditsTab({ client }: { client: Client }) {
  const { t } = useTranslation();
  const ledger = useLedger();
  const chart = useLedgerChart();
  const reloadClient = useClientDetail((s) => s.load);
  const [types, setTypes] = useState<EntryType[]>([]);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [adjusting, setAdjusting] = useState(false);
  const load = ledger.load;
  const loadChart = chart.load;
  useEffect(() => {
    void load({ clientId: client.id, types, from, to });
  }, [client.id, types, from, to, load]);
  useEffect(() => {
    void loadChart({ clientId: client.id });
  }, [client.id, client.balance, loadChart]);
  const loadMore = ledger.loadMore;
  const onLoadMore = useCallback(() => void loadMore(), [loadMore]);
  const filtered = types.length > 0 || from !== '' || to !== '';
  const current = ledger.filter?.clientId === client.id;

  return (
    <Stack>
      <Group align="stretch" grow preventGrowOverflow={false} wrap="wrap">
        <Card withBorder maw={260} miw={200}>
          <Text size="sm" c="dimmed">
            {t('credits.available')}
          </Text>
          <Text fz={32} fw={700} className="num" ta="left" data-testid="client-balance">
            {credits(client.balance)}
          </Text>
          <Text size="xs" c="dimmed">
            {t('credits.unit', { count: client.balance })}
          </Text>
          <Group mt="md" gap="xs">
            <Gate channel="transactions.adjust">
              <Button variant="light" onClick={() => setAdjusting(true)}>
                {t('credits.adjustment')}
              </Button>
            </Gate>
            <Button variant="default" component="a" href={href(`/clients/${client.id}/statement`)}>
              {t('credits.statement')}
            </Button>
          </Group>
        </Card>
        <Card withBorder style={{ flex: 3 }} miw={320}>
          <Title order={3} size="h5" mb={4}>
            {t('credits.chartTitle')}
          </Title>
          {chart.status === 'ready' && chart.filter?.clientId === client.id ? (
            <>
              <BalanceChart entries={chart.items} currentBalance={client.balance} partial={chart.nextCursor !== null} />
              {chart.nextCursor !== null && (
                <Text size="xs" c="dimmed">
                  {t('credits.latest', { count: chart.items.length, value: credits(chart.items.length) })}
                </Text>
              )}
            </>
          ) : (
            <Text size="sm" c="dimmed">
              {chart.status === 'error' ? chart.error?.message : t('credits.loading')}
            </Text>
          )}
        </Card>
      </Group>
      <Group align="flex-end" gap="sm" wrap="wrap">
        <MultiSelect
          label={t('credits.types')}
          placeholder={types.length === 0 ? t('credits.allTypes') : undefined}
          data={ENTRY_TYPES.map((type) => ({ value: type, label: entryTypeLabel(type) }))}
          value={types}
          onChange={(v) => setTypes(v as EntryType[])}
          clearable
          miw={240}
          maw={420}
        />
        <TextInput
          label={t('credits.from')}
          type="date"
          value={from}
          onChange={(e) => setFrom(e.currentTarget.value)}
        />
        <TextInput label={t('credits.to')} type="date" value={to} onChange={(e) => setTo(e.currentTarget.value)} />
        {filtered && (
          <Button
            variant="subtle"
            onClick={() => {
              setTypes([]);
              setFrom('');
              setTo('');
            }}
          >
            {t('credits.clearFilters')}
          </Button>
        )}
      </Group>
      <LoadState
        status={current ? ledger.status : 'loading'}
        error={ledger.error}
        empty={!current || ledger.items.length === 0}
        emptyText={filtered ? t('credits.noMatch') : t('credits.empty')}
        label={t('ledger.label')}
        onRetry={() => void ledger.reload()}
      >
        <LedgerTable
          entries={ledger.items}
          hasMore={ledger.nextCursor !== null}
          loadingMore={ledger.loadingMore}
          onLoadMore={onLoadMore}
        />
      </LoadState>
      <AdjustmentModal
        client={client}
        opened={adjusting}
        onClose={() => setAdjusting(false)}
        onDone={(entry) => {
          setAdjusting(false);
          notifications.show({
            color: 'teal',
            title: t('credits.adjusted'),
            message: t(entry.direction === 'in' ? 'credits.adjustedIn' : 'credits.adjustedOut', {
              credits: creditsText(entry.credits),
              balance: credits(entry.balanceAfter),
            }),
          });
          void reloadClient(client.id);
          void ledger.reload();
        }}
      />
    </Stack>
  );
}
