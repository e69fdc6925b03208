import { Badge, Button, Group, SegmentedControl, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { UnmatchedPayment } from '../../../../shared/dto.sync';
import { LoadState } from '../../components/LoadState';
import { creditsText, date, dateTime, money, time } from '../../lib/format';
import { refreshBalances, useSync, useUnmatched, type UnmatchedStatus } from '../../stores/sync.store';
import { DismissUnmatchedModal } from './DismissUnmatchedModal';
import { PROVIDER_LABELS, reasonLabel } from './labels';
import { ResolveUnmatchedModal } from './ResolveUnmatchedModal';
import { LoadMore } from '../../components/LoadMore';
import { Gate } from '../../components/Gate';

/** Payments the poller could not credit by itself, waiting for staff: resolve (credit once) or dismiss. */
export function UnmatchedQueue() {
  const { t } = useTranslation();
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
          {t('sync.unmatched.title')}
        </Title>
        <SegmentedControl
          aria-label={t('sync.unmatched.showAria')}
          value={status}
          onChange={(v) => setStatus(v as UnmatchedStatus)}
          data={[
            { value: 'pending', label: t('sync.unmatched.pending') },
            { value: 'resolved', label: t('sync.unmatched.resolved') },
            { value: 'dismissed', label: t('sync.unmatched.dismissed') },
          ]}
        />
      </Group>
      <LoadState
        status={current ? list.status : 'loading'}
        error={list.error}
        empty={!current || list.items.length === 0}
        emptyText={
          status === 'pending'
            ? t('sync.unmatched.emptyPending')
            : status === 'resolved'
              ? t('sync.unmatched.emptyResolved')
              : t('sync.unmatched.emptyDismissed')
        }
        label={t('sync.unmatched.loading')}
        onRetry={() => void list.reload()}
      >
        <Table.ScrollContainer minWidth={900}>
          <Table aria-label={t('sync.unmatched.table')} horizontalSpacing="xs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('sync.unmatched.paid')}</Table.Th>
                <Table.Th>{t('sync.unmatched.providerPayment')}</Table.Th>
                <Table.Th className="num">{t('sync.unmatched.amount')}</Table.Th>
                <Table.Th>{t('sync.unmatched.payer')}</Table.Th>
                <Table.Th>{t('sync.unmatched.reason')}</Table.Th>
                <Table.Th>
                  {status === 'pending' ? (
                    <span className="sr-only">{t('sync.unmatched.actions')}</span>
                  ) : (
                    t('sync.unmatched.decision')
                  )}
                </Table.Th>
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
                        {t('sync.unmatched.refs', { client: u.clientRef ?? '—', package: u.packageRef ?? '—' })}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td style={{ maxWidth: 280 }}>
                    <Badge variant="light" color="yellow" style={{ textTransform: 'none' }}>
                      {reasonLabel(u.reason)}
                    </Badge>
                    <Text size="xs" c="dimmed" mt={2}>
                      {u.detail}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    {u.status === 'pending' ? (
                      <Group gap="xs" wrap="nowrap" justify="flex-end">
                        <Gate channel="sync.unmatched.resolve">
                          <Button
                            size="compact-sm"
                            color="teal"
                            onClick={() => setResolving(u)}
                            aria-label={t('sync.unmatched.resolveAria', { id: u.providerPaymentId })}
                          >
                            {t('sync.unmatched.resolve')}
                          </Button>
                        </Gate>
                        <Gate channel="sync.unmatched.dismiss">
                          <Button
                            size="compact-sm"
                            variant="light"
                            color="red"
                            onClick={() => setDismissing(u)}
                            aria-label={t('sync.unmatched.dismissAria', { id: u.providerPaymentId })}
                          >
                            {t('sync.unmatched.dismiss')}
                          </Button>
                        </Gate>
                      </Group>
                    ) : (
                      <>
                        <Text size="sm" className="nowrap">
                          {u.status === 'resolved'
                            ? t('sync.unmatched.creditedTo', { id: u.resolvedClientId })
                            : t('sync.unmatched.dismissed')}
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
          label={t('sync.unmatched.loadMore')}
        />
      </LoadState>
      <ResolveUnmatchedModal
        item={resolving}
        onClose={() => setResolving(null)}
        onDone={(added, client) => {
          notifications.show({
            color: 'teal',
            title: t('sync.unmatched.creditedTitle'),
            message: t('sync.unmatched.creditedText', { credits: creditsText(added), client }),
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
          notifications.show({
            color: 'gray',
            title: t('sync.unmatched.dismissedTitle'),
            message: t('sync.unmatched.dismissedText'),
          });
          setDismissing(null);
          decided();
        }}
      />
    </Stack>
  );
}
