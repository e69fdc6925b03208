import { Select } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { CURRENCY_CODES } from '../../../shared/currencies';

const COMMON = ['USD', 'EUR', 'GBP', 'JPY', 'CHF', 'CAD', 'AUD'];
const DATA = [...COMMON, ...CURRENCY_CODES.filter((c) => !COMMON.includes(c))];

/** An ISO 4217 currency, common ones first. */
export function CurrencySelect(props: {
  label?: string;
  value: string;
  onChange: (code: string) => void;
  error?: string | null;
}) {
  const { t } = useTranslation();
  return (
    <Select
      label={props.label ?? t('common.currency')}
      searchable
      required
      allowDeselect={false}
      data={DATA}
      value={props.value}
      onChange={(v) => v !== null && props.onChange(v)}
      error={props.error ?? undefined}
      maxDropdownHeight={240}
    />
  );
}
