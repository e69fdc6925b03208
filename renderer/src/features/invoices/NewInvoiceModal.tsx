import { Modal, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Invoice } from '../../../../shared/dto';
import { call, newIdempotencyKey } from '../../api';
import { ClientSelect } from '../../components/ClientSelect';
import { CurrencySelect } from '../../components/CurrencySelect';
import { amountProblem, MoneyInput } from '../../components/MoneyInput';
import { useAction } from '../../lib/useAction';
import { ActionForm } from '../../components/ActionForm';

export function NewInvoiceModal(props: { opened: boolean; onClose: () => void; onSaved: (i: Invoice) => void }) {
  const { t } = useTranslation();
  return (
    <Modal opened={props.opened} onClose={props.onClose} title={t('invoices.new')}>
      {props.opened && <InvoiceForm {...props} />}
    </Modal>
  );
}

function InvoiceForm({ onClose, onSaved }: { onClose: () => void; onSaved: (i: Invoice) => void }) {
  const { t } = useTranslation();
  const [clientId, setClientId] = useState<number | null>(null);
  const [number, setNumber] = useState('');
  const [currency, setCurrency] = useState('USD');
  const [amount, setAmount] = useState('');
  const [key] = useState(newIdempotencyKey);
  const action = useAction();
  const valid = clientId !== null && amountProblem(amount, currency) === null;
  async function submit() {
    if (clientId === null) return;
    const result = await action.run(() =>
      call('invoices.create', {
        clientId,
        number: number.trim() === '' ? undefined : number,
        amount,
        currency,
        idempotencyKey: key,
      }),
    );
    if (result?.ok) onSaved(result.value);
  }
  return (
    <ActionForm
      action={action}
      onSubmit={submit}
      canSubmit={valid}
      submitLabel={t('invoices.create')}
      onCancel={onClose}
    >
      <ClientSelect label={t('requests.client')} required value={clientId} onChange={setClientId} />
      <TextInput
        label={t('invoices.numberLabel')}
        description={t('invoices.numberHint')}
        value={number}
        onChange={(e) => setNumber(e.currentTarget.value)}
      />
      <CurrencySelect value={currency} onChange={setCurrency} />
      <MoneyInput label={t('invoices.amount')} required value={amount} currency={currency} onChange={setAmount} />
    </ActionForm>
  );
}
