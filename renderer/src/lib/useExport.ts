/**
 * An export with progress (F10): the export call runs under a fresh `progressId` while
 * `exports.progress` is asked about it every ~300 ms, one question at a time, for a progress
 * bar; the finished file is then saved. One export at a time per button; a second click waits.
 */
import { useCallback, useRef, useState } from 'react';
import type { ExportFile, ExportProgressReport } from '../../../shared/statements';
import { call, type Outcome, type UiError } from '../api';
import { saveExport } from './download';

const POLL_MS = 300;

export interface ExportState {
  pending: boolean;
  progress: ExportProgressReport | null;
  error: UiError | null;
  /** The last file saved, for a confirmation line. */
  saved: ExportFile | null;
  run(start: (progressId: string) => Promise<Outcome<ExportFile>>): Promise<void>;
}

export function useExport(): ExportState {
  const inFlight = useRef(false);
  const [pending, setPending] = useState(false);
  const [progress, setProgress] = useState<ExportProgressReport | null>(null);
  const [error, setError] = useState<UiError | null>(null);
  const [saved, setSaved] = useState<ExportFile | null>(null);

  const run = useCallback(async (start: (progressId: string) => Promise<Outcome<ExportFile>>) => {
    if (inFlight.current) return;
    inFlight.current = true;
    setPending(true);
    setError(null);
    setSaved(null);
    setProgress(null);
    const progressId = crypto.randomUUID();
    let finished = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      const report = await call('exports.progress', { progressId });
      if (finished) return;
      if (report.ok && report.value.phase !== 'unknown') setProgress(report.value);
      timer = setTimeout(() => void poll(), POLL_MS);
    };
    timer = setTimeout(() => void poll(), POLL_MS);
    try {
      const result = await start(progressId);
      finished = true;
      clearTimeout(timer);
      if (result.ok) {
        saveExport(result.value);
        setSaved(result.value);
      } else {
        setError(result.error);
      }
    } finally {
      finished = true;
      clearTimeout(timer);
      inFlight.current = false;
      setPending(false);
      setProgress(null);
    }
  }, []);

  return { pending, progress, error, saved, run };
}
