/** An admin sets a new password for someone who forgot theirs; their open sessions end. */
import { Modal, PasswordInput, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MIN_PASSWORD_LENGTH, type User } from '../../../../shared/contract.users';
import { call } from '../../api';
import { ActionForm } from '../../components/ActionForm';
import { useAction } from '../../lib/useAction';

export function ResetPasswordModal(props: { user: User | null; onClose: () => void; onDone: (user: User) => void }) {
  const { t } = useTranslation();
  return (
    <Modal
      opened={props.user !== null}
      onClose={props.onClose}
      title={props.user ? t('users.resetTitle', { username: props.user.username }) : ''}
    >
      {props.user && <ResetPasswordForm user={props.user} onClose={props.onClose} onDone={props.onDone} />}
    </Modal>
  );
}

function ResetPasswordForm({ user, onClose, onDone }: { user: User; onClose: () => void; onDone: (u: User) => void }) {
  const { t } = useTranslation();
  const [password, setPassword] = useState('');
  const action = useAction();
  async function submit() {
    const result = await action.run(() => call('users.setPassword', { userId: user.id, password }));
    if (result?.ok) onDone(result.value);
  }
  return (
    <ActionForm
      action={action}
      onSubmit={submit}
      canSubmit={password.length >= MIN_PASSWORD_LENGTH}
      submitLabel={t('users.resetPassword')}
      onCancel={onClose}
    >
      <Text size="sm">{t('users.resetExplain')}</Text>
      <PasswordInput
        label={t('account.newPassword')}
        description={t('account.passwordRule', { min: MIN_PASSWORD_LENGTH })}
        required
        data-autofocus
        autoComplete="new-password"
        visibilityToggleButtonProps={{ 'aria-label': t('signIn.showPassword') }}
        value={password}
        onChange={(e) => setPassword(e.currentTarget.value)}
      />
    </ActionForm>
  );
}
