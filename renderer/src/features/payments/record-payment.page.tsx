import { Title } from '@mantine/core';

export function RecordPaymentPage() {
  return (
    <Title order={1} size="h2">
      Record a payment
    </Title>
  );
}
