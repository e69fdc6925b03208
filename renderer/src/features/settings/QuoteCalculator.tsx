import { Card, Group, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Rate } from '../../../../shared/dto';
import { convert, parseAmount } from '../../../../shared/money';
import { CurrencySelect } from '../../components/CurrencySelect';
import { MoneyInput } from '../../components/MoneyInput';
import { credits, creditsText, decimal, money } from '../../lib/format';

/**
 * Live quote (F4) computed with shared/money.ts `convert`, the very function the ledger
 * charges with: credits = ⌈amount × rate⌉, exact decimals, no floats.
 */
export function QuoteCalculator({ active }: { active: Rate[] }) {
  const { t } = useTranslation();
  const [amount, setAmount] = useState('');
  const [currency, setCurrency] = useState('USD');
  const rate = active.find((r) => r.currency === currency);
  const parsed = amount === '' ? null : parseAmount(amount, currency);
  const result = parsed?.ok && rate ? convert(parsed.minor, currency, rate.creditsPerUnit) : null;
  return (
    <Card withBorder>
      <Stack>
        <Title order={2} size="h4">
          {t('quote.title')}
        </Title>
        <Group align="flex-start" grow wrap="wrap">
          <MoneyInput label={t('invoices.amount')} value={amount} currency={currency} onChange={setAmount} />
          <CurrencySelect value={currency} onChange={setCurrency} />
        </Group>
        <div aria-live="polite" role="status" aria-label={t('quote.label')}>
          {rate === undefined ? (
            <Text size="sm" c="orange">
              {t('quote.noRate', { currency })}
            </Text>
          ) : result === null ? (
            <Text size="sm" c="dimmed">
              {t('quote.at', { rate: decimal(rate.creditsPerUnit), currency })}
            </Text>
          ) : (
            <Stack gap={2}>
              <Text fz={28} fw={700} className="num" ta="left" data-testid="quote-credits">
                {creditsText(result.credits)}
              </Text>
              <Text size="sm" c="dimmed">
                {t('quote.working', {
                  amount: money(amount, currency),
                  rate: decimal(rate.creditsPerUnit),
                  exact: decimal(result.exactCredits),
                  credits: credits(result.credits),
                })}
              </Text>
            </Stack>
          )}
        </div>
      </Stack>
    </Card>
  );
}
