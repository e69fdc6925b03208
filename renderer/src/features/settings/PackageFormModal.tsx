import { Modal, NumberInput, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CreditPackage } from '../../../../shared/dto';
import { call, newIdempotencyKey } from '../../api';
import { CurrencySelect } from '../../components/CurrencySelect';
import { amountProblem, MoneyInput } from '../../components/MoneyInput';
import { useAction } from '../../lib/useAction';
import { ActionForm } from '../../components/ActionForm';

/** Create a package, or edit one (F2): edits change only future purchases. */
export function PackageFormModal(props: {
  opened: boolean;
  pkg?: CreditPackage;
  onClose: () => void;
  onSaved: (p: CreditPackage) => void;
}) {
  const { t } = useTranslation();
  return (
    <Modal opened={props.opened} onClose={props.onClose} title={props.pkg ? t('packages.edit') : t('packages.new')}>
      {props.opened && <PackageForm {...props} />}
    </Modal>
  );
}

function PackageForm({
  pkg,
  onClose,
  onSaved,
}: {
  pkg?: CreditPackage;
  onClose: () => void;
  onSaved: (p: CreditPackage) => void;
}) {
  const { t } = useTranslation();
  const [name, setName] = useState(pkg?.name ?? '');
  const [creditCount, setCreditCount] = useState<number | string>(pkg?.credits ?? '');
  const [currency, setCurrency] = useState(pkg?.currency ?? 'USD');
  const [price, setPrice] = useState(pkg?.price ?? '');
  const [key] = useState(newIdempotencyKey);
  const action = useAction();
  const valid =
    name.trim() !== '' &&
    typeof creditCount === 'number' &&
    Number.isInteger(creditCount) &&
    creditCount > 0 &&
    amountProblem(price, currency) === null;
  async function submit() {
    if (!valid || typeof creditCount !== 'number') return;
    const fields = { name, credits: creditCount, currency, price, idempotencyKey: key };
    const result = await action.run(() =>
      pkg ? call('packages.update', { packageId: pkg.id, ...fields }) : call('packages.create', fields),
    );
    if (result?.ok) onSaved(result.value);
  }
  return (
    <ActionForm
      action={action}
      onSubmit={submit}
      canSubmit={valid}
      submitLabel={pkg ? t('packages.save') : t('packages.create')}
      onCancel={onClose}
    >
      <TextInput
        label={t('packages.nameLabel')}
        required
        data-autofocus
        value={name}
        onChange={(e) => setName(e.currentTarget.value)}
      />
      <NumberInput
        label={t('requests.credits')}
        required
        min={1}
        allowDecimal={false}
        allowNegative={false}
        thousandSeparator
        value={creditCount}
        onChange={setCreditCount}
      />
      <CurrencySelect value={currency} onChange={setCurrency} />
      <MoneyInput label={t('services.price')} required value={price} currency={currency} onChange={setPrice} />
    </ActionForm>
  );
}
