import { Modal, Text, Textarea } from '@mantine/core';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { newIdempotencyKey, type Outcome } from '../api';
import { useAction } from '../lib/useAction';
import { ActionForm } from './ActionForm';

/** What a final, reasoned refusal (reject a request, dismiss a payment) needs from its caller. */
export interface ReasonModalProps {
  opened: boolean;
  title: string;
  /** What will (not) happen, in the figures of the record. */
  summary: ReactNode;
  /** Who sees the reason, e.g. "The client and the audit trail will see it." */
  description: string;
  confirmLabel: string;
  /** Sends the decision with the reason and this dialog's idempotency key. */
  submit: (reason: string, idempotencyKey: string) => Promise<Outcome<unknown>>;
  onClose: () => void;
  onDone: () => void;
  /** False when the caller puts the focus back itself (the opener may be gone after the decision). */
  returnFocus?: boolean;
}

/**
 * A final decision that needs a reason: the reason is required, the button stays disabled
 * while the call is in flight, one idempotency key per opened dialog, and the API's message
 * is shown when it is refused.
 */
export function ReasonModal(props: ReasonModalProps) {
  return (
    <Modal opened={props.opened} onClose={props.onClose} title={props.title} returnFocus={props.returnFocus ?? true}>
      {props.opened && <ReasonForm {...props} />}
    </Modal>
  );
}

function ReasonForm({ summary, description, confirmLabel, submit, onClose, onDone }: ReasonModalProps) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const [key] = useState(newIdempotencyKey);
  const action = useAction();
  async function decide() {
    const result = await action.run(() => submit(reason, key));
    if (result?.ok) onDone();
  }
  return (
    <ActionForm
      action={action}
      onSubmit={decide}
      canSubmit={reason.trim() !== ''}
      submitLabel={confirmLabel}
      submitColor="red"
      onCancel={onClose}
    >
      <Text size="sm">{summary}</Text>
      <Textarea
        label={t('common.reason')}
        description={description}
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
