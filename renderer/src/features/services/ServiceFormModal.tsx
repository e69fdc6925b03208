import { Modal, Switch, TextInput } from '@mantine/core';
import { useState } from 'react';
import type { Service } from '../../../../shared/dto';
import { call, newIdempotencyKey } from '../../api';
import { CurrencySelect } from '../../components/CurrencySelect';
import { amountProblem, MoneyInput } from '../../components/MoneyInput';
import { useAction } from '../../lib/useAction';
import { ActionForm } from '../../components/ActionForm';

export function ServiceFormModal(props: {
  opened: boolean;
  service?: Service;
  onClose: () => void;
  onSaved: (s: Service) => void;
}) {
  return (
    <Modal opened={props.opened} onClose={props.onClose} title={props.service ? 'Edit service' : 'New service'}>
      {props.opened && <ServiceForm {...props} />}
    </Modal>
  );
}

function ServiceForm({
  service,
  onClose,
  onSaved,
}: {
  service?: Service;
  onClose: () => void;
  onSaved: (s: Service) => void;
}) {
  const [name, setName] = useState(service?.name ?? '');
  const [currency, setCurrency] = useState(service?.currency ?? 'USD');
  const [price, setPrice] = useState(service?.price ?? '');
  const [active, setActive] = useState(service?.active ?? true);
  const [key] = useState(newIdempotencyKey);
  const action = useAction();
  const valid = name.trim() !== '' && amountProblem(price, currency) === null;
  async function submit() {
    const fields = { name, price, currency, active, idempotencyKey: key };
    const result = await action.run(() =>
      service ? call('services.update', { serviceId: service.id, ...fields }) : call('services.create', fields),
    );
    if (result?.ok) onSaved(result.value);
  }
  return (
    <ActionForm
      action={action}
      onSubmit={submit}
      canSubmit={valid}
      submitLabel={service ? 'Save service' : 'Create service'}
      onCancel={onClose}
    >
      <TextInput
        label="Service name"
        required
        data-autofocus
        value={name}
        onChange={(e) => setName(e.currentTarget.value)}
      />
      <CurrencySelect value={currency} onChange={setCurrency} />
      <MoneyInput label="Price" required value={price} currency={currency} onChange={setPrice} />
      <Switch
        label="Active (offered to clients)"
        checked={active}
        onChange={(e) => setActive(e.currentTarget.checked)}
      />
    </ActionForm>
  );
}
