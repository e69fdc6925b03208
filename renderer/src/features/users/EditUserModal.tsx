/** An admin changes a person's role or display name. */
import { Modal, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { User } from '../../../../shared/contract.users';
import type { Role } from '../../../../shared/roles';
import { call } from '../../api';
import { ActionForm } from '../../components/ActionForm';
import { useAction } from '../../lib/useAction';
import { RoleSelect } from './RoleSelect';

export function EditUserModal(props: { user: User | null; onClose: () => void; onDone: (user: User) => void }) {
  const { t } = useTranslation();
  return (
    <Modal
      opened={props.user !== null}
      onClose={props.onClose}
      title={props.user ? t('users.editTitle', { username: props.user.username }) : ''}
    >
      {props.user && <EditUserForm user={props.user} onClose={props.onClose} onDone={props.onDone} />}
    </Modal>
  );
}

function EditUserForm({ user, onClose, onDone }: { user: User; onClose: () => void; onDone: (user: User) => void }) {
  const { t } = useTranslation();
  const [displayName, setDisplayName] = useState(user.displayName);
  const [role, setRole] = useState<Role>(user.role);
  const action = useAction();
  async function submit() {
    const result = await action.run(() =>
      call('users.update', { userId: user.id, role, displayName: displayName.trim() || user.displayName }),
    );
    if (result?.ok) onDone(result.value);
  }
  return (
    <ActionForm action={action} onSubmit={submit} canSubmit submitLabel={t('common.save')} onCancel={onClose}>
      <RoleSelect label={t('users.role')} value={role} onChange={setRole} autoFocus />
      <TextInput
        label={t('users.displayName')}
        value={displayName}
        onChange={(e) => setDisplayName(e.currentTarget.value)}
      />
    </ActionForm>
  );
}
