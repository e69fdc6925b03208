import { TextInput } from '@mantine/core';
import { parseAmount } from '../../../shared/money';

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
      rightSection={<span style={{ fontSize: 12, opacity: 0.7 }}>{props.currency}</span>}
      rightSectionWidth={48}
      error={props.value === '' ? undefined : (problem ?? undefined)}
    />
  );
}

/** The parser's message for an amount, or null when it is acceptable. */
export function amountProblem(value: string, currency: string): string | null {
  if (value === '') return 'Enter an amount.';
  const parsed = parseAmount(value, currency);
  return parsed.ok ? null : parsed.message;
}
