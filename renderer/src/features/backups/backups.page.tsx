import { Alert, Badge, Button, Code, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import type { BackupInfo, RestoreReport } from '../../../../shared/contract.backup';
import { newIdempotencyKey } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { LoadState } from '../../components/LoadState';
import { date, dateTime, time } from '../../lib/format';
import { useAction } from '../../lib/useAction';
import { useBackups } from '../../stores/backups.store';
import {
  BACKUP_KIND_COLORS,
  BACKUP_KIND_LABELS,
  backupFolder,
  checkedSummary,
  fileSize,
  takeRememberedRestore,
} from './backup-format';
import { RestoreBackupModal } from './RestoreBackupModal';

/** Left by the restore dialog just before it reloaded the page; read once, when the page loads. */
const restoredOnLoad: { report: RestoreReport | null } = { report: takeRememberedRestore() };

/** Backups (issue 6): take a verified backup now, see every verified backup, restore one. */
export function BackupsPage() {
  const items = useBackups((s) => s.items);
  const status = useBackups((s) => s.status);
  const error = useBackups((s) => s.error);
  const load = useBackups((s) => s.load);
  const [restoring, setRestoring] = useState<BackupInfo | null>(null);
  const [restored, setRestored] = useState<RestoreReport | null>(() => restoredOnLoad.report);
  useEffect(() => {
    // Shown on this visit only, not every time the screen is opened again.
    restoredOnLoad.report = null;
    void load();
  }, [load]);

  return (
    <Stack>
      <Title order={1} size="h2">
        Backups
      </Title>
      {restored && (
        <Alert
          color="teal"
          variant="light"
          title="Ledger restored"
          role="status"
          withCloseButton
          closeButtonLabel="Dismiss"
          onClose={() => setRestored(null)}
        >
          <Text size="sm">
            The ledger is now the backup taken {dateTime(restored.restored.createdAt)} ({checkedSummary(restored)}).
          </Text>
          {restored.safetyBackup && (
            <Text size="sm">
              The ledger as it was before is kept as a safety copy taken {dateTime(restored.safetyBackup.createdAt)}.
            </Text>
          )}
        </Alert>
      )}
      <BackUpNow />
      <Stack gap="xs">
        <Title order={2} size="h4">
          Verified backups
        </Title>
        <Text size="sm" c="dimmed">
          Taken automatically every day and before every update of the ledger, and whenever you press Back up now. Only
          backups that passed their checks are listed.
          {items[0] !== undefined && (
            <>
              {' '}
              Folder: <Code>{backupFolder(items[0])}</Code>
            </>
          )}
        </Text>
      </Stack>
      <LoadState
        status={status}
        error={error}
        empty={items.length === 0}
        emptyText="No backup yet. The first daily backup is taken when the app starts; you can take one now."
        label="backups"
        onRetry={() => void load()}
      >
        <Table.ScrollContainer minWidth={760}>
          <Table horizontalSpacing="sm" aria-label="Backups">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Taken</Table.Th>
                <Table.Th>Kind</Table.Th>
                <Table.Th className="num">Size</Table.Th>
                <Table.Th>Verified</Table.Th>
                <Table.Th>
                  <span className="sr-only">Actions</span>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((b) => (
                <Table.Tr key={b.fileName} data-backup={b.fileName}>
                  <Table.Td className="nowrap">
                    <Text size="sm">{date(b.createdAt)}</Text>
                    <Text size="xs" c="dimmed">
                      {time(b.createdAt)}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Badge variant="light" color={BACKUP_KIND_COLORS[b.kind]} style={{ textTransform: 'none' }}>
                      {BACKUP_KIND_LABELS[b.kind]}
                    </Badge>
                  </Table.Td>
                  <Table.Td className="num">{fileSize(b.sizeBytes)}</Table.Td>
                  <Table.Td>
                    <Text size="sm">{checkedSummary(b)}</Text>
                    <Text size="xs" c="dimmed" title={`SHA-256 ${b.sha256}`} ff="monospace">
                      {b.fileName}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Group justify="flex-end" wrap="nowrap">
                      <Button
                        size="compact-sm"
                        variant="light"
                        color="red"
                        onClick={() => setRestoring(b)}
                        aria-label={`Restore the backup taken ${dateTime(b.createdAt)}`}
                      >
                        Restore…
                      </Button>
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </LoadState>
      <RestoreBackupModal backup={restoring} onClose={() => setRestoring(null)} />
    </Stack>
  );
}

function BackUpNow() {
  const create = useBackups((s) => s.create);
  const action = useAction();
  const [made, setMade] = useState<BackupInfo | null>(null);
  async function backUp() {
    setMade(null);
    const result = await action.run(() => create(newIdempotencyKey()));
    if (result?.ok) setMade(result.value);
  }
  return (
    <Paper withBorder p="md" radius="md">
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start" wrap="nowrap">
          <Stack gap={4}>
            <Title order={2} size="h4">
              Back up now
            </Title>
            <Text size="sm" c="dimmed" maw={640}>
              Copies the whole ledger while you keep working, then opens the copy and checks it (the database file and
              every client&apos;s balance against its entries) before it counts.
            </Text>
          </Stack>
          <Button onClick={() => void backUp()} loading={action.pending}>
            Back up now
          </Button>
        </Group>
        {action.pending && (
          <Text size="sm" c="dimmed" role="status">
            Backing up and verifying…
          </Text>
        )}
        {made && (
          <Alert color="teal" variant="light" title="Backup taken and verified" role="status">
            <Text size="sm">
              {checkedSummary(made)} · {fileSize(made.sizeBytes)} · taken {dateTime(made.createdAt)}
            </Text>
          </Alert>
        )}
        <ErrorAlert error={action.error} />
      </Stack>
    </Paper>
  );
}
