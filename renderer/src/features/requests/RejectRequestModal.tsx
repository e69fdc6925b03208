import { Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import type { CreditRequest } from '../../../../shared/dto';
import { call, newIdempotencyKey } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { credits, money } from '../../lib/format';
import { useAction } from '../../lib/useAction';

/** Reject (F6): a reason is required; no credits move. */
export function RejectRequestModal(props: { request: CreditRequest | null; onClose: () => void; onDone: () => void }) {
  return (
    <Modal opened={props.request !== null} onClose={props.onClose} title="Reject credit request">
      {props.request && <RejectForm {...props} request={props.request} />}
    </Modal>
  );
}

function RejectForm({ request, onClose, onDone }: { request: CreditRequest; onClose: () => void; onDone: () => void }) {
  const [reason, setReason] = useState('');
  const [key] = useState(newIdempotencyKey);
  const action = useAction();
  async function reject() {
    const result = await action.run(() =>
      call('requests.reject', { requestId: request.id, reason, idempotencyKey: key }),
    );
    if (result?.ok) onDone();
  }
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        void reject();
      }}
    >
      <Stack>
        <Text size="sm">
          Request #{request.id}: {money(request.amount, request.currency)} for {credits(request.credits)} credits. No
          credits will be added. The decision is final.
        </Text>
        <Textarea
          label="Reason"
          description="Required. The client and the audit trail will see it."
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
            Reject request
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
