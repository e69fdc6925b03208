/**
 * The export channels (statement CSV/PDF, whole-ledger CSV, requests CSV) run their existing
 * entry functions of ledger/exports.service.ts in a worker thread over a read-only
 * connection, so a 100,000-line PDF never holds the main thread; the worker's progress
 * reports feed the same progress board. An in-memory ledger (tests) has no file a worker
 * could open: it exports on this thread, as before.
 */
import type { ParsedInput } from '../../shared/contract';
import type { ExportFile, ExportProgress } from '../../shared/statements';
import { Db } from '../db/database';
import type { AsyncDb } from '../db/async-db';
import { asyncDbOf } from '../db/async-db.sqlite';
import { openReader } from '../db/sqlite';
import { exportLedger, exportRequests, exportStatement, toExportFile } from '../ledger/exports.service';
import { runOffThread } from './off-thread';

/** One export, as plain data that can cross to a worker. */
export type ExportSpec =
  | {
      kind: 'statement';
      input: Pick<ParsedInput<'statements.export'>, 'clientId' | 'from' | 'to' | 'format'>;
      nowIso: string;
      fontDir?: string;
    }
  | { kind: 'ledger'; input: Pick<ParsedInput<'ledger.export'>, 'from' | 'to'>; nowIso: string }
  | { kind: 'requests'; input: Pick<ParsedInput<'requests.export'>, 'status' | 'clientId'>; nowIso: string };

/** Runs `spec` over `db` on this thread: what the worker does, and the in-memory path. */
export function exportOnThisThread(
  db: AsyncDb,
  spec: ExportSpec,
  onProgress: (progress: ExportProgress) => void,
): Promise<ExportFile> {
  return toExportFile((sink) => {
    switch (spec.kind) {
      case 'statement':
        return exportStatement(db, spec.input, spec.nowIso, sink, {
          onProgress,
          ...(spec.fontDir === undefined ? {} : { fontDir: spec.fontDir }),
        });
      case 'ledger':
        return exportLedger(db, spec.input, spec.nowIso, sink, { onProgress });
      case 'requests':
        return exportRequests(db, spec.input, spec.nowIso, sink, { onProgress });
    }
  });
}

/** The worker's side: its own read-only connection to `path`. */
export async function exportFromFile(
  path: string,
  spec: ExportSpec,
  onProgress: (progress: ExportProgress) => void,
): Promise<ExportFile> {
  const db = new Db(openReader(path));
  try {
    return await exportOnThisThread(asyncDbOf(db), spec, onProgress);
  } finally {
    db.close();
  }
}

/**
 * Runs `spec` in a worker over the SQLite file (`sqlite`, the synchronous handle of `db`), or on
 * this thread through `db` for an in-memory ledger (no other connection can open it) and on
 * PostgreSQL (the export reads in short snapshots through the async interface; the database
 * server does the heavy part).
 */
export function runExport(
  db: AsyncDb,
  sqlite: Db | undefined,
  spec: ExportSpec,
  onProgress: (progress: ExportProgress) => void,
): Promise<ExportFile> {
  if (sqlite === undefined || sqlite.sqlite.memory) return exportOnThisThread(db, spec, onProgress);
  return runOffThread('exportFile', { path: sqlite.sqlite.name, spec }, (p) => onProgress(p as ExportProgress));
}
