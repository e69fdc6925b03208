/**
 * The numbers before a credit payment (F7): price, rate, exact and charged credits, balance
 * before and after. The quote comes from rates.quote, the ledger's own conversion.
 */
import { Alert, Loader, Stack, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Client, Quote } from '../../../shared/dto';
import { call, type UiError } from '../api';
import { credits, creditsText, decimal, money } from '../lib/format';
import { ErrorAlert } from './ErrorAlert';
import { Figures } from './Figures';

export interface Charge {
  client: Client;
  quote: Quote;
}

/** Loads the client and the quote; `charge` is null until both are known. */
export function useChargePreview(clientId: number | null, amount: string, currency: string) {
  const [state, setState] = useState<{ key: string; charge: Charge | null; error: UiError | null }>({
    key: '',
    charge: null,
    error: null,
  });
  const key = `${clientId}:${amount}:${currency}`;
  useEffect(() => {
    if (clientId === null) return;
    let live = true;
    void Promise.all([call('clients.get', { clientId }), call('rates.quote', { amount, currency })]).then(
      ([client, quote]) => {
        if (!live) return;
        if (!client.ok) setState({ key, charge: null, error: client.error });
        else if (!quote.ok) setState({ key, charge: null, error: quote.error });
        else setState({ key, charge: { client: client.value, quote: quote.value }, error: null });
      },
    );
    return () => {
      live = false;
    };
  }, [clientId, amount, currency, key]);
  const current = state.key === key;
  return {
    charge: current ? state.charge : null,
    error: current ? state.error : null,
    loading: clientId !== null && !current,
  };
}

export function ChargeFigures(props: {
  label: string;
  amount: string;
  currency: string;
  charge: Charge | null;
  error: UiError | null;
  loading: boolean;
}) {
  const { charge } = props;
  const { t } = useTranslation();
  if (props.loading) return <Loader size="sm" aria-label={t('charge.working')} />;
  if (props.error) return <ErrorAlert error={props.error} />;
  if (charge === null) return null;
  const after = charge.client.balance - charge.quote.credits;
  return (
    <Stack gap="sm">
      <Figures
        rows={[
          { label: props.label, value: money(props.amount, props.currency) },
          {
            label: t('charge.rate'),
            value: t('charge.ratePerUnit', { rate: decimal(charge.quote.creditsPerUnit), currency: props.currency }),
          },
          { label: t('charge.exactCredits'), value: decimal(charge.quote.exactCredits) },
          { label: t('charge.creditsCharged'), value: credits(charge.quote.credits), strong: true },
          { label: t('charge.balanceBefore'), value: creditsText(charge.client.balance) },
          { label: t('charge.balanceAfter'), value: after >= 0 ? creditsText(after) : '—', strong: true },
        ]}
      />
      {after < 0 && (
        <Alert color="orange" variant="light" title={t('charge.notCovered')} role="status">
          <Text size="sm">
            {t('charge.notCoveredText', {
              name: charge.client.name,
              balance: creditsText(charge.client.balance),
              needed: credits(charge.quote.credits),
            })}
          </Text>
        </Alert>
      )}
    </Stack>
  );
}
