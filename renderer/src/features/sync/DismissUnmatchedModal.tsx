import { useTranslation } from 'react-i18next';
import type { UnmatchedPayment } from '../../../../shared/dto.sync';
import { call } from '../../api';
import { ReasonModal } from '../../components/ReasonModal';
import { money } from '../../lib/format';

/** Dismiss: a reason is required; the payment is never credited. */
export function DismissUnmatchedModal({
  item,
  onClose,
  onDone,
}: {
  item: UnmatchedPayment | null;
  onClose: () => void;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const summary =
    item === null
      ? null
      : item.amount !== null && item.currency !== null
        ? t('sync.dismiss.summaryAmount', { id: item.providerPaymentId, amount: money(item.amount, item.currency) })
        : t('sync.dismiss.summary', { id: item.providerPaymentId });
  return (
    <ReasonModal
      opened={item !== null}
      title={t('sync.dismiss.title')}
      summary={summary}
      description={t('sync.dismiss.description')}
      confirmLabel={t('sync.dismiss.confirm')}
      submit={(reason, idempotencyKey) =>
        call('sync.unmatched.dismiss', { unmatchedId: item!.id, reason, idempotencyKey })
      }
      onClose={onClose}
      onDone={onDone}
    />
  );
}
