/** Settings → Team server (desktop app only): how this desktop is connected, and the way to change it. */
import { Card, Group, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { connectedServer, desktop } from '../../api';
import { ConnectionButton } from './ConnectionDialog';

export function TeamServerSection() {
  const { t } = useTranslation();
  if (desktop() === undefined) return null;
  const server = connectedServer();
  return (
    <Card withBorder>
      <Stack gap="sm">
        <Title order={2} size="h4">
          {t('connection.sectionTitle')}
        </Title>
        <Text size="sm">{server === null ? t('connection.sectionText') : t('connection.connectedTo', { server })}</Text>
        <Group>
          <ConnectionButton variant="default" />
        </Group>
      </Stack>
    </Card>
  );
}
