import { Modal, NumberInput, SegmentedControl, Stack, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Client, LedgerEntry } from '../../../../shared/dto';
import { call, newIdempotencyKey } from '../../api';
import { Figures } from '../../components/Figures';
import { creditsText } from '../../lib/format';
import { useAction } from '../../lib/useAction';
import { ActionForm } from '../../components/ActionForm';

/** A correction as a new ledger entry (F9): direction, whole credits and a required reason. */
export function AdjustmentModal(props: {
  client: Client;
  opened: boolean;
  onClose: () => void;
  onDone: (e: LedgerEntry) => void;
}) {
  const { t } = useTranslation();
  return (
    <Modal opened={props.opened} onClose={props.onClose} title={t('adjust.title', { name: props.client.name })}>
      {props.opened && <AdjustmentForm {...props} />}
    </Modal>
  );
}

function AdjustmentForm({
  client,
  onClose,
  onDone,
}: {
  client: Client;
  onClose: () => void;
  onDone: (e: LedgerEntry) => void;
}) {
  const { t } = useTranslation();
  const [direction, setDirection] = useState<'in' | 'out'>('in');
  const [amount, setAmount] = useState<number | string>('');
  const [reason, setReason] = useState('');
  // One key per opening of the dialog: a double click or a retry after a lost reply adjusts once.
  const [key] = useState(newIdempotencyKey);
  const action = useAction();
  const value = typeof amount === 'number' && Number.isInteger(amount) && amount > 0 ? amount : null;
  const after = value === null ? null : direction === 'in' ? client.balance + value : client.balance - value;
  async function submit() {
    if (value === null) return;
    const result = await action.run(() =>
      call('transactions.adjust', { clientId: client.id, direction, credits: value, reason, idempotencyKey: key }),
    );
    if (result?.ok) onDone(result.value);
  }
  return (
    <ActionForm
      action={action}
      onSubmit={submit}
      canSubmit={value !== null && reason.trim() !== ''}
      submitLabel={t('adjust.submit')}
      onCancel={onClose}
    >
      <Stack gap={4}>
        <Text size="sm" fw={500} id="adjust-direction">
          {t('adjust.direction')}
        </Text>
        <SegmentedControl
          aria-labelledby="adjust-direction"
          value={direction}
          onChange={(v) => setDirection(v as 'in' | 'out')}
          data={[
            { value: 'in', label: t('adjust.in') },
            { value: 'out', label: t('adjust.out') },
          ]}
        />
      </Stack>
      <NumberInput
        label={t('adjust.credits')}
        required
        min={1}
        allowDecimal={false}
        allowNegative={false}
        thousandSeparator
        value={amount}
        onChange={setAmount}
      />
      <Textarea
        label={t('common.reason')}
        description={t('adjust.reasonHint')}
        required
        autosize
        minRows={2}
        value={reason}
        onChange={(e) => setReason(e.currentTarget.value)}
      />
      <Figures
        rows={[
          { label: t('adjust.balanceNow'), value: creditsText(client.balance) },
          {
            label: t('charge.balanceAfter'),
            value: after === null ? '—' : creditsText(after),
            strong: true,
          },
        ]}
      />
    </ActionForm>
  );
}
