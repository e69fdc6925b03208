/** Backups (issue 6): the verified backups in the ledger's backup folder, newest first. */
import { create } from 'zustand';
import type { BackupInfo, RestoreReport } from '../../../shared/contract.backup';
import { call, type Outcome, type UiError } from '../api';
import type { LoadStatus } from './paged';

interface BackupsState {
  items: BackupInfo[];
  status: LoadStatus;
  error: UiError | null;
  load(): Promise<void>;
  /** Takes and verifies a manual backup, then reloads the list. */
  create(idempotencyKey: string): Promise<Outcome<BackupInfo>>;
  /** Replaces the live ledger with a backup (the caller reloads every screen afterwards). */
  restore(fileName: string, idempotencyKey: string): Promise<Outcome<RestoreReport>>;
}

let generation = 0;

export const useBackups = create<BackupsState>()((set, get) => ({
  items: [],
  status: 'idle',
  error: null,
  async load() {
    const mine = ++generation;
    set({ status: 'loading', error: null });
    const result = await call('backup.list', {});
    // A slow answer never overwrites a newer one (e.g. the list reloaded after a backup).
    if (mine !== generation) return;
    if (result.ok) set({ items: result.value, status: 'ready' });
    else set({ status: 'error', error: result.error });
  },
  async create(idempotencyKey) {
    const result = await call('backup.create', { idempotencyKey });
    if (result.ok) void get().load();
    return result;
  },
  async restore(fileName, idempotencyKey) {
    return call('backup.restore', { fileName, idempotencyKey });
  },
}));
