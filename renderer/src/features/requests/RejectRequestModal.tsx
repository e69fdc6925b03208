import type { CreditRequest } from '../../../../shared/dto';
import { call } from '../../api';
import { ReasonModal } from '../../components/ReasonModal';
import { credits, money } from '../../lib/format';

/** Reject (F6): a reason is required; no credits move. */
export function RejectRequestModal({
  request,
  onClose,
  onDone,
}: {
  request: CreditRequest | null;
  onClose: () => void;
  onDone: () => void;
}) {
  return (
    <ReasonModal
      opened={request !== null}
      title="Reject credit request"
      summary={
        request &&
        `Request #${request.id}: ${money(request.amount, request.currency)} for ${credits(request.credits)} credits. No credits will be added. The decision is final.`
      }
      description="Required. The client and the audit trail will see it."
      confirmLabel="Reject request"
      submit={(reason, idempotencyKey) => call('requests.reject', { requestId: request!.id, reason, idempotencyKey })}
      onClose={onClose}
      onDone={onDone}
    />
  );
}
