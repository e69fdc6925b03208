/**
 * The team's users (admins only, PRODUCT F14): who may sign in and with which role. Disabling
 * someone ends their open sessions at once; resetting a password ends them too. An admin does
 * not disable or demote themselves here: that would lock the last admin out of this page.
 */
import { Badge, Button, Group, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { User } from '../../../../shared/contract.users';
import { call } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { LoadState } from '../../components/LoadState';
import { dateTime } from '../../lib/format';
import { useAction } from '../../lib/useAction';
import { useCan } from '../../lib/useCan';
import { useSession } from '../../stores/session.store';
import { useUserList } from '../../stores/users.store';
import { EditUserModal } from './EditUserModal';
import { NewUserModal } from './NewUserModal';
import { ResetPasswordModal } from './ResetPasswordModal';

const NO_FILTER = {};

export function UsersPage() {
  const { t } = useTranslation();
  const can = useCan('users.list');
  const list = useUserList();
  const me = useSession((s) => s.user);
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<User | null>(null);
  const [resetting, setResetting] = useState<User | null>(null);
  const toggling = useAction();
  const load = list.load;
  useEffect(() => {
    if (can.allowed) void load(NO_FILTER);
  }, [can.allowed, load]);

  async function setDisabled(user: User, disabled: boolean) {
    const result = await toggling.run(() => call('users.update', { userId: user.id, disabled }));
    if (result?.ok) {
      notifications.show({
        color: disabled ? 'gray' : 'teal',
        title: disabled
          ? t('users.disabledDone', { username: user.username })
          : t('users.enabledDone', { username: user.username }),
        message: disabled ? t('users.disabledText') : t('users.enabledText'),
      });
      void list.reload();
    }
  }

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1} size="h2">
          {t('app.nav.users')}
        </Title>
        {can.allowed && <Button onClick={() => setCreating(true)}>{t('users.new')}</Button>}
      </Group>
      {!can.allowed ? (
        <Text c="dimmed">{can.reason}</Text>
      ) : (
        <>
          <Text size="sm" c="dimmed" maw={760}>
            {t('users.explain')}
          </Text>
          <ErrorAlert error={toggling.error} />
          <LoadState
            status={list.status}
            error={list.error}
            empty={list.items.length === 0}
            emptyText={t('users.empty')}
            label={t('users.loading')}
            onRetry={() => void list.reload()}
          >
            <Table.ScrollContainer minWidth={760}>
              <Table aria-label={t('users.tableAria')} horizontalSpacing="xs">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('users.username')}</Table.Th>
                    <Table.Th>{t('users.displayName')}</Table.Th>
                    <Table.Th>{t('users.role')}</Table.Th>
                    <Table.Th>{t('users.status')}</Table.Th>
                    <Table.Th>{t('users.changed')}</Table.Th>
                    <Table.Th>
                      <span className="sr-only">{t('users.actions')}</span>
                    </Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {list.items.map((u) => {
                    const self = me?.id === u.id;
                    return (
                      <Table.Tr key={u.id}>
                        <Table.Td className="nowrap">
                          {u.username}
                          {self && (
                            <Text span size="xs" c="dimmed">
                              {' '}
                              {t('users.you')}
                            </Text>
                          )}
                        </Table.Td>
                        <Table.Td>{u.displayName}</Table.Td>
                        <Table.Td>{t(`roles.name.${u.role}`)}</Table.Td>
                        <Table.Td>
                          <Badge color={u.disabled ? 'gray' : 'teal'} variant="light" style={{ textTransform: 'none' }}>
                            {u.disabled ? t('users.disabled') : t('users.active')}
                          </Badge>
                        </Table.Td>
                        <Table.Td className="nowrap">{dateTime(u.updatedAt)}</Table.Td>
                        <Table.Td>
                          <Group gap="xs" wrap="nowrap" justify="flex-end">
                            <Button
                              size="compact-sm"
                              variant="default"
                              disabled={self}
                              title={self ? t('users.notYourself') : undefined}
                              onClick={() => setEditing(u)}
                              aria-label={t('users.editAria', { username: u.username })}
                            >
                              {t('users.edit')}
                            </Button>
                            <Button
                              size="compact-sm"
                              variant="default"
                              onClick={() => setResetting(u)}
                              aria-label={t('users.resetAria', { username: u.username })}
                            >
                              {t('users.resetPassword')}
                            </Button>
                            <Button
                              size="compact-sm"
                              variant="light"
                              color={u.disabled ? 'teal' : 'red'}
                              disabled={self || toggling.pending}
                              title={self ? t('users.notYourself') : undefined}
                              onClick={() => void setDisabled(u, !u.disabled)}
                              aria-label={
                                u.disabled
                                  ? t('users.enableAria', { username: u.username })
                                  : t('users.disableAria', { username: u.username })
                              }
                            >
                              {u.disabled ? t('users.enable') : t('users.disable')}
                            </Button>
                          </Group>
                        </Table.Td>
                      </Table.Tr>
                    );
                  })}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </LoadState>
        </>
      )}
      <NewUserModal
        opened={creating}
        onClose={() => setCreating(false)}
        onDone={(u) => {
          notifications.show({
            color: 'teal',
            title: t('users.created'),
            message: t('users.createdText', { username: u.username, role: t(`roles.name.${u.role}`) }),
          });
          setCreating(false);
          void list.reload();
        }}
      />
      <EditUserModal
        user={editing}
        onClose={() => setEditing(null)}
        onDone={() => {
          setEditing(null);
          void list.reload();
        }}
      />
      <ResetPasswordModal
        user={resetting}
        onClose={() => setResetting(null)}
        onDone={(u) => {
          notifications.show({
            color: 'teal',
            title: t('users.passwordSet'),
            message: t('users.passwordSetText', { username: u.username }),
          });
          setResetting(null);
        }}
      />
    </Stack>
  );
}
