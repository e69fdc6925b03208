import { Modal, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Rate } from '../../../../shared/dto';
import { parseRate } from '../../../../shared/money';
import { call, newIdempotencyKey } from '../../api';
import { CurrencySelect } from '../../components/CurrencySelect';
import { decimal } from '../../lib/format';
import { useAction } from '../../lib/useAction';
import { ActionForm } from '../../components/ActionForm';

/** F3: a new rate for a currency retires the active one atomically; the history keeps both. */
export function RateFormModal(props: {
  opened: boolean;
  active: Rate[];
  onClose: () => void;
  onSaved: (r: Rate) => void;
}) {
  const { t } = useTranslation();
  return (
    <Modal opened={props.opened} onClose={props.onClose} title={t('rates.addTitle')}>
      {props.opened && <RateForm {...props} />}
    </Modal>
  );
}

function RateForm({ active, onClose, onSaved }: { active: Rate[]; onClose: () => void; onSaved: (r: Rate) => void }) {
  const { t } = useTranslation();
  const [currency, setCurrency] = useState('USD');
  const [value, setValue] = useState('');
  const [key] = useState(newIdempotencyKey);
  const action = useAction();
  const parsed = value === '' ? null : parseRate(value);
  const current = active.find((r) => r.currency === currency);
  async function submit() {
    if (!parsed?.ok) return;
    const result = await action.run(() =>
      call('rates.set', { currency, creditsPerUnit: parsed.rate, idempotencyKey: key }),
    );
    if (result?.ok) onSaved(result.value);
  }
  return (
    <ActionForm
      action={action}
      onSubmit={submit}
      canSubmit={parsed?.ok === true}
      submitLabel={t('rates.save')}
      onCancel={onClose}
    >
      <CurrencySelect value={currency} onChange={setCurrency} />
      <TextInput
        label={t('rates.perUnit')}
        description={t('rates.perUnitHint', { currency })}
        required
        data-autofocus
        inputMode="decimal"
        value={value}
        onChange={(e) => setValue(e.currentTarget.value.trim())}
        error={parsed !== null && !parsed.ok ? parsed.message : undefined}
      />
      <Text size="sm" c="dimmed">
        {current
          ? t('rates.replaces', { currency, rate: decimal(current.creditsPerUnit) })
          : t('rates.noneYet', { currency })}
      </Text>
    </ActionForm>
  );
}
