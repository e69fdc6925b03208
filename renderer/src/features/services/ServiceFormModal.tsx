import { Modal, Switch, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
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
  const { t } = useTranslation();
  return (
    <Modal opened={props.opened} onClose={props.onClose} title={props.service ? t('services.edit') : t('services.new')}>
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
  const { t } = useTranslation();
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
      submitLabel={service ? t('services.save') : t('services.create')}
      onCancel={onClose}
    >
      <TextInput
        label={t('services.name')}
        required
        data-autofocus
        value={name}
        onChange={(e) => setName(e.currentTarget.value)}
      />
      <CurrencySelect value={currency} onChange={setCurrency} />
      <MoneyInput label={t('services.price')} required value={price} currency={currency} onChange={setPrice} />
      <Switch label={t('services.activeLabel')} checked={active} onChange={(e) => setActive(e.currentTarget.checked)} />
    </ActionForm>
  );
}
