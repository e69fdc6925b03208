/**
 * Keeps an eye on the background poller while the app is open: every {@link SYNC_WATCH_MS} the
 * sync status is read, and the sync store refreshes the open screens when a pass credited
 * payments (F11: new credits show up without a reload).
 */
import { useEffect } from 'react';
import { SYNC_WATCH_MS, useSync } from '../stores/sync.store';

export function useSyncWatcher(): void {
  useEffect(() => {
    void useSync.getState().load();
    const timer = setInterval(() => void useSync.getState().load(), SYNC_WATCH_MS);
    return () => clearInterval(timer);
  }, []);
}
