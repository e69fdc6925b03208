import { Stack, Title } from '@mantine/core';
import { CreditPaymentsSwitch } from './CreditPaymentsSwitch';
import { PackagesSection } from './PackagesSection';
import { RatesSection } from './RatesSection';

export function SettingsPage() {
  return (
    <Stack>
      <Title order={1} size="h2">
        Credits settings
      </Title>
      <CreditPaymentsSwitch />
      <PackagesSection />
      <RatesSection />
    </Stack>
  );
}
