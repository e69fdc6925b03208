import { Progress, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { credits } from '../lib/format';
import type { ExportState } from '../lib/useExport';
import { ErrorAlert } from './ErrorAlert';

/** An export's progress bar ("x of y lines"), its refusal, or a line saying what was saved. */
export function ExportProgress({ state, label }: { state: ExportState; label: string }) {
  const p = state.progress;
  const { t } = useTranslation();
  if (state.pending) {
    const known = p !== null && p.phase !== 'unknown' && p.total > 0 ? p : null;
    const percent = known !== null ? Math.min(100, (known.done / known.total) * 100) : 100;
    return (
      <Stack gap={4} className="no-print">
        <Progress
          value={percent}
          animated={known === null}
          striped={known === null}
          aria-label={t('exportProgress.progress', { label })}
          size="md"
        />
        <Text size="xs" c="dimmed" role="status" aria-live="polite">
          {known !== null
            ? t('exportProgress.phase', {
                phase: t(`exportProgress.${known.phase}`),
                done: credits(known.done),
                total: credits(known.total),
              })
            : t('exportProgress.preparing')}
        </Text>
      </Stack>
    );
  }
  if (state.error !== null) return <ErrorAlert error={state.error} />;
  if (state.saved !== null) {
    return (
      <Text size="xs" c="dimmed" role="status" className="no-print">
        {t('exportProgress.saved', { fileName: state.saved.fileName, lines: credits(state.saved.lines) })}
      </Text>
    );
  }
  return null;
}
