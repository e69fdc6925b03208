import { Card, Group, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import type { Rate } from '../../../../shared/dto';
import { convert, parseAmount } from '../../../../shared/money';
import { CurrencySelect } from '../../components/CurrencySelect';
import { MoneyInput } from '../../components/MoneyInput';
import { credits, decimal, money } from '../../lib/format';

/**
 * Live quote (F4) computed with shared/money.ts `convert`, the very function the ledger
 * charges with: credits = ⌈amount × rate⌉, exact decimals, no floats.
 */
export function QuoteCalculator({ active }: { active: Rate[] }) {
  const [amount, setAmount] = useState('');
  const [currency, setCurrency] = useState('USD');
  const rate = active.find((r) => r.currency === currency);
  const parsed = amount === '' ? null : parseAmount(amount, currency);
  const result = parsed?.ok && rate ? convert(parsed.minor, currency, rate.creditsPerUnit) : null;
  return (
    <Card withBorder>
      <Stack>
        <Title order={2} size="h4">
          Quote calculator
        </Title>
        <Group align="flex-start" grow wrap="wrap">
          <MoneyInput label="Amount" value={amount} currency={currency} onChange={setAmount} />
          <CurrencySelect value={currency} onChange={setCurrency} />
        </Group>
        <div aria-live="polite" role="status" aria-label="Quote">
          {rate === undefined ? (
            <Text size="sm" c="orange">
              {currency} has no active conversion rate: amounts in {currency} cannot be paid with credits.
            </Text>
          ) : result === null ? (
            <Text size="sm" c="dimmed">
              At {decimal(rate.creditsPerUnit)} credits per {currency}. Enter an amount.
            </Text>
          ) : (
            <Stack gap={2}>
              <Text fz={28} fw={700} className="num" ta="left" data-testid="quote-credits">
                {credits(result.credits)} credits
              </Text>
              <Text size="sm" c="dimmed">
                {money(amount, currency)} × {decimal(rate.creditsPerUnit)} = {decimal(result.exactCredits)} exact,
                rounded up to {credits(result.credits)}
              </Text>
            </Stack>
          )}
        </div>
      </Stack>
    </Card>
  );
}
