/**
 * The application shell: navigation, the header with the Allow Credit Payment state and the
 * theme toggle, and the current screen picked from the location hash.
 */
import {
  ActionIcon,
  AppShell,
  Badge,
  Burger,
  Group,
  NavLink,
  Text,
  Title,
  Tooltip,
  useComputedColorScheme,
  useMantineColorScheme,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useEffect, type ReactNode } from 'react';
import { AuditPage } from './features/audit/audit.page';
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
import { href, splitPath, usePath } from './lib/route';
import { useSyncWatcher } from './lib/useSyncWatcher';
import { useSettings } from './stores/settings.store';

const NAV = [
  { path: '/', label: 'Overview' },
  { path: '/clients', label: 'Clients' },
  { path: '/requests', label: 'Credit requests' },
  { path: '/services', label: 'Services' },
  { path: '/invoices', label: 'Invoices' },
  { path: '/payments', label: 'Record a payment' },
  { path: '/sync', label: 'Sync' },
  { path: '/reports', label: 'Reports' },
  { path: '/audit', label: 'Audit log' },
  { path: '/settings', label: 'Credits settings' },
  { path: '/backups', label: 'Backups' },
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
    case '/reports':
      return <ReportsPage />;
    case '/audit':
      return <AuditPage />;
    case '/backups':
      return <BackupsPage />;
    default:
      return <OverviewPage />;
  }
}

function CreditPaymentsBadge() {
  const settings = useSettings((s) => s.settings);
  if (settings === null) return null;
  const on = settings.creditPaymentsEnabled;
  return (
    <Tooltip label="Change it in Credits settings">
      <Badge
        component="a"
        href={href('/settings')}
        color={on ? 'teal' : 'red'}
        variant="light"
        size="lg"
        style={{ cursor: 'pointer', textTransform: 'none' }}
        aria-label={on ? 'Credit payments allowed' : 'Credit payments switched off'}
      >
        {on ? 'Credit payments allowed' : 'Credit payments off'}
      </Badge>
    </Tooltip>
  );
}

function ThemeToggle() {
  const { setColorScheme } = useMantineColorScheme();
  const scheme = useComputedColorScheme('light');
  const next = scheme === 'dark' ? 'light' : 'dark';
  return (
    <ActionIcon
      variant="default"
      size="lg"
      onClick={() => setColorScheme(next)}
      aria-label={`Switch to ${next} theme`}
      title={`Switch to ${next} theme`}
    >
      <span aria-hidden="true">{scheme === 'dark' ? '☀' : '☾'}</span>
    </ActionIcon>
  );
}

export function App() {
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
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label="Toggle navigation" />
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
            <ThemeToggle />
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" aria-label="Main navigation">
        {NAV.map((item) => (
          <NavLink
            key={item.path}
            href={href(item.path)}
            label={item.label}
            active={section === item.path}
            aria-current={section === item.path ? 'page' : undefined}
          />
        ))}
      </AppShell.Navbar>
      <AppShell.Main>{screenFor(path, params)}</AppShell.Main>
    </AppShell>
  );
}
