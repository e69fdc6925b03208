import { Modal, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SyncReviewItem } from '../../../../shared/dto.sync';
import { call, newIdempotencyKey } from '../../api';
import { ActionForm } from '../../components/ActionForm';
import { Figures } from '../../components/Figures';
import { credits, creditsText, money } from '../../lib/format';
import { useAction } from '../../lib/useAction';
import { PROVIDER_LABELS, exactText } from './labels';

/**
 * Reverse…: takes back the credits the refunded part of the payment bought (rounded down in the
 * client's favour), shown with the balance after, before anything is posted. A reason is required.
 * When the client has spent the credits, the API refuses with needed and available, and the item stays open.
 */
export function ReverseReviewModal(props: {
  item: SyncReviewItem | null;
  onClose: () => void;
  onDone: (taken: number) => void;
}) {
  const { t } = useTranslation();
  return (
    <Modal opened={props.item !== null} onClose={props.onClose} title={t('sync.reverse.title')} size="lg">
      {props.item && <ReverseForm {...props} item={props.item} />}
    </Modal>
  );
}

function ReverseForm({
  item,
  onClose,
  onDone,
}: {
  item: SyncReviewItem;
  onClose: () => void;
  onDone: (taken: number) => void;
}) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const [key] = useState(newIdempotencyKey);
  const action = useAction();
  const take = item.reversal?.credits ?? 0;
  const after = item.clientBalance - take;

  async function reverse() {
    const result = await action.run(() =>
      call('sync.review.resolve', { reviewId: item.id, action: 'reverse', reason, idempotencyKey: key }),
    );
    if (result?.ok) onDone(result.value.item.reversal?.credits ?? take);
  }

  const dispute = item.kind === 'dispute';
  return (
    <ActionForm
      action={action}
      onSubmit={reverse}
      canSubmit={reason.trim() !== '' && item.reversal !== null}
      submitLabel={t('sync.reverse.submit', { credits: creditsText(take, 'acc') })}
      submitColor="red"
      onCancel={onClose}
    >
      <Text size="sm">
        {t(dispute ? 'sync.reverse.textDispute' : 'sync.reverse.textRefund', {
          provider: PROVIDER_LABELS[item.provider],
          id: item.eventId,
          payment: item.providerPaymentId,
          client: item.clientName,
        })}
      </Text>
      <Figures
        rows={[
          {
            label: t('sync.reverse.payment'),
            value: `${money(item.purchaseAmount, item.purchaseCurrency)} · ${creditsText(item.purchaseCredits)}`,
          },
          {
            label: dispute ? t('sync.reverse.disputed') : t('sync.reverse.refunded'),
            value:
              item.amount !== null && item.currency !== null
                ? money(item.amount, item.currency)
                : t('sync.reverse.wholePayment'),
          },
          ...(item.reversal === null
            ? []
            : [
                { label: t('sync.reverse.exact'), value: exactText(item.reversal.exact) },
                { label: t('sync.reverse.toTakeBack'), value: creditsText(take), strong: true },
              ]),
          { label: t('sync.reverse.balanceNow'), value: creditsText(item.clientBalance) },
          {
            label: t('sync.reverse.balanceAfter'),
            value:
              after < 0 ? t('sync.reverse.notEnough', { available: credits(item.clientBalance) }) : creditsText(after),
          },
        ]}
      />
      {item.reversal === null && (
        <Text size="sm" c="red">
          {dispute ? t('sync.reverse.otherCurrencyDispute') : t('sync.reverse.otherCurrencyRefund')}
        </Text>
      )}
      <Textarea
        label={t('sync.reverse.reason')}
        description={t('sync.reverse.reasonHint')}
        required
        data-autofocus
        autosize
        minRows={2}
        value={reason}
        onChange={(e) => setReason(e.currentTarget.value)}
      />
    </ActionForm>
  );
}
