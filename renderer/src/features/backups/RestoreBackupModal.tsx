import { Alert, Button, Checkbox, Group, List, Modal, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BackupInfo } from '../../../../shared/contract.backup';
import { newIdempotencyKey } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Figures } from '../../components/Figures';
import { dateTime } from '../../lib/format';
import { useAction } from '../../lib/useAction';
import { useBackups } from '../../stores/backups.store';
import { backupKindLabel, checkedSummary, fileSize, rememberRestore } from './backup-format';

/**
 * Restore from backup: says what will happen, and asks for an explicit acknowledgement before
 * the live ledger is replaced. On success every screen reloads from the restored ledger.
 */
export function RestoreBackupModal(props: { backup: BackupInfo | null; onClose: () => void }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  return (
    <Modal
      opened={props.backup !== null}
      onClose={busy ? () => undefined : props.onClose}
      closeOnClickOutside={!busy}
      closeOnEscape={!busy}
      withCloseButton={!busy}
      title={t('backups.restoreTitle')}
      size="lg"
    >
      {props.backup && <RestoreForm backup={props.backup} onClose={props.onClose} onBusy={setBusy} />}
    </Modal>
  );
}

function RestoreForm({
  backup,
  onClose,
  onBusy,
}: {
  backup: BackupInfo;
  onClose: () => void;
  onBusy: (busy: boolean) => void;
}) {
  const { t } = useTranslation();
  const restore = useBackups((s) => s.restore);
  const [understood, setUnderstood] = useState(false);
  const [key] = useState(newIdempotencyKey);
  const action = useAction();
  const taken = dateTime(backup.createdAt);
  async function submit() {
    if (!understood) return;
    onBusy(true);
    const result = await action.run(() => restore(backup.fileName, key));
    if (result?.ok) {
      rememberRestore(result.value);
      // Every store and screen starts again from the restored ledger.
      window.location.reload();
      return;
    }
    onBusy(false);
  }
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <Stack>
        <Figures
          rows={[
            { label: t('backups.backupTaken'), value: taken, strong: true },
            { label: t('backups.kind'), value: backupKindLabel(backup.kind) },
            { label: t('backups.size'), value: fileSize(backup.sizeBytes) },
            { label: t('backups.verified'), value: checkedSummary(backup) },
          ]}
        />
        <Alert color="orange" variant="light" title={t('backups.whatHappens')} role="note">
          <List size="sm" spacing={4}>
            <List.Item>{t('backups.step1', { taken })}</List.Item>
            <List.Item>{t('backups.step2')}</List.Item>
            <List.Item>{t('backups.step3')}</List.Item>
            <List.Item>{t('backups.step4')}</List.Item>
          </List>
        </Alert>
        <Checkbox
          checked={understood}
          onChange={(e) => setUnderstood(e.currentTarget.checked)}
          disabled={action.pending}
          label={t('backups.understand', { taken })}
        />
        <ErrorAlert error={action.error} />
        {action.pending && (
          <Text size="sm" c="dimmed" role="status">
            {t('backups.restoring')}
          </Text>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose} disabled={action.pending} data-autofocus>
            {t('common.cancel')}
          </Button>
          <Button type="submit" color="red" disabled={!understood} loading={action.pending}>
            {t('backups.restoreThis')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
