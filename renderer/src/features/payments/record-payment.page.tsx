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
import type { Provider, Purchase } from '../../../../shared/dto';
import { call, newIdempotencyKey } from '../../api';
import { ClientSelect } from '../../components/ClientSelect';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Figures } from '../../components/Figures';
import { credits, dateTime, money } from '../../lib/format';
import { href } from '../../lib/route';
import { useAction } from '../../lib/useAction';
import { usePackages } from '../../stores/catalog.store';

/** When the user acted (outside render). */
function clickTime(): number {
  return Date.now();
}

export function RecordPaymentPage() {
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
        Record a payment
      </Title>
      <Text c="dimmed" size="sm">
        For a card (Stripe) or PayPal payment for a credit package that has not arrived through sync. Each payment is
        credited once, however often it is entered. Bank transfers and crypto go through{' '}
        <Anchor href={href('/requests')} inherit>
          credit requests
        </Anchor>
        .
      </Text>
      <Card withBorder>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void record();
          }}
        >
          <Stack>
            <ClientSelect label="Client" required value={clientId} onChange={setClientId} />
            <Select
              label="Package"
              required
              placeholder={packages.status === 'loading' ? 'Loading packages…' : 'Choose a package'}
              data={packages.items
                .filter((p) => !p.archived)
                .map((p) => ({
                  value: String(p.id),
                  label: `${p.name} — ${credits(p.credits)} credits for ${money(p.price, p.currency)}`,
                }))}
              value={packageId}
              onChange={setPackageId}
            />
            <Stack gap={4}>
              <Text size="sm" fw={500} id="payment-provider">
                Provider
              </Text>
              <SegmentedControl
                aria-labelledby="payment-provider"
                value={provider}
                onChange={(v) => setProvider(v as Provider)}
                data={[
                  { value: 'stripe', label: 'Card (Stripe)' },
                  { value: 'paypal', label: 'PayPal' },
                ]}
                style={{ alignSelf: 'flex-start' }}
              />
            </Stack>
            <TextInput
              label="Payment id"
              description={provider === 'stripe' ? 'The Stripe payment id, e.g. pi_3Q…' : 'The PayPal capture id'}
              required
              value={paymentId}
              onChange={(e) => setPaymentId(e.currentTarget.value)}
            />
            {pkg && (
              <Figures
                rows={[
                  { label: 'Amount', value: money(pkg.price, pkg.currency) },
                  { label: 'Credits to add', value: `+${credits(pkg.credits)}`, strong: true },
                ]}
              />
            )}
            <ErrorAlert error={action.error} />
            <Group justify="flex-end">
              <Button type="submit" loading={action.pending} disabled={!valid}>
                Record payment
              </Button>
            </Group>
          </Stack>
        </form>
      </Card>
      {outcome && (
        <Alert
          color={outcome.already ? 'yellow' : 'teal'}
          variant="light"
          role="status"
          title={outcome.already ? 'Already recorded' : 'Payment recorded'}
        >
          <Text size="sm">
            {outcome.already
              ? `This payment was already recorded on ${dateTime(outcome.purchase.createdAt)}; no credits were added again.`
              : `${credits(outcome.purchase.credits)} credits added for ${outcome.purchase.packageName}.`}{' '}
            Balance after that payment: {credits(outcome.balance)} credits.{' '}
            <Anchor href={href(`/clients/${outcome.purchase.clientId}`)} inherit>
              Open the client
            </Anchor>
          </Text>
        </Alert>
      )}
    </Stack>
  );
}
