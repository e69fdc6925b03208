import { Alert, Badge, Button, Code, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BackupInfo, RestoreReport } from '../../../../shared/contract.backup';
import { newIdempotencyKey } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { LoadState } from '../../components/LoadState';
import { date, dateTime, time } from '../../lib/format';
import { useAction } from '../../lib/useAction';
import { useBackups } from '../../stores/backups.store';
import {
  BACKUP_KIND_COLORS,
  backupFolder,
  backupKindLabel,
  checkedSummary,
  fileSize,
  takeRememberedRestore,
} from './backup-format';
import { RestoreBackupModal } from './RestoreBackupModal';
import { Gate } from '../../components/Gate';

/** Left by the restore dialog just before it reloaded the page; read once, when the page loads. */
const restoredOnLoad: { report: RestoreReport | null } = { report: takeRememberedRestore() };

/** Backups (issue 6): take a verified backup now, see every verified backup, restore one. */
export function BackupsPage() {
  const { t } = useTranslation();
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
        {t('app.nav.backups')}
      </Title>
      {restored && (
        <Alert
          color="teal"
          variant="light"
          title={t('backups.restored')}
          role="status"
          withCloseButton
          closeButtonLabel={t('backups.dismiss')}
          onClose={() => setRestored(null)}
        >
          <Text size="sm">
            {t('backups.restoredText', {
              taken: dateTime(restored.restored.createdAt),
              checked: checkedSummary(restored),
            })}
          </Text>
          {restored.safetyBackup && (
            <Text size="sm">{t('backups.safetyText', { taken: dateTime(restored.safetyBackup.createdAt) })}</Text>
          )}
        </Alert>
      )}
      <BackUpNow />
      <Stack gap="xs">
        <Title order={2} size="h4">
          {t('backups.verifiedTitle')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('backups.intro')}
          {items[0] !== undefined && (
            <>
              {' '}
              {t('backups.folder')} <Code>{backupFolder(items[0])}</Code>
            </>
          )}
        </Text>
      </Stack>
      <LoadState
        status={status}
        error={error}
        empty={items.length === 0}
        emptyText={t('backups.empty')}
        label={t('backups.loading')}
        onRetry={() => void load()}
      >
        <Table.ScrollContainer minWidth={760}>
          <Table horizontalSpacing="sm" aria-label={t('app.nav.backups')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('backups.taken')}</Table.Th>
                <Table.Th>{t('backups.kind')}</Table.Th>
                <Table.Th className="num">{t('backups.size')}</Table.Th>
                <Table.Th>{t('backups.verified')}</Table.Th>
                <Table.Th>
                  <span className="sr-only">{t('requests.actions')}</span>
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
                      {backupKindLabel(b.kind)}
                    </Badge>
                  </Table.Td>
                  <Table.Td className="num">{fileSize(b.sizeBytes)}</Table.Td>
                  <Table.Td>
                    <Text size="sm">{checkedSummary(b)}</Text>
                    <Text size="xs" c="dimmed" title={t('backups.sha', { sha: b.sha256 })} ff="monospace">
                      {b.fileName}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Group justify="flex-end" wrap="nowrap">
                      <Gate channel="backup.restore">
                        <Button
                          size="compact-sm"
                          variant="light"
                          color="red"
                          onClick={() => setRestoring(b)}
                          aria-label={t('backups.restoreAria', { taken: dateTime(b.createdAt) })}
                        >
                          {t('backups.restore')}
                        </Button>
                      </Gate>
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
  const { t } = useTranslation();
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
              {t('backups.now')}
            </Title>
            <Text size="sm" c="dimmed" maw={640}>
              {t('backups.nowText')}
            </Text>
          </Stack>
          <Gate channel="backup.create">
            <Button onClick={() => void backUp()} loading={action.pending}>
              {t('backups.now')}
            </Button>
          </Gate>
        </Group>
        {action.pending && (
          <Text size="sm" c="dimmed" role="status">
            {t('backups.working')}
          </Text>
        )}
        {made && (
          <Alert color="teal" variant="light" title={t('backups.made')} role="status">
            <Text size="sm">
              {t('backups.madeText', {
                checked: checkedSummary(made),
                size: fileSize(made.sizeBytes),
                taken: dateTime(made.createdAt),
              })}
            </Text>
          </Alert>
        )}
        <ErrorAlert error={action.error} />
      </Stack>
    </Paper>
  );
}
