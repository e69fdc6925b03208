import { Anchor, Badge, Button, Group, SegmentedControl, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SyncReviewItem } from '../../../../shared/dto.sync';
import { call } from '../../api';
import { LoadMore } from '../../components/LoadMore';
import { LoadState } from '../../components/LoadState';
import { ReasonModal } from '../../components/ReasonModal';
import { creditsText, credits, dateTime, money } from '../../lib/format';
import { t } from '../../i18n';
import { href } from '../../lib/route';
import { refreshBalances, useReviewItems, useSync } from '../../stores/sync.store';
import { PROVIDER_LABELS, resolutionLabel } from './labels';
import { ReverseReviewModal } from './ReverseReviewModal';
import { Gate } from '../../components/Gate';

type Shown = 'open' | 'closed';

/**
 * Refunds, reversals and disputes of payments that were credited (F16). Staff close each one:
 * Reverse… takes the credits back (shown with the balance after), Keep… records why they stay.
 * Disputes the merchant won close by themselves.
 */
export function ReviewItems() {
  const { t } = useTranslation();
  const list = useReviewItems();
  const [shown, setShown] = useState<Shown>('open');
  const [reversing, setReversing] = useState<SyncReviewItem | null>(null);
  const [keeping, setKeeping] = useState<SyncReviewItem | null>(null);
  const load = list.load;
  useEffect(() => {
    void load({ status: shown });
  }, [shown, load]);
  const current = list.filter?.status === shown;

  function decided() {
    void list.reload();
    void useSync.getState().load();
    refreshBalances();
  }

  return (
    <Stack gap="sm" component="section" aria-labelledby="review-heading">
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={2} size="h3" id="review-heading">
            {t('sync.review.title')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('sync.review.intro')}
          </Text>
        </div>
        <SegmentedControl
          aria-label={t('sync.review.showAria')}
          value={shown}
          onChange={(v) => setShown(v as Shown)}
          data={[
            { value: 'open', label: t('sync.review.open') },
            { value: 'closed', label: t('sync.review.closed') },
          ]}
        />
      </Group>
      <LoadState
        status={current ? list.status : 'loading'}
        error={list.error}
        empty={!current || list.items.length === 0}
        emptyText={shown === 'open' ? t('sync.review.emptyOpen') : t('sync.review.emptyClosed')}
        label={t('sync.review.loading')}
        onRetry={() => void list.reload()}
      >
        <Table.ScrollContainer minWidth={1040}>
          <Table aria-label={t('sync.review.table')} horizontalSpacing="xs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('sync.review.when')}</Table.Th>
                <Table.Th>{t('sync.review.kind')}</Table.Th>
                <Table.Th>{t('sync.review.client')}</Table.Th>
                <Table.Th>{t('sync.review.providerPayment')}</Table.Th>
                <Table.Th className="num">{t('sync.review.amount')}</Table.Th>
                <Table.Th className="num">
                  {shown === 'open' ? t('sync.review.toTakeBack') : t('sync.review.takenBack')}
                </Table.Th>
                <Table.Th>{shown === 'open' ? t('sync.review.status') : t('sync.review.decision')}</Table.Th>
                {shown === 'open' && (
                  <Table.Th>
                    <span className="sr-only">{t('sync.review.actions')}</span>
                  </Table.Th>
                )}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.items.map((r) => (
                <Table.Tr key={r.id}>
                  <Table.Td className="nowrap">{dateTime(r.occurredAt)}</Table.Td>
                  <Table.Td className="nowrap">
                    <Badge variant="light" color={r.kind === 'dispute' ? 'red' : 'orange'} style={{ flexShrink: 0 }}>
                      {r.kind === 'dispute' ? t('sync.review.dispute') : t('sync.review.refund')}
                    </Badge>
                  </Table.Td>
                  <Table.Td className="nowrap">
                    <Anchor href={href(`/clients/${r.clientId}`)} size="sm">
                      {r.clientName}
                    </Anchor>
                  </Table.Td>
                  <Table.Td style={{ overflowWrap: 'anywhere' }}>
                    {PROVIDER_LABELS[r.provider]} · {r.providerPaymentId}
                  </Table.Td>
                  <Table.Td className="num">
                    {r.amount !== null && r.currency !== null ? money(r.amount, r.currency) : '—'}
                  </Table.Td>
                  <Table.Td className="num">{r.reversal === null ? '—' : credits(r.reversal.credits)}</Table.Td>
                  <Table.Td>
                    {r.status === 'open' ? (
                      <>
                        {r.providerStatus
                          ? t('sync.review.statusOpenAt', { status: r.providerStatus })
                          : t('sync.review.statusOpen')}
                      </>
                    ) : (
                      <>
                        {decisionText(r)}
                        {r.resolutionReason !== null && (
                          <Text size="xs" c="dimmed">
                            {r.resolutionReason}
                          </Text>
                        )}
                      </>
                    )}
                  </Table.Td>
                  {shown === 'open' && (
                    <Table.Td>
                      <Group gap={6} wrap="nowrap">
                        <Gate channel="sync.review.resolve">
                          <Button
                            size="xs"
                            color="red"
                            variant="light"
                            onClick={() => setReversing(r)}
                            aria-label={t('sync.review.reverseAria', {
                              kind: t(`sync.review.kinds.${r.kind}`),
                              id: r.eventId,
                            })}
                          >
                            {t('sync.review.reverse')}
                          </Button>
                        </Gate>
                        <Gate channel="sync.review.resolve">
                          <Button
                            size="xs"
                            variant="default"
                            onClick={() => setKeeping(r)}
                            aria-label={t('sync.review.keepAria', {
                              kind: t(`sync.review.kinds.${r.kind}`),
                              id: r.eventId,
                            })}
                          >
                            {t('sync.review.keep')}
                          </Button>
                        </Gate>
                      </Group>
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
          label={t('sync.review.loadMore')}
        />
      </LoadState>
      <ReverseReviewModal
        item={reversing}
        onClose={() => setReversing(null)}
        onDone={(taken) => {
          const who = reversing?.clientName ?? t('sync.review.theClient');
          setReversing(null);
          notifications.show({
            color: 'teal',
            message: t('sync.review.takenBackDone', { credits: creditsText(taken), who }),
          });
          decided();
        }}
      />
      <ReasonModal
        opened={keeping !== null}
        title={t('sync.review.keepTitle')}
        summary={
          keeping &&
          t('sync.review.keepSummary', {
            client: keeping.clientName,
            credits: creditsText(keeping.purchaseCredits),
            payment: keeping.providerPaymentId,
          })
        }
        description={t('sync.review.keepDescription')}
        confirmLabel={t('sync.review.keepTitle')}
        submit={(reason, idempotencyKey) =>
          call('sync.review.resolve', { reviewId: keeping!.id, action: 'keep', reason, idempotencyKey })
        }
        onClose={() => setKeeping(null)}
        onDone={() => {
          setKeeping(null);
          decided();
        }}
      />
    </Stack>
  );
}

/** "Credits taken back by Anna", "Dispute won" (the provider decided: no one to name). */
function decisionText(r: SyncReviewItem): string {
  const decision = r.resolution === null ? t('sync.review.closed') : resolutionLabel(r.resolution);
  return r.resolvedBy !== null && r.resolution !== 'dispute_won'
    ? t('sync.review.decidedBy', { decision, who: r.resolvedBy })
    : decision;
}
