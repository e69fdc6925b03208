import { Badge, Button, Group, SegmentedControl, Stack, Table, Text, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BankProposal, BankTransaction, BankTransactionStatus } from '../../../../shared/dto.bank';
import { call } from '../../api';
import { LoadState } from '../../components/LoadState';
import { ReasonModal } from '../../components/ReasonModal';
import { date, money } from '../../lib/format';
import { useBank, type BankFilter } from '../../stores/bank.store';
import { BankImport } from './BankImport';
import { ConfirmMatchModal } from './ConfirmMatchModal';
import { CsvMappingModal } from './CsvMappingModal';

const FILTERS: BankFilter[] = ['all', 'proposed', 'unmatched', 'matched', 'ignored'];
/** Dates, amounts and status badges stay on one line; the remittance column takes the rest. */
const NOWRAP = { whiteSpace: 'nowrap' } as const;
const STATUS_COLOR: Record<BankTransactionStatus, string> = {
  proposed: 'blue.8',
  unmatched: 'dimmed',
  matched: 'teal.9',
  ignored: 'orange.9',
};

function Proposals({ tx, onConfirm }: { tx: BankTransaction; onConfirm: (p: BankProposal) => void }) {
  const { t } = useTranslation();
  return (
    <Stack gap={6}>
      <Text size="xs" c="dimmed">
        {t('bank.proposals')}
      </Text>
      {tx.proposals.map((p) => (
        <Group key={p.requestId} gap="xs" wrap="nowrap" justify="space-between">
          <Stack gap={0}>
            <Text size="sm">
              {t('bank.proposal', {
                client: p.clientName,
                request: p.requestId,
                reference: p.paymentReference ?? t('bank.noReference'),
              })}
            </Text>
            <Text size="xs" c="dimmed">
              {p.reasons.map((r) => t(`bank.reasons.${r.code}`)).join(' · ')}
            </Text>
          </Stack>
          <Button
            size="xs"
            style={{ flexShrink: 0 }}
            onClick={() => onConfirm(p)}
            aria-label={t('bank.confirmLabel', { request: p.requestId, client: p.clientName })}
          >
            {t('bank.confirm')}
          </Button>
        </Group>
      ))}
    </Stack>
  );
}

/** F15: import bank statements, see their transactions, confirm proposed matches, ignore the rest. */
export function BankPage() {
  const { t } = useTranslation();
  const list = useBank();
  useEffect(() => {
    void useBank.getState().load();
  }, []);
  const [confirming, setConfirming] = useState<{ transaction: BankTransaction; proposal: BankProposal } | null>(null);
  const [ignoring, setIgnoring] = useState<BankTransaction | null>(null);
  const [mapping, setMapping] = useState(false);
  const reload = () => void useBank.getState().load();

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1} size="h2">
          {t('bank.title')}
        </Title>
        <Button variant="default" onClick={() => setMapping(true)}>
          {t('bank.csv.open')}
        </Button>
      </Group>
      <Text size="sm" c="dimmed">
        {t('bank.intro')}
      </Text>
      <BankImport onImported={reload} />
      <SegmentedControl
        aria-label={t('bank.filter')}
        value={list.filter}
        onChange={(v) => void list.setFilter(v as BankFilter)}
        data={FILTERS.map((f) => ({ value: f, label: t(`bank.status.${f}`) }))}
      />
      <LoadState
        status={list.status}
        error={list.error}
        empty={list.items.length === 0}
        emptyText={t('bank.empty')}
        label={t('bank.loading')}
        onRetry={reload}
      >
        <Table striped verticalSpacing="sm" data-testid="bank-transactions">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('bank.columns.date')}</Table.Th>
              <Table.Th>{t('bank.columns.amount')}</Table.Th>
              <Table.Th>{t('bank.columns.payer')}</Table.Th>
              <Table.Th>{t('bank.columns.remittance')}</Table.Th>
              <Table.Th>{t('bank.columns.status')}</Table.Th>
              <Table.Th>{t('bank.columns.actions')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {list.items.map((tx) => {
              const amount = money(tx.amount, tx.currency);
              return (
                <Table.Tr key={tx.id}>
                  <Table.Td style={NOWRAP}>{tx.bookingDate ?? tx.valueDate ?? '—'}</Table.Td>
                  <Table.Td style={NOWRAP}>
                    <Text size="sm" fw={600}>
                      {tx.direction === 'debit' ? '−' : '+'}
                      {amount}
                    </Text>
                    <Group gap={4}>
                      <Badge variant="light" color={tx.direction === 'credit' ? 'teal' : 'gray'}>
                        {t(`bank.${tx.direction}`)}
                      </Badge>
                      {tx.reversal && <Badge color="red">{t('bank.reversal')}</Badge>}
                      {tx.flaggedOf !== null && <Badge color="orange">{t('bank.flaggedBadge')}</Badge>}
                    </Group>
                  </Table.Td>
                  <Table.Td>{tx.payerName ?? '—'}</Table.Td>
                  <Table.Td>
                    <Text size="sm">{tx.remittance ?? '—'}</Text>
                    {tx.proposals.length > 0 && (
                      <Proposals tx={tx} onConfirm={(proposal) => setConfirming({ transaction: tx, proposal })} />
                    )}
                    {tx.requestId !== null && <Text size="sm">{t('bank.matchedTo', { request: tx.requestId })}</Text>}
                    {tx.ignoreReason !== null && (
                      <Text size="sm">{t('bank.ignoredBecause', { reason: tx.ignoreReason })}</Text>
                    )}
                  </Table.Td>
                  <Table.Td style={NOWRAP}>
                    <Text size="sm" fw={700} c={STATUS_COLOR[tx.status]}>
                      {t(`bank.status.${tx.status}`)}
                    </Text>
                    {tx.decidedAt !== null && (
                      <Text size="xs" c="dimmed">
                        {date(tx.decidedAt)}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    {(tx.status === 'unmatched' || tx.status === 'proposed') && (
                      <Button
                        size="xs"
                        variant="default"
                        onClick={() => setIgnoring(tx)}
                        aria-label={t('bank.ignoreLabel', { amount })}
                      >
                        {t('bank.ignore')}
                      </Button>
                    )}
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
        {list.next !== null && (
          <Button variant="default" onClick={() => void list.load(list.next!)}>
            {t('bank.loadMore')}
          </Button>
        )}
      </LoadState>
      <CsvMappingModal opened={mapping} onClose={() => setMapping(false)} />
      <ConfirmMatchModal
        target={confirming}
        onClose={() => setConfirming(null)}
        onDone={() => {
          setConfirming(null);
          reload();
        }}
      />
      <ReasonModal
        opened={ignoring !== null}
        title={t('bank.ignoreTitle')}
        summary={ignoring === null ? null : `${money(ignoring.amount, ignoring.currency)} ${ignoring.payerName ?? ''}`}
        description={t('bank.reason')}
        confirmLabel={t('bank.ignoreConfirm')}
        submit={(reason, idempotencyKey) =>
          call('bank.match.ignore', { bankTransactionId: ignoring!.id, reason, idempotencyKey })
        }
        onClose={() => setIgnoring(null)}
        onDone={() => {
          setIgnoring(null);
          reload();
        }}
      />
    </Stack>
  );
}
