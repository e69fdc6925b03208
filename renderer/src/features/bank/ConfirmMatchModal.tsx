import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { BankProposal, BankTransaction } from '../../../../shared/dto.bank';
import { call, newIdempotencyKey } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { credits, money } from '../../lib/format';
import { useAction } from '../../lib/useAction';

/** Confirm a proposal: what it adds and the balance after, then accept exactly once. */
export function ConfirmMatchModal({
  target,
  onClose,
  onDone,
}: {
  target: { transaction: BankTransaction; proposal: BankProposal } | null;
  onClose: () => void;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const action = useAction();
  async function confirm() {
    if (target === null) return;
    const outcome = await action.run(() =>
      call('bank.match.confirm', {
        bankTransactionId: target.transaction.id,
        requestId: target.proposal.requestId,
        idempotencyKey: newIdempotencyKey(),
      }),
    );
    if (outcome?.ok) onDone();
  }
  const close = () => {
    action.reset();
    onClose();
  };
  return (
    <Modal opened={target !== null} onClose={close} title={t('bank.confirmTitle')}>
      {target !== null && (
        <Stack>
          <Text>
            {t('bank.confirmText', {
              amount: money(target.transaction.amount, target.transaction.currency),
              payer: target.transaction.payerName ?? '—',
              request: target.proposal.requestId,
              client: target.proposal.clientName,
            })}
          </Text>
          <Text fw={600}>{t('bank.creditsToAdd', { credits: credits(target.proposal.credits) })}</Text>
          <Text>
            {t('bank.balanceAfter', {
              balance: credits(target.proposal.balanceAfter),
              now: credits(target.proposal.balance),
            })}
          </Text>
          <ErrorAlert error={action.error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              {t('common.cancel')}
            </Button>
            <Button onClick={() => void confirm()} loading={action.pending}>
              {t('bank.confirm')}
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
