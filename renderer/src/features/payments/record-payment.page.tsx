/**
 * F5 by hand: a card (Stripe) or PayPal package payment that the poller has not brought in.
 * The API records each (provider, payment id) once; entering it again returns the original,
 * which the screen says plainly instead of pretending it credited again.
 */
import {
  Alert,
  Anchor,
  Button,
  Card,
  Group,
  SegmentedControl,
  Select,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import type { Provider, Purchase } from '../../../../shared/dto';
import { call, newIdempotencyKey } from '../../api';
import { ClientSelect } from '../../components/ClientSelect';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Gate, RoleNote } from '../../components/Gate';
import { Figures } from '../../components/Figures';
import { credits, creditsText, dateTime, money } from '../../lib/format';
import { href } from '../../lib/route';
import { useAction } from '../../lib/useAction';
import { usePackages } from '../../stores/catalog.store';

/** When the user acted (outside render). */
function clickTime(): number {
  return Date.now();
}

export function RecordPaymentPage() {
  const { t } = useTranslation();
  const packages = usePackages();
  const loadPackages = packages.load;
  useEffect(() => {
    void loadPackages({ includeArchived: false });
  }, [loadPackages]);
  const [clientId, setClientId] = useState<number | null>(null);
  const [packageId, setPackageId] = useState<string | null>(null);
  const [provider, setProvider] = useState<Provider>('stripe');
  const [paymentId, setPaymentId] = useState('');
  const [outcome, setOutcome] = useState<{ purchase: Purchase; balance: number; already: boolean } | null>(null);
  const seen = useRef(new Set<number>());
  const action = useAction();
  const pkg = packages.items.find((p) => String(p.id) === packageId && !p.archived);
  const valid = clientId !== null && pkg !== undefined && paymentId.trim() !== '';

  async function record() {
    if (clientId === null || pkg === undefined) return;
    let startedAt = 0;
    setOutcome(null);
    const result = await action.run(() => {
      startedAt = clickTime();
      return call('purchases.record', {
        clientId,
        packageId: pkg.id,
        provider,
        providerPaymentId: paymentId.trim(),
        amount: pkg.price,
        currency: pkg.currency,
        idempotencyKey: newIdempotencyKey(),
      });
    });
    if (result?.ok) {
      const { purchase, transaction } = result.value;
      // The API answers a repeat with the original purchase: seen earlier in this session,
      // or created before this click (a second of slack for clock rounding).
      const already = seen.current.has(purchase.id) || Date.parse(purchase.createdAt) < startedAt - 1000;
      seen.current.add(purchase.id);
      setOutcome({ purchase, balance: transaction.balanceAfter, already });
    }
  }

  return (
    <Stack maw={720}>
      <Title order={1} size="h2">
        {t('app.nav.payments')}
      </Title>
      <Text c="dimmed" size="sm">
        <Trans i18nKey="payment.intro" components={{ requests: <Anchor href={href('/requests')} inherit /> }} />
      </Text>
      <Card withBorder>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void record();
          }}
        >
          <Stack>
            <ClientSelect label={t('requests.client')} required value={clientId} onChange={setClientId} />
            <Select
              label={t('newRequest.package')}
              required
              placeholder={
                packages.status === 'loading' ? t('newRequest.loadingPackages') : t('newRequest.choosePackage')
              }
              data={packages.items
                .filter((p) => !p.archived)
                .map((p) => ({
                  value: String(p.id),
                  label: t('newRequest.packageOption', {
                    name: p.name,
                    credits: creditsText(p.credits),
                    price: money(p.price, p.currency),
                  }),
                }))}
              value={packageId}
              onChange={setPackageId}
            />
            <Stack gap={4}>
              <Text size="sm" fw={500} id="payment-provider">
                {t('payment.provider')}
              </Text>
              <SegmentedControl
                aria-labelledby="payment-provider"
                value={provider}
                onChange={(v) => setProvider(v as Provider)}
                data={[
                  { value: 'stripe', label: t('payment.stripe') },
                  { value: 'paypal', label: t('payment.paypal') },
                ]}
                style={{ alignSelf: 'flex-start' }}
              />
            </Stack>
            <TextInput
              label={t('payment.paymentId')}
              description={provider === 'stripe' ? t('payment.stripeHint') : t('payment.paypalHint')}
              required
              value={paymentId}
              onChange={(e) => setPaymentId(e.currentTarget.value)}
            />
            {pkg && (
              <Figures
                rows={[
                  { label: t('invoices.amount'), value: money(pkg.price, pkg.currency) },
                  { label: t('accept.creditsToAdd'), value: `+${credits(pkg.credits)}`, strong: true },
                ]}
              />
            )}
            <ErrorAlert error={action.error} />
            <RoleNote channel="purchases.record" />
            <Group justify="flex-end">
              <Gate channel="purchases.record">
                <Button type="submit" loading={action.pending} disabled={!valid}>
                  {t('payment.submit')}
                </Button>
              </Gate>
            </Group>
          </Stack>
        </form>
      </Card>
      {outcome && (
        <Alert
          color={outcome.already ? 'yellow' : 'teal'}
          variant="light"
          role="status"
          title={outcome.already ? t('payment.already') : t('payment.recorded')}
        >
          <Text size="sm">
            {outcome.already
              ? t('payment.alreadyText', { date: dateTime(outcome.purchase.createdAt) })
              : t('payment.recordedText', {
                  credits: creditsText(outcome.purchase.credits),
                  packageName: outcome.purchase.packageName,
                })}{' '}
            {t('payment.balanceAfter', { credits: creditsText(outcome.balance) })}{' '}
            <Anchor href={href(`/clients/${outcome.purchase.clientId}`)} inherit>
              {t('payment.openClient')}
            </Anchor>
          </Text>
        </Alert>
      )}
    </Stack>
  );
}
