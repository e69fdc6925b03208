import { Title } from '@mantine/core';

export function InvoicesPage() {
  return (
    <Title order={1} size="h2">
      Invoices
    </Title>
  );
}
