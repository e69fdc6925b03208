import { Alert, Button, FileButton, Group, Paper, Progress, Stack, Text } from '@mantine/core';
import { useState, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { BankImportResult } from '../../../../shared/dto.bank';
import { call } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { credits } from '../../lib/format';
import { useAction } from '../../lib/useAction';
import { CsvMappingModal, type PendingCsv } from './CsvMappingModal';

/** The file's bytes in base64, as bank.import takes them (the parsers see the real encoding). */
async function base64Of(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  // In slices: String.fromCharCode(...all) overflows the stack on a big file.
  for (let at = 0; at < bytes.length; at += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(at, at + 0x8000));
  }
  return btoa(binary);
}

/** Choose or drop a statement file; shows progress while it is read and the summary after. */
export function BankImport({ onImported }: { onImported: () => void }) {
  const { t } = useTranslation();
  const action = useAction();
  const [reading, setReading] = useState<string | null>(null);
  const [done, setDone] = useState<{ name: string; result: BankImportResult } | null>(null);
  const [over, setOver] = useState(false);
  const [firstCsv, setFirstCsv] = useState<PendingCsv | null>(null);

  async function importContent(name: string, content: string, csvAccountId?: string) {
    setReading(name);
    try {
      const outcome = await action.run(() =>
        call('bank.import', { fileName: name, content, ...(csvAccountId === undefined ? {} : { csvAccountId }) }),
      );
      if (outcome?.ok) {
        setDone({ name, result: outcome.value });
        onImported();
      } else if (outcome !== null && csvAccountId === undefined && outcome.error.details?.field === 'csvAccountId') {
        // Several mappings are saved and none was named: staff pick (or map) the account here.
        action.reset();
        setFirstCsv({ name, content });
      }
    } finally {
      setReading(null);
    }
  }

  /** A CSV file before any mapping is saved: the mapping dialog previews it first. */
  async function needsMapping(file: File): Promise<boolean> {
    if (!file.name.toLowerCase().endsWith('.csv')) return false;
    const saved = await call('bank.csvMappings.list', {});
    return saved.ok && saved.value.length === 0;
  }

  async function importFile(file: File | null) {
    if (file === null) return;
    setDone(null);
    const content = await base64Of(file);
    if (await needsMapping(file)) {
      setFirstCsv({ name: file.name, content });
      return;
    }
    await importContent(file.name, content);
  }

  async function importFirstCsv(accountId: string) {
    const pending = firstCsv;
    setFirstCsv(null);
    if (pending !== null) await importContent(pending.name, pending.content, accountId);
  }

  function onDrop(event: DragEvent<HTMLDivElement>) {
    event.preventDefault();
    setOver(false);
    void importFile(event.dataTransfer.files[0] ?? null);
  }

  return (
    <Stack gap="sm">
      <Paper
        withBorder
        p="lg"
        radius="md"
        onDragOver={(e) => {
          e.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={onDrop}
        style={{ borderStyle: 'dashed', borderWidth: over ? 2 : 1 }}
        data-testid="bank-drop-zone"
      >
        <Group justify="space-between">
          <Text>{t('bank.dropHere')}</Text>
          <FileButton onChange={(f) => void importFile(f)} accept=".xml,.sta,.txt,.mt940,.ofx,.qfx,.csv">
            {(props) => (
              <Button {...props} loading={action.pending}>
                {t('bank.chooseFile')}
              </Button>
            )}
          </FileButton>
        </Group>
      </Paper>
      {reading !== null && (
        <Stack gap={4} role="status">
          <Text size="sm">{t('bank.reading', { name: reading })}</Text>
          <Progress value={100} animated aria-label={t('bank.reading', { name: reading })} />
        </Stack>
      )}
      <ErrorAlert error={action.error} />
      <CsvMappingModal
        opened={firstCsv !== null}
        onClose={() => setFirstCsv(null)}
        file={firstCsv}
        onSaved={(accountId) => void importFirstCsv(accountId)}
      />
      {done !== null && (
        <Alert color="teal" variant="light" role="status" title={t('bank.summaryTitle', { name: done.name })}>
          <Text data-testid="bank-import-summary">
            {t('bank.summary', {
              read: credits(done.result.transactions),
              new: credits(done.result.new),
              duplicates: credits(done.result.duplicates),
              proposed: credits(done.result.proposed),
            })}
          </Text>
          {done.result.flagged > 0 && <Text c="orange">{t('bank.flagged', { count: done.result.flagged })}</Text>}
        </Alert>
      )}
    </Stack>
  );
}
