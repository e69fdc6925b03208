/**
 * The header's account menu on the team server: who is signed in and with which role, change
 * password, sign out. Nothing is shown where nobody signs in (the desktop app, browser mode).
 */
import { Badge, Button, Group, Menu, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../stores/session.store';
import { ChangePasswordModal } from './ChangePasswordModal';

export function UserMenu() {
  const { t } = useTranslation();
  const user = useSession((s) => s.user);
  const signOut = useSession((s) => s.signOut);
  const [changing, setChanging] = useState(false);
  if (user === null) return null;
  const role = t(`roles.name.${user.role}`);
  return (
    <>
      <Menu position="bottom-end" withinPortal>
        <Menu.Target>
          {/* The name is the visible text (no aria-label that would hide it); the words around it are for screen readers. */}
          <Button variant="default">
            <Group gap={6} wrap="nowrap">
              <span className="sr-only">{t('account.signedInAs')} </span>
              <Text span size="sm" fw={600} maw={160} truncate>
                {user.displayName}
                <span className="sr-only">,</span>
              </Text>
              <Badge variant="light" size="sm" style={{ textTransform: 'none' }}>
                {role}
              </Badge>
            </Group>
          </Button>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Label>{user.username}</Menu.Label>
          <Menu.Item onClick={() => setChanging(true)}>{t('account.changePassword')}</Menu.Item>
          <Menu.Item onClick={() => void signOut()}>{t('account.signOut')}</Menu.Item>
        </Menu.Dropdown>
      </Menu>
      <ChangePasswordModal opened={changing} onClose={() => setChanging(false)} />
    </>
  );
}
