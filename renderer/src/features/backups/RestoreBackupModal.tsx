import { Alert, Button, Checkbox, Group, List, Modal, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import type { BackupInfo } from '../../../../shared/contract.backup';
import { newIdempotencyKey } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Figures } from '../../components/Figures';
import { dateTime } from '../../lib/format';
import { useAction } from '../../lib/useAction';
import { useBackups } from '../../stores/backups.store';
import { BACKUP_KIND_LABELS, checkedSummary, fileSize, rememberRestore } from './backup-format';

/**
 * Restore from backup: says what will happen, and asks for an explicit acknowledgement before
 * the live ledger is replaced. On success every screen reloads from the restored ledger.
 */
export function RestoreBackupModal(props: { backup: BackupInfo | null; onClose: () => void }) {
  const [busy, setBusy] = useState(false);
  return (
    <Modal
      opened={props.backup !== null}
      onClose={busy ? () => undefined : props.onClose}
      closeOnClickOutside={!busy}
      closeOnEscape={!busy}
      withCloseButton={!busy}
      title="Restore from backup"
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
            { label: 'Backup taken', value: taken, strong: true },
            { label: 'Kind', value: BACKUP_KIND_LABELS[backup.kind] },
            { label: 'Size', value: fileSize(backup.sizeBytes) },
            { label: 'Verified', value: checkedSummary(backup) },
          ]}
        />
        <Alert color="orange" variant="light" title="What will happen" role="note">
          <List size="sm" spacing={4}>
            <List.Item>
              The ledger goes back to how it was on {taken}. Everything recorded after that (payments, accepted
              requests, purchases with credits, adjustments, settings) will no longer be in it.
            </List.Item>
            <List.Item>
              First, the current ledger is kept as a safety copy in the backup list, so this restore can itself be
              undone by restoring that copy.
            </List.Item>
            <List.Item>The backup is checked again before it replaces anything.</List.Item>
            <List.Item>Every screen then reloads from the restored ledger.</List.Item>
          </List>
        </Alert>
        <Checkbox
          checked={understood}
          onChange={(e) => setUnderstood(e.currentTarget.checked)}
          disabled={action.pending}
          label={`I understand: everything recorded after ${taken} will be taken out of the ledger`}
        />
        <ErrorAlert error={action.error} />
        {action.pending && (
          <Text size="sm" c="dimmed" role="status">
            Restoring… keep Credit Desk open.
          </Text>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose} disabled={action.pending} data-autofocus>
            Cancel
          </Button>
          <Button type="submit" color="red" disabled={!understood} loading={action.pending}>
            Restore this backup
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
