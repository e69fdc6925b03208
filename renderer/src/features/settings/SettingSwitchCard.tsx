import { Card, Stack, Switch, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { newIdempotencyKey } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useAction } from '../../lib/useAction';
import { useCan } from '../../lib/useCan';
import { useSettings } from '../../stores/settings.store';

/** A yes/no agency setting an admin turns with `settings.update`. */
type SwitchField = 'creditPaymentsEnabled' | 'fourEyes';

/**
 * One card for an agency-wide switch (F1's credit payments, F14's four eyes): the switch, what it
 * means in plain words, why it is disabled for a role that may not change it, the refusal if
 * the change failed, and a notification once it took effect.
 */
export function SettingSwitchCard(props: {
  field: SwitchField;
  title: string;
  label: string;
  /** Under the switch: what the current position means. */
  description?: (on: boolean) => string;
  explain: string;
  notice: (on: boolean) => { title?: string; message: string };
}) {
  const settings = useSettings((s) => s.settings);
  const update = useSettings((s) => s.update);
  const action = useAction();
  const can = useCan('settings.update');
  const on = settings?.[props.field] ?? false;
  async function toggle(next: boolean) {
    const result = await action.run(() => update({ [props.field]: next }, newIdempotencyKey()));
    if (result?.ok) notifications.show({ color: next ? 'teal' : 'gray', ...props.notice(next) });
  }
  return (
    <Card withBorder>
      <Stack gap="sm">
        <Title order={2} size="h4">
          {props.title}
        </Title>
        <Switch
          label={props.label}
          size="md"
          checked={on}
          disabled={settings === null || action.pending || !can.allowed}
          onChange={(e) => void toggle(e.currentTarget.checked)}
          description={props.description?.(on)}
        />
        <Text size="sm" c="dimmed" maw={720}>
          {props.explain}
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
