/**
 * The desktop's connection settings (issue 13): this computer's ledger, or a team server (its
 * URL, and the CA file of a private certificate authority if the admin gave one). What is typed
 * is checked with the same rules the main process applies (shared/connection.ts); a refusal is
 * shown under the field it names, and that field takes the focus. Saving restarts the app.
 */
import { Button, Group, Modal, Radio, Stack, Text, TextInput } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { parseConnectionSettings, type ConnectionSettings } from '../../../../shared/connection';
import type { ApiError, Result } from '../../../../shared/result';
import { connectedServer, desktop, type UiError } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';

type Field = 'mode' | 'url' | 'caFile';
type FieldErrors = Partial<Record<Field, string>>;

const FIELDS: readonly Field[] = ['mode', 'url', 'caFile'];

/** A bridge call that threw (the main process is gone): the usual "not reachable" alert. */
// ErrorAlert words UNAVAILABLE from its code, in the user's language.
const UNREACHABLE: UiError = { code: 'UNAVAILABLE', message: '' };

async function settle<T>(promise: Promise<Result<T>> | undefined): Promise<Result<T> | UiError> {
  if (promise === undefined) return UNREACHABLE;
  try {
    return await promise;
  } catch {
    return UNREACHABLE;
  }
}

export function ConnectionDialog({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  // The form mounts afresh each time the dialog opens: the saved settings, no old errors.
  return (
    <Modal opened={opened} onClose={onClose} title={t('connection.title')} size="lg">
      <ConnectionForm onClose={onClose} />
    </Modal>
  );
}

function ConnectionForm({ onClose }: { onClose: () => void }) {
  const { t, i18n } = useTranslation();
  // How this run is connected, until the saved settings arrive a moment later.
  const [mode, setMode] = useState<'local' | 'server'>(desktop()?.mode ?? 'local');
  const [url, setUrl] = useState(connectedServer() ?? '');
  const [caFile, setCaFile] = useState<string | null>(null);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState<UiError | null>(null);
  const [pending, setPending] = useState(false);
  const [saved, setSaved] = useState(false);
  const urlField = useRef<HTMLInputElement>(null);
  const caField = useRef<HTMLInputElement>(null);
  const modeField = useRef<HTMLInputElement>(null);

  useEffect(() => {
    void settle(desktop()?.connectionSettings.get()).then((result) => {
      if (!('ok' in result)) return setFailure(result);
      if (!result.ok) return setFailure(result.error);
      setMode(result.value.mode);
      setUrl(result.value.mode === 'server' ? result.value.url : '');
      setCaFile(result.value.mode === 'server' ? (result.value.caFile ?? null) : null);
    });
  }, []);

  /** The refusal in words under its field: the rule itself in English, a translated one otherwise. */
  function show(error: ApiError): void {
    const named = error.details?.field;
    const field: Field = FIELDS.includes(named as Field) ? (named as Field) : 'mode';
    setErrors({ [field]: i18n.language === 'en' ? error.message : t(`connection.invalid.${field}`) });
    const target = { mode: modeField, url: urlField, caFile: caField }[field];
    // After the error has rendered, so a screen reader reads it with the field.
    requestAnimationFrame(() => target.current?.focus());
  }

  async function save() {
    if (pending) return;
    setErrors({});
    setFailure(null);
    const typed = mode === 'local' ? { mode } : { mode, url, ...(caFile === null ? {} : { caFile }) };
    const parsed = parseConnectionSettings(typed);
    if (!parsed.ok) return show(parsed.error);
    setPending(true);
    const result = await settle(desktop()?.connectionSettings.save(parsed.value satisfies ConnectionSettings));
    if (!('ok' in result)) {
      setPending(false);
      return setFailure(result);
    }
    if (!result.ok) {
      setPending(false);
      return show(result.error);
    }
    // The app restarts on the new settings; the window closes with it.
    setSaved(true);
  }

  async function chooseCa() {
    const result = await settle(desktop()?.connectionSettings.chooseCaFile());
    if (!('ok' in result)) return setFailure(result);
    if (result.ok && result.value !== null) {
      setCaFile(result.value);
      setErrors((e) => ({ ...e, caFile: undefined }));
    }
  }

  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        // The dialog is portalled, but React still bubbles its submit to a form around the button.
        e.stopPropagation();
        void save();
      }}
      noValidate
    >
      <Stack>
        <Text size="sm">{t('connection.intro')}</Text>
        <Radio.Group
          label={t('connection.ledger')}
          value={mode}
          onChange={(value) => setMode(value === 'server' ? 'server' : 'local')}
          error={errors.mode}
        >
          <Stack gap="xs" mt="xs">
            <Radio
              ref={modeField}
              value="local"
              label={t('connection.local')}
              description={t('connection.localHint')}
              data-autofocus={mode === 'local' ? true : undefined}
            />
            <Radio value="server" label={t('connection.server')} description={t('connection.serverHint')} />
          </Stack>
        </Radio.Group>
        {mode === 'server' && (
          <>
            <TextInput
              ref={urlField}
              label={t('connection.url')}
              description={t('connection.urlHint')}
              placeholder={t('connection.urlPlaceholder')}
              type="url"
              inputMode="url"
              autoComplete="url"
              spellCheck={false}
              autoCapitalize="none"
              required
              data-autofocus
              value={url}
              onChange={(e) => setUrl(e.currentTarget.value)}
              error={errors.url}
            />
            <Group align="flex-end" wrap="nowrap" gap="xs">
              <TextInput
                ref={caField}
                style={{ flex: 1 }}
                label={t('connection.caFile')}
                description={t('connection.caFileHint')}
                readOnly
                value={caFile ?? t('connection.caFileNone')}
                error={errors.caFile}
              />
              <Button variant="default" onClick={() => void chooseCa()}>
                {t('connection.choose')}
              </Button>
              {caFile !== null && (
                <Button variant="subtle" color="gray" onClick={() => setCaFile(null)}>
                  {t('connection.remove')}
                </Button>
              )}
            </Group>
          </>
        )}
        <ErrorAlert error={failure} />
        <Text size="sm" c="dimmed" role={saved ? 'status' : undefined}>
          {t('connection.restartNote')}
        </Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose} disabled={pending}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={pending}>
            {t('connection.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** "Connection…": opens the dialog. Rendered only in the desktop app. */
export function ConnectionButton({ variant = 'subtle' }: { variant?: 'subtle' | 'default' }) {
  const { t } = useTranslation();
  const [opened, setOpened] = useState(false);
  if (desktop() === undefined) return null;
  return (
    <>
      <Button variant={variant} size="compact-sm" onClick={() => setOpened(true)}>
        {t('connection.open')}
      </Button>
      <ConnectionDialog opened={opened} onClose={() => setOpened(false)} />
    </>
  );
}
