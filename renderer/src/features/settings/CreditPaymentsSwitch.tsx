import { Card, Stack, Switch, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { newIdempotencyKey } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useAction } from '../../lib/useAction';
import { useSettings } from '../../stores/settings.store';

/** F1: the global switch, with what it does in plain words. */
export function CreditPaymentsSwitch() {
  const settings = useSettings((s) => s.settings);
  const update = useSettings((s) => s.update);
  const action = useAction();
  const on = settings?.creditPaymentsEnabled ?? false;
  async function toggle(next: boolean) {
    const result = await action.run(() => update({ creditPaymentsEnabled: next }, newIdempotencyKey()));
    if (result?.ok) {
      notifications.show({
        color: next ? 'teal' : 'gray',
        title: next ? 'Credit payments allowed' : 'Credit payments switched off',
        message: next ? 'Clients can spend their credits again.' : 'Balances are kept; spending is paused.',
      });
    }
  }
  return (
    <Card withBorder>
      <Stack gap="sm">
        <Title order={2} size="h4">
          Allow Credit Payment
        </Title>
        <Switch
          label="Allow Credit Payment"
          size="md"
          checked={on}
          disabled={settings === null || action.pending}
          onChange={(e) => void toggle(e.currentTarget.checked)}
          description={on ? 'On: clients can use their credits.' : 'Off: credit spending is paused.'}
        />
        <Text size="sm" c="dimmed" maw={720}>
          When this is on, clients can see their balance and spend credits: buy services with credits, pay invoices with
          credits and submit credit requests. When it is off, those three actions are refused, but nothing is lost:
          balances stay as they are, card and PayPal payments already taken are still credited, pending requests can
          still be accepted or rejected, and adjustments, history and exports keep working.
        </Text>
        <ErrorAlert error={action.error} />
      </Stack>
    </Card>
  );
}
