import { TextInput } from '@mantine/core';
import { minorDigits } from '../../../shared/currencies';
import { parseAmount } from '../../../shared/money';
import { t } from '../i18n';

/**
 * An amount typed as a plain decimal ("3.51"), checked with the ledger's own parser so the
 * form refuses exactly what the API would refuse (too many decimals for the currency, etc.).
 */
export function MoneyInput(props: {
  label: string;
  value: string;
  currency: string;
  onChange: (value: string) => void;
  required?: boolean;
  description?: string;
}) {
  const problem = amountProblem(props.value, props.currency);
  return (
    <TextInput
      label={props.label}
      description={props.description}
      inputMode="decimal"
      autoComplete="off"
      required={props.required}
      value={props.value}
      onChange={(e) => props.onChange(e.currentTarget.value.trim())}
      rightSection={<span style={{ fontSize: 12, color: 'var(--mantine-color-dimmed)' }}>{props.currency}</span>}
      rightSectionWidth={48}
      error={props.value === '' ? undefined : (problem ?? undefined)}
    />
  );
}

/** The parser's message for an amount, or null when it is acceptable. */
export function amountProblem(value: string, currency: string): string | null {
  if (value === '') return t('common.enterAmount');
  const parsed = parseAmount(value, currency);
  if (parsed.ok) return null;
  const digits = parsed.problem === 'currency' ? 0 : minorDigits(currency);
  return t(`money.${parsed.problem}`, { currency, count: digits });
}
