import { Title } from '@mantine/core';

export function ServicesPage() {
  return (
    <Title order={1} size="h2">
      Services
    </Title>
  );
}
