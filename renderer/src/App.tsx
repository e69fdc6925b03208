/**
 * The application shell: navigation, the header with the Allow Credit Payment state, the
 * signed-in person (team server) and the theme toggle, and the current screen picked from the
 * location hash. On the team server nothing but the sign-in screen shows until someone signs in.
 */
import {
  ActionIcon,
  AppShell,
  Badge,
  Burger,
  Center,
  Group,
  Loader,
  NavLink,
  Text,
  Title,
  Tooltip,
  useComputedColorScheme,
  useMantineColorScheme,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useEffect, type ReactNode } from 'react';
import type { Channel } from '../../shared/contract';
import { useTranslation } from 'react-i18next';
import { LanguageMenu } from './components/LanguageMenu';
import { AuditPage } from './features/audit/audit.page';
import { SignInPage } from './features/auth/SignInPage';
import { UserMenu } from './features/auth/UserMenu';
import { UsersPage } from './features/users/users.page';
import { BackupsPage } from './features/backups/backups.page';
import { ClientPage } from './features/clients/client.page';
import { ClientsPage } from './features/clients/clients.page';
import { InvoicesPage } from './features/invoices/invoices.page';
import { OverviewPage } from './features/overview/overview.page';
import { RecordPaymentPage } from './features/payments/record-payment.page';
import { ReportsPage } from './features/reports/reports.page';
import { RequestsPage } from './features/requests/requests.page';
import { ServicesPage } from './features/services/services.page';
import { SettingsPage } from './features/settings/settings.page';
import { StatementPage } from './features/statements/statement.page';
import { SyncPage } from './features/sync/sync.page';
import { BankPage } from './features/bank/bank.page';
import { href, splitPath, usePath } from './lib/route';
import { useSyncWatcher } from './lib/useSyncWatcher';
import { useCan } from './lib/useCan';
import { useSession } from './stores/session.store';
import { useSettings } from './stores/settings.store';

interface NavItem {
  path: string;
  key: string;
  /** A screen that exists only to call this channel is left out of the menu for a role that may not. */
  needs?: Channel;
  /** Only on the team server (users exist only there). */
  serverOnly?: boolean;
}

const NAV: readonly NavItem[] = [
  { path: '/', key: 'overview' },
  { path: '/clients', key: 'clients' },
  { path: '/requests', key: 'requests' },
  { path: '/services', key: 'services' },
  { path: '/invoices', key: 'invoices' },
  { path: '/payments', key: 'payments', needs: 'purchases.record' },
  { path: '/sync', key: 'sync' },
  { path: '/bank', key: 'bank' },
  { path: '/reports', key: 'reports' },
  { path: '/audit', key: 'audit' },
  { path: '/settings', key: 'settings' },
  { path: '/backups', key: 'backups', needs: 'backup.list' },
  { path: '/users', key: 'users', needs: 'users.list', serverOnly: true },
];

const STATEMENT = /^\/clients\/(\d+)\/statement$/;

function screenFor(path: string, params: URLSearchParams): ReactNode {
  const client = /^\/clients\/(\d+)$/.exec(path);
  if (client) return <ClientPage clientId={Number(client[1])} />;
  const statement = STATEMENT.exec(path);
  if (statement) return <StatementPage key={statement[1]} clientId={Number(statement[1])} params={params} />;
  switch (path) {
    case '/clients':
      return <ClientsPage />;
    case '/requests':
      return <RequestsPage />;
    case '/services':
      return <ServicesPage />;
    case '/invoices':
      return <InvoicesPage />;
    case '/payments':
      return <RecordPaymentPage />;
    case '/settings':
      return <SettingsPage />;
    case '/sync':
      return <SyncPage />;
    case '/bank':
      return <BankPage />;
    case '/reports':
      return <ReportsPage />;
    case '/audit':
      return <AuditPage />;
    case '/backups':
      return <BackupsPage />;
    case '/users':
      return <UsersPage />;
    default:
      return <OverviewPage />;
  }
}

function CreditPaymentsBadge() {
  const { t } = useTranslation();
  const settings = useSettings((s) => s.settings);
  if (settings === null) return null;
  const on = settings.creditPaymentsEnabled;
  return (
    <Tooltip label={t('app.creditPaymentsHint')}>
      <Badge
        component="a"
        href={href('/settings')}
        color={on ? 'teal' : 'red'}
        variant="light"
        size="lg"
        style={{ cursor: 'pointer', textTransform: 'none' }}
        aria-label={on ? t('app.creditPaymentsAllowed') : t('app.creditPaymentsOffLong')}
      >
        {on ? t('app.creditPaymentsAllowed') : t('app.creditPaymentsOff')}
      </Badge>
    </Tooltip>
  );
}

function ThemeToggle() {
  const { setColorScheme } = useMantineColorScheme();
  const scheme = useComputedColorScheme('light');
  const { t } = useTranslation();
  const next = scheme === 'dark' ? 'light' : 'dark';
  const label = next === 'dark' ? t('app.switchToDark') : t('app.switchToLight');
  return (
    <ActionIcon variant="default" size="lg" onClick={() => setColorScheme(next)} aria-label={label} title={label}>
      <span aria-hidden="true">{scheme === 'dark' ? '☀' : '☾'}</span>
    </ActionIcon>
  );
}

function NavItemLink({ item, active }: { item: NavItem; active: boolean }) {
  const { t } = useTranslation();
  const server = useSession((s) => s.server);
  const can = useCan(item.needs ?? 'settings.get');
  if ((item.serverOnly === true && !server) || !can.allowed) return null;
  return (
    <NavLink
      href={href(item.path)}
      label={t(`app.nav.${item.key}`)}
      active={active}
      aria-current={active ? 'page' : undefined}
    />
  );
}

/** The sign-in gate: the app itself only once someone is signed in (or where nobody signs in). */
export function App() {
  const { t } = useTranslation();
  const status = useSession((s) => s.status);
  const resume = useSession((s) => s.resume);
  useEffect(() => {
    void resume();
  }, [resume]);
  if (status === 'checking') {
    return (
      <Center mih="100vh" role="status" aria-label={t('signIn.checking')}>
        <Loader size="sm" />
      </Center>
    );
  }
  if (status === 'signedOut') return <SignInPage />;
  return <Shell />;
}

function Shell() {
  const { t } = useTranslation();
  const [opened, { toggle, close }] = useDisclosure();
  const { path, params } = splitPath(usePath());
  const loadSettings = useSettings((s) => s.load);
  const agency = useSettings((s) => s.settings?.agencyName);
  useEffect(() => {
    void loadSettings();
  }, [loadSettings]);
  useEffect(() => close(), [path, close]);
  useSyncWatcher();

  // The print view of a statement stands alone: no navigation or header on screen or paper.
  const statement = STATEMENT.exec(path);
  if (statement && params.get('print') === '1') {
    return (
      <main>
        <StatementPage key={`print-${statement[1]}`} clientId={Number(statement[1])} params={params} />
      </main>
    );
  }

  const section = path.startsWith('/clients') ? '/clients' : path;
  return (
    <AppShell
      header={{ height: 56 }}
      navbar={{ width: 200, breakpoint: 'sm', collapsed: { mobile: !opened } }}
      padding="md"
    >
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label={t('app.toggleNavigation')} />
            <Title order={4} component="p">
              Credit Desk
            </Title>
            {agency !== undefined && (
              <Text size="sm" c="dimmed" visibleFrom="md">
                {agency}
              </Text>
            )}
          </Group>
          <Group gap="sm" wrap="nowrap">
            <CreditPaymentsBadge />
            <UserMenu />
            <LanguageMenu />
            <ThemeToggle />
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" aria-label={t('app.mainNavigation')}>
        {NAV.map((item) => (
          <NavItemLink key={item.path} item={item} active={section === item.path} />
        ))}
      </AppShell.Navbar>
      <AppShell.Main>{screenFor(path, params)}</AppShell.Main>
    </AppShell>
  );
}
