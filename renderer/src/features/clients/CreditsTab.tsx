import { Button, Card, Group, MultiSelect, Stack, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useCallback, useEffect, useState } from 'react';
import { ENTRY_TYPES, type Client, type EntryType } from '../../../../shared/dto';
import { BalanceChart } from '../../components/BalanceChart';
import { LedgerTable } from '../../components/LedgerTable';
import { LoadState } from '../../components/LoadState';
import { credits, ENTRY_TYPE_LABELS } from '../../lib/format';
import { href } from '../../lib/route';
import { useClientDetail } from '../../stores/clients.store';
import { useLedger, useLedgerChart } from '../../stores/ledger.store';
import { AdjustmentModal } from './AdjustmentModal';

/** F8: balance, chart, filtered and virtualized history, and the adjustment action. */
export function CreditsTab({ client }: { client: Client }) {
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
            Available balance
          </Text>
          <Text fz={32} fw={700} className="num" ta="left" data-testid="client-balance">
            {credits(client.balance)}
          </Text>
          <Text size="xs" c="dimmed">
            credits
          </Text>
          <Group mt="md" gap="xs">
            <Button variant="light" onClick={() => setAdjusting(true)}>
              Adjustment…
            </Button>
            <Button variant="default" component="a" href={href(`/clients/${client.id}/statement`)}>
              Statement
            </Button>
          </Group>
        </Card>
        <Card withBorder style={{ flex: 3 }} miw={320}>
          <Title order={3} size="h5" mb={4}>
            Balance over time
          </Title>
          {chart.status === 'ready' && chart.filter?.clientId === client.id ? (
            <>
              <BalanceChart entries={chart.items} currentBalance={client.balance} partial={chart.nextCursor !== null} />
              {chart.nextCursor !== null && (
                <Text size="xs" c="dimmed">
                  The latest {credits(chart.items.length)} entries.
                </Text>
              )}
            </>
          ) : (
            <Text size="sm" c="dimmed">
              {chart.status === 'error' ? chart.error?.message : 'Loading…'}
            </Text>
          )}
        </Card>
      </Group>
      <Group align="flex-end" gap="sm" wrap="wrap">
        <MultiSelect
          label="Types"
          placeholder={types.length === 0 ? 'All types' : undefined}
          data={ENTRY_TYPES.map((t) => ({ value: t, label: ENTRY_TYPE_LABELS[t] }))}
          value={types}
          onChange={(v) => setTypes(v as EntryType[])}
          clearable
          miw={240}
          maw={420}
        />
        <TextInput label="From" type="date" value={from} onChange={(e) => setFrom(e.currentTarget.value)} />
        <TextInput label="To" type="date" value={to} onChange={(e) => setTo(e.currentTarget.value)} />
        {filtered && (
          <Button
            variant="subtle"
            onClick={() => {
              setTypes([]);
              setFrom('');
              setTo('');
            }}
          >
            Clear filters
          </Button>
        )}
      </Group>
      <LoadState
        status={current ? ledger.status : 'loading'}
        error={ledger.error}
        empty={!current || ledger.items.length === 0}
        emptyText={filtered ? 'No entries match these filters.' : 'No transactions yet.'}
        label="credit history"
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
            title: 'Adjustment recorded',
            message: `${entry.direction === 'in' ? 'Added' : 'Removed'} ${credits(entry.credits)} credits. New balance ${credits(entry.balanceAfter)}.`,
          });
          void reloadClient(client.id);
          void ledger.reload();
        }}
      />
    </Stack>
  );
}
