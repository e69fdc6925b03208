/** An admin adds a person: username, display name, role and a first password (≥ 12 characters). */
import { Modal, PasswordInput, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MIN_PASSWORD_LENGTH, type User } from '../../../../shared/contract.users';
import type { Role } from '../../../../shared/roles';
import { call } from '../../api';
import { ActionForm } from '../../components/ActionForm';
import { errorText } from '../../components/ErrorAlert';
import { useAction } from '../../lib/useAction';
import { RoleSelect } from './RoleSelect';

export function NewUserModal(props: { opened: boolean; onClose: () => void; onDone: (user: User) => void }) {
  const { t } = useTranslation();
  return (
    <Modal opened={props.opened} onClose={props.onClose} title={t('users.new')}>
      {props.opened && <NewUserForm {...props} />}
    </Modal>
  );
}

function NewUserForm({ onClose, onDone }: { onClose: () => void; onDone: (user: User) => void }) {
  const { t, i18n } = useTranslation();
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [role, setRole] = useState<Role>('clerk');
  const [password, setPassword] = useState('');
  const action = useAction();
  const field = action.error?.code === 'VALIDATION_ERROR' ? String(action.error.details?.field ?? '') : '';
  const message = action.error ? errorText(action.error, t, i18n.language) : undefined;
  async function submit() {
    const name = displayName.trim();
    const result = await action.run(() =>
      call('users.create', { username, password, role, ...(name === '' ? {} : { displayName: name }) }),
    );
    if (result?.ok) onDone(result.value);
  }
  return (
    <ActionForm
      action={action}
      onSubmit={submit}
      canSubmit={username.trim() !== '' && password.length >= MIN_PASSWORD_LENGTH}
      submitLabel={t('users.create')}
      onCancel={onClose}
    >
      <TextInput
        label={t('users.username')}
        description={t('users.usernameRule')}
        required
        data-autofocus
        autoComplete="off"
        autoCapitalize="none"
        spellCheck={false}
        value={username}
        onChange={(e) => setUsername(e.currentTarget.value)}
        error={field === 'username' ? message : undefined}
      />
      <TextInput
        label={t('users.displayName')}
        value={displayName}
        onChange={(e) => setDisplayName(e.currentTarget.value)}
        error={field === 'displayName' ? message : undefined}
      />
      <RoleSelect label={t('users.role')} value={role} onChange={setRole} />
      <PasswordInput
        label={t('users.firstPassword')}
        description={t('account.passwordRule', { min: MIN_PASSWORD_LENGTH })}
        required
        autoComplete="new-password"
        visibilityToggleButtonProps={{ 'aria-label': t('signIn.showPassword') }}
        value={password}
        onChange={(e) => setPassword(e.currentTarget.value)}
        error={field === 'password' ? message : undefined}
      />
    </ActionForm>
  );
}
