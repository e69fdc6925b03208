import { Modal, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Client } from '../../../../shared/dto';
import { call, newIdempotencyKey } from '../../api';
import { useAction } from '../../lib/useAction';
import { ActionForm } from '../../components/ActionForm';
import { errorText } from '../../components/ErrorAlert';

/** Create a client, or edit one when `client` is given. Only the name is required. */
export function ClientFormModal(props: {
  opened: boolean;
  client?: Client;
  onClose: () => void;
  onSaved: (c: Client) => void;
}) {
  const { t } = useTranslation();
  return (
    <Modal opened={props.opened} onClose={props.onClose} title={props.client ? t('clients.edit') : t('clients.new')}>
      {props.opened && <ClientForm {...props} />}
    </Modal>
  );
}

function ClientForm({
  client,
  onClose,
  onSaved,
}: {
  client?: Client;
  onClose: () => void;
  onSaved: (c: Client) => void;
}) {
  const { t, i18n } = useTranslation();
  const [name, setName] = useState(client?.name ?? '');
  const [email, setEmail] = useState(client?.email ?? '');
  const [company, setCompany] = useState(client?.company ?? '');
  const [key] = useState(newIdempotencyKey);
  const action = useAction();
  const fieldError = action.error?.code === 'VALIDATION_ERROR' ? String(action.error.details?.field ?? '') : '';
  const fieldMessage = action.error ? errorText(action.error, t, i18n.language) : undefined;
  async function submit() {
    const result = await action.run(() =>
      client
        ? call('clients.update', { clientId: client.id, name, email, company, idempotencyKey: key })
        : call('clients.create', { name, email, company, idempotencyKey: key }),
    );
    if (result?.ok) onSaved(result.value);
  }
  return (
    <ActionForm
      action={action}
      onSubmit={submit}
      canSubmit={name.trim() !== ''}
      submitLabel={client ? t('clients.save') : t('clients.create')}
      onCancel={onClose}
    >
      <TextInput
        label={t('clients.name')}
        required
        data-autofocus
        value={name}
        onChange={(e) => setName(e.currentTarget.value)}
        error={fieldError === 'name' ? fieldMessage : undefined}
      />
      <TextInput
        label={t('clients.email')}
        type="email"
        value={email}
        onChange={(e) => setEmail(e.currentTarget.value)}
        error={fieldError === 'email' ? fieldMessage : undefined}
      />
      <TextInput label={t('clients.company')} value={company} onChange={(e) => setCompany(e.currentTarget.value)} />
    </ActionForm>
  );
}
