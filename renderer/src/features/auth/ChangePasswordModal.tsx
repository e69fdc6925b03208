/** The signed-in person changes their own password: the current one, then a new one of ≥ 12 characters. */
import { Modal, PasswordInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MIN_PASSWORD_LENGTH } from '../../../../shared/contract.users';
import { call } from '../../api';
import { ActionForm } from '../../components/ActionForm';
import { useAction } from '../../lib/useAction';
import { useSession } from '../../stores/session.store';

export function ChangePasswordModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onClose} title={t('account.changePassword')}>
      {opened && <ChangePasswordForm onClose={onClose} />}
    </Modal>
  );
}

function ChangePasswordForm({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const setUser = useSession((s) => s.setUser);
  const [currentPassword, setCurrent] = useState('');
  const [newPassword, setNew] = useState('');
  const action = useAction();
  const long = newPassword.length >= MIN_PASSWORD_LENGTH;
  const toggle = { 'aria-label': t('signIn.showPassword') };
  async function submit() {
    const result = await action.run(() => call('auth.changePassword', { currentPassword, newPassword }));
    if (result?.ok) {
      setUser(result.value);
      notifications.show({
        color: 'teal',
        title: t('account.passwordChanged'),
        message: t('account.passwordChangedText'),
      });
      onClose();
    }
  }
  return (
    <ActionForm
      action={action}
      onSubmit={submit}
      canSubmit={currentPassword !== '' && long}
      submitLabel={t('account.changePassword')}
      onCancel={onClose}
    >
      <PasswordInput
        label={t('account.currentPassword')}
        autoComplete="current-password"
        required
        data-autofocus
        visibilityToggleButtonProps={toggle}
        value={currentPassword}
        onChange={(e) => setCurrent(e.currentTarget.value)}
      />
      <PasswordInput
        label={t('account.newPassword')}
        description={t('account.passwordRule', { min: MIN_PASSWORD_LENGTH })}
        autoComplete="new-password"
        required
        visibilityToggleButtonProps={toggle}
        value={newPassword}
        onChange={(e) => setNew(e.currentTarget.value)}
      />
    </ActionForm>
  );
}
