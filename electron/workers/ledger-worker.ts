/**
 * The light worker's entry (see off-thread.ts): checks, backup copies, digests and verify
 * shares. Bundled as its own entry: electron-vite's `ledger-worker` input and
 * scripts/door.mjs emit it beside the main bundle.
 */
import { serveTask } from './serve';
import { tasks } from './tasks';

void serveTask(tasks);
