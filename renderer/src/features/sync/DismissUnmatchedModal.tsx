import { Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import type { UnmatchedPayment } from '../../../../shared/dto.sync';
import { call, newIdempotencyKey } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { money } from '../../lib/format';
import { useAction } from '../../lib/useAction';

/** Dismiss: a reason is required; the payment is never credited. */
export function DismissUnmatchedModal(props: {
  item: UnmatchedPayment | null;
  onClose: () => void;
  onDone: () => void;
}) {
  return (
    <Modal opened={props.item !== null} onClose={props.onClose} title="Dismiss unmatched payment">
      {props.item && <DismissForm {...props} item={props.item} />}
    </Modal>
  );
}

function DismissForm({ item, onClose, onDone }: { item: UnmatchedPayment; onClose: () => void; onDone: () => void }) {
  const [reason, setReason] = useState('');
  const [key] = useState(newIdempotencyKey);
  const action = useAction();
  async function dismiss() {
    const result = await action.run(() =>
      call('sync.unmatched.dismiss', { unmatchedId: item.id, reason, idempotencyKey: key }),
    );
    if (result?.ok) onDone();
  }
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        void dismiss();
      }}
    >
      <Stack>
        <Text size="sm">
          Payment {item.providerPaymentId}
          {item.amount !== null && item.currency !== null ? ` of ${money(item.amount, item.currency)}` : ''} will not be
          credited. The decision is final.
        </Text>
        <Textarea
          label="Reason"
          description="Required, for the audit trail (e.g. refunded at the provider, test payment)."
          required
          data-autofocus
          autosize
          minRows={2}
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
        />
        <ErrorAlert error={action.error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" color="red" loading={action.pending} disabled={reason.trim() === ''}>
            Dismiss payment
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
