import { Stack, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../stores/session.store';
import { TeamServerSection } from '../connection/TeamServerSection';
import { CreditPaymentsSwitch } from './CreditPaymentsSwitch';
import { FourEyesSwitch } from './FourEyesSwitch';
import { PackagesSection } from './PackagesSection';
import { RatesSection } from './RatesSection';
import { StatementLanguage } from './StatementLanguage';

export function SettingsPage() {
  const { t } = useTranslation();
  const server = useSession((s) => s.server);
  return (
    <Stack>
      <Title order={1} size="h2">
        {t('app.nav.settings')}
      </Title>
      <CreditPaymentsSwitch />
      {/* Four eyes needs two people: only the team server has users. */}
      {server && <FourEyesSwitch />}
      <PackagesSection />
      <RatesSection />
      <StatementLanguage />
      {/* The desktop app only: switch between this computer's ledger and a team server. */}
      <TeamServerSection />
    </Stack>
  );
}
