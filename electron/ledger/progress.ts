/**
 * Progress of running exports, for the UI's progress bar. The renderer names an export with
 * a `progressId` of its choosing and polls `exports.progress` while the export channel is
 * pending; the export yields to the event loop between chunks, so the polls are answered.
 * Kept in memory only: finished entries are forgotten after ten minutes.
 */
import { AppError } from '../../shared/result';
import type { ExportProgress, ExportProgressReport } from '../../shared/statements';

const KEEP_FINISHED_MS = 10 * 60 * 1000;

interface Entry {
  progress: ExportProgress;
  finishedAt: number | null;
}

export class ProgressBoard {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly clock: () => Date) {}

  /** Runs `work` under `progressId` (if given), recording its progress and how it ended. */
  async track<T>(
    progressId: string | undefined,
    work: (onProgress: (p: ExportProgress) => void) => Promise<T>,
  ): Promise<T> {
    if (progressId === undefined) return work(() => undefined);
    this.prune();
    if (this.entries.get(progressId)?.finishedAt === null) {
      throw new AppError('CONFLICT', 'An export with this progress id is already running.', { field: 'progressId' });
    }
    const entry: Entry = { progress: { phase: 'writing', done: 0, total: 0 }, finishedAt: null };
    this.entries.set(progressId, entry);
    try {
      const value = await work((p) => {
        entry.progress = p;
      });
      entry.progress = { phase: 'done', done: entry.progress.total, total: entry.progress.total };
      return value;
    } catch (error) {
      entry.progress = { ...entry.progress, phase: 'failed' };
      throw error;
    } finally {
      entry.finishedAt = this.clock().getTime();
    }
  }

  /** The latest progress of `progressId`. */
  report(progressId: string): ExportProgressReport {
    this.prune();
    const entry = this.entries.get(progressId);
    if (entry === undefined) return { progressId, phase: 'unknown', done: 0, total: 0 };
    return { progressId, ...entry.progress };
  }

  private prune(): void {
    const now = this.clock().getTime();
    for (const [id, entry] of this.entries) {
      if (entry.finishedAt !== null && now - entry.finishedAt > KEEP_FINISHED_MS) this.entries.delete(id);
    }
  }
}
