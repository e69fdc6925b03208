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
  const amount =
    item !== null && item.amount !== null && item.currency !== null ? ` of ${money(item.amount, item.currency)}` : '';
  return (
    <ReasonModal
      opened={item !== null}
      title="Dismiss unmatched payment"
      summary={item && `Payment ${item.providerPaymentId}${amount} will not be credited. The decision is final.`}
      description="Required, for the audit trail (e.g. refunded at the provider, test payment)."
      confirmLabel="Dismiss payment"
      submit={(reason, idempotencyKey) =>
        call('sync.unmatched.dismiss', { unmatchedId: item!.id, reason, idempotencyKey })
      }
      onClose={onClose}
      onDone={onDone}
    />
  );
}
