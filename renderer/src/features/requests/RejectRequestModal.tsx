import { useTranslation } from 'react-i18next';
import type { CreditRequest } from '../../../../shared/dto';
import { call } from '../../api';
import { ReasonModal } from '../../components/ReasonModal';
import { creditsText, money } from '../../lib/format';

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
  const { t } = useTranslation();
  return (
    <ReasonModal
      opened={request !== null}
      returnFocus={false}
      title={t('reject.title')}
      summary={
        request &&
        t('reject.summary', {
          id: request.id,
          amount: money(request.amount, request.currency),
          credits: creditsText(request.credits),
        })
      }
      description={t('reject.description')}
      confirmLabel={t('reject.submit')}
      submit={(reason, idempotencyKey) => call('requests.reject', { requestId: request!.id, reason, idempotencyKey })}
      onClose={onClose}
      onDone={onDone}
    />
  );
}
