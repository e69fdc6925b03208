import { Card, Stack, Switch, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { newIdempotencyKey } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useAction } from '../../lib/useAction';
import { useCan } from '../../lib/useCan';
import { useSettings } from '../../stores/settings.store';

/** F14: four eyes on or off (admins); what it means, in plain words. */
export function FourEyesSwitch() {
  const { t } = useTranslation();
  const settings = useSettings((s) => s.settings);
  const update = useSettings((s) => s.update);
  const action = useAction();
  const can = useCan('settings.update');
  const on = settings?.fourEyes ?? false;
  async function toggle(next: boolean) {
    const result = await action.run(() => update({ fourEyes: next }, newIdempotencyKey()));
    if (result?.ok) {
      notifications.show({ color: next ? 'teal' : 'gray', message: next ? t('fourEyes.on') : t('fourEyes.off') });
    }
  }
  return (
    <Card withBorder>
      <Stack gap="sm">
        <Title order={2} size="h4">
          {t('fourEyes.title')}
        </Title>
        <Switch
          label={t('fourEyes.label')}
          size="md"
          checked={on}
          disabled={settings === null || action.pending || !can.allowed}
          onChange={(e) => void toggle(e.currentTarget.checked)}
        />
        <Text size="sm" c="dimmed" maw={720}>
          {t('fourEyes.explain')}
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
