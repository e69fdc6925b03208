import { Card, Stack, Switch, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { newIdempotencyKey } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useAction } from '../../lib/useAction';
import { useSettings } from '../../stores/settings.store';
import { useCan } from '../../lib/useCan';

/** F1: the global switch, with what it does in plain words. */
export function CreditPaymentsSwitch() {
  const { t } = useTranslation();
  const settings = useSettings((s) => s.settings);
  const update = useSettings((s) => s.update);
  const action = useAction();
  const can = useCan('settings.update');
  const on = settings?.creditPaymentsEnabled ?? false;
  async function toggle(next: boolean) {
    const result = await action.run(() => update({ creditPaymentsEnabled: next }, newIdempotencyKey()));
    if (result?.ok) {
      notifications.show({
        color: next ? 'teal' : 'gray',
        title: next ? t('app.creditPaymentsAllowed') : t('app.creditPaymentsOffLong'),
        message: next ? t('switch.onText') : t('switch.offText'),
      });
    }
  }
  return (
    <Card withBorder>
      <Stack gap="sm">
        <Title order={2} size="h4">
          {t('switch.title')}
        </Title>
        <Switch
          label={t('switch.title')}
          size="md"
          checked={on}
          disabled={settings === null || action.pending || !can.allowed}
          onChange={(e) => void toggle(e.currentTarget.checked)}
          description={on ? t('switch.on') : t('switch.off')}
        />
        <Text size="sm" c="dimmed" maw={720}>
          {t('switch.explain')}
        </Text>
        {!can.allowed && (
          <Text size="sm" c="dimmed" role="note">
            {can.reason}
          </Text>
        )}
        <ErrorAlert error={action.error} />
      </Stack>
    </Card>
  );
}
