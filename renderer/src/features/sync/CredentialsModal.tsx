import { Alert, Button, Group, Modal, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Input } from '../../../../shared/contract';
import type { SyncProviderStatus } from '../../../../shared/dto.sync';
import { startOfDay } from '../../../../shared/time';
import { call, newIdempotencyKey } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useAction } from '../../lib/useAction';
import { useSettings } from '../../stores/settings.store';
import { credentialLabel } from './labels';

type Configure = Input<'sync.configure'>;

/**
 * The provider's credentials and connection (F11). Secrets are write-only: the form shows the
 * stored masked form and sends only what was typed; an empty field keeps what is stored.
 */
export function CredentialsModal(props: {
  provider: SyncProviderStatus | null;
  storageWarning: string | null;
  onClose: () => void;
  onSaved: (status: SyncProviderStatus) => void;
}) {
  const { t } = useTranslation();
  return (
    <Modal
      opened={props.provider !== null}
      onClose={props.onClose}
      title={
        props.provider
          ? t('sync.credentials.title', { provider: props.provider.label })
          : t('sync.credentials.titleNone')
      }
      size="lg"
    >
      {props.provider && <CredentialsForm {...props} provider={props.provider} />}
    </Modal>
  );
}

function CredentialsForm({
  provider,
  storageWarning,
  onClose,
  onSaved,
}: {
  provider: SyncProviderStatus;
  storageWarning: string | null;
  onClose: () => void;
  onSaved: (status: SyncProviderStatus) => void;
}) {
  const { t } = useTranslation();
  const timeZone = useSettings((s) => s.settings?.timeZone ?? 'UTC');
  const [values, setValues] = useState<Record<string, string>>({});
  const [apiBase, setApiBase] = useState(provider.apiBase);
  const [backfill, setBackfill] = useState(provider.backfillFrom?.slice(0, 10) ?? '');
  const [key] = useState(newIdempotencyKey);
  const action = useAction();

  async function save(clear: boolean) {
    const input: Configure = { provider: provider.provider, idempotencyKey: clear ? newIdempotencyKey() : key };
    if (clear) input.clearCredentials = true;
    else {
      for (const c of provider.credentials) {
        const value = values[c.name]?.trim() ?? '';
        if (value !== '') input[c.name] = value;
      }
      if (apiBase.trim() !== provider.apiBase) input.apiBase = apiBase.trim() === '' ? null : apiBase.trim();
      if (backfill !== (provider.backfillFrom?.slice(0, 10) ?? '')) {
        input.backfillFrom = backfill === '' ? null : startOfDay(backfill, timeZone).toISOString();
      }
    }
    const result = await action.run(() => call('sync.configure', input));
    if (result?.ok) onSaved(result.value);
  }

  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        void save(false);
      }}
    >
      <Stack>
        {storageWarning !== null && (
          <Alert color="yellow" variant="light" title={t('sync.credentials.howKept')}>
            {storageWarning}
          </Alert>
        )}
        <Text size="sm" c="dimmed">
          {provider.credentialStore === 'keychain' ? t('sync.credentials.keychain') : t('sync.credentials.environment')}{' '}
          {t('sync.credentials.keepEmpty')}
        </Text>
        {provider.credentials.map((c, i) => (
          <PasswordInput
            key={c.name}
            label={credentialLabel(c)}
            description={
              c.masked === null ? t('sync.credentials.notSet') : t('sync.credentials.stored', { masked: c.masked })
            }
            autoComplete="off"
            data-autofocus={i === 0 ? true : undefined}
            value={values[c.name] ?? ''}
            onChange={(e) => {
              const value = e.currentTarget.value;
              setValues((v) => ({ ...v, [c.name]: value }));
            }}
          />
        ))}
        <TextInput
          label={t('sync.credentials.apiAddress')}
          description={t('sync.credentials.apiAddressHint')}
          value={apiBase}
          onChange={(e) => setApiBase(e.currentTarget.value)}
        />
        <TextInput
          label={t('sync.credentials.firstSync')}
          description={t('sync.credentials.firstSyncHint', { zone: timeZone })}
          type="date"
          value={backfill}
          onChange={(e) => setBackfill(e.currentTarget.value)}
        />
        <ErrorAlert error={action.error} />
        <Group justify="space-between">
          <Button
            variant="subtle"
            color="red"
            onClick={() => void save(true)}
            disabled={action.pending || provider.credentials.every((c) => c.masked === null)}
          >
            {t('sync.credentials.forget')}
          </Button>
          <Group gap="sm">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={action.pending}>
              {t('common.save')}
            </Button>
          </Group>
        </Group>
      </Stack>
    </form>
  );
}
