import { Title } from '@mantine/core';

export function SettingsPage() {
  return (
    <Title order={1} size="h2">
      Credits settings
    </Title>
  );
}
