import { Progress, Stack, Text } from '@mantine/core';
import { credits } from '../lib/format';
import type { ExportState } from '../lib/useExport';
import { ErrorAlert } from './ErrorAlert';

const PHASES = { totalling: 'Counting lines', writing: 'Writing', done: 'Saving', failed: 'Failed' } as const;

/** An export's progress bar ("x of y lines"), its refusal, or a line saying what was saved. */
export function ExportProgress({ state, label }: { state: ExportState; label: string }) {
  const p = state.progress;
  if (state.pending) {
    const known = p !== null && p.phase !== 'unknown' && p.total > 0 ? p : null;
    const percent = known !== null ? Math.min(100, (known.done / known.total) * 100) : 100;
    return (
      <Stack gap={4} className="no-print">
        <Progress
          value={percent}
          animated={known === null}
          striped={known === null}
          aria-label={`${label} progress`}
          size="md"
        />
        <Text size="xs" c="dimmed" role="status" aria-live="polite">
          {known !== null
            ? `${PHASES[known.phase]}: ${credits(known.done)} of ${credits(known.total)} lines`
            : 'Preparing the export…'}
        </Text>
      </Stack>
    );
  }
  if (state.error !== null) return <ErrorAlert error={state.error} />;
  if (state.saved !== null) {
    return (
      <Text size="xs" c="dimmed" role="status" className="no-print">
        Saved {state.saved.fileName} ({credits(state.saved.lines)} lines).
      </Text>
    );
  }
  return null;
}
