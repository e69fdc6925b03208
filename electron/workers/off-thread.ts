/**
 * Work that reads the whole ledger (backups and their verification, `ledger.verify`, the
 * start-up `quick_check`, exports) runs here, in a worker thread with its own SQLite
 * connection, so the thread that answers the window, the HTTP door and the poller never
 * stalls behind it. Plain `node:worker_threads`: it works the same in Electron's main
 * process, the CLI, browser mode, the bench and the tests.
 *
 * One worker per task: a task is long (hundreds of milliseconds to seconds) next to a
 * worker's start (~30–60 ms bundled), and a worker that ends with its task cannot leak a
 * connection, a snapshot or memory into the next one.
 *
 * Where the workers' code is: beside the code that starts them. Bundled, it is the
 * `ledger-worker` and `export-worker` entries that electron-vite (out/main/*.js) and
 * scripts/door.mjs (out/node/*.cjs) emit next to the main bundle; from source (vitest, tsx)
 * the same entries are bundled on first use (from-source.ts).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { nativeBindingInUse } from '../db/sqlite';
import { reviveError, type WorkerInput, type WorkerMessage } from './protocol';
import type { TaskArgs, TaskName, TaskValue } from './task-types';
import { tasks as lightTasks } from './tasks';

/** The two worker entries: the light one starts fast; the export one loads the query builder. */
export const WORKER_ENTRIES = ['ledger-worker', 'export-worker'] as const;
type Entry = (typeof WORKER_ENTRIES)[number];

const locations = new Map<Entry, URL>();

async function workerLocation(entry: Entry): Promise<URL> {
  const cached = locations.get(entry);
  if (cached !== undefined) return cached;
  const here = import.meta.url;
  const ext = here.slice(here.lastIndexOf('.'));
  let url: URL | undefined;
  if (ext === '.ts') {
    // From source: the entries bundled on first use (from-source.ts), loaded only here.
    const { workersFromSource } = await import('./from-source');
    url = pathToFileURL(join(await workersFromSource(WORKER_ENTRIES), `${entry}.mjs`));
  } else {
    // A variable, not a literal: bundlers must not try to inline the worker as an asset.
    const file = `${entry}${ext}`;
    url = [new URL(`./${file}`, here), new URL(`../${file}`, here)].find((c) => existsSync(fileURLToPath(c)));
    if (url === undefined) {
      throw new Error(`The worker ${file} was not found beside ${fileURLToPath(here)}: rebuild Credit Desk.`);
    }
  }
  locations.set(entry, url);
  return url;
}

/**
 * Runs `task` in a new worker thread and resolves with its value; `onProgress` receives what
 * the task reports on the way. A refusal thrown in the worker is thrown here as the same class.
 */
export function runOffThread<K extends TaskName>(
  task: K,
  args: TaskArgs<K>,
  onProgress?: (progress: unknown) => void,
): Promise<TaskValue<K>> {
  // The light worker serves what tasks.ts lists; the export worker the rest (heavy-tasks.ts).
  const light = Object.hasOwn(lightTasks, task);
  return workerLocation(light ? 'ledger-worker' : 'export-worker').then(
    (url) =>
      new Promise<TaskValue<K>>((resolve, reject) => {
        const workerData: WorkerInput = { task, args, nativeBinding: nativeBindingInUse() };
        // No inherited flags: a bundled worker needs no loader (tsx's would cost every start).
        const worker = new Worker(url, { workerData, execArgv: [] });
        let settled = false;
        const settle = (fn: () => void) => {
          if (settled) return;
          settled = true;
          fn();
        };
        worker.on('message', (message: WorkerMessage) => {
          if (message.type === 'progress') onProgress?.(message.value);
          else if (message.type === 'done') settle(() => resolve(message.value as TaskValue<K>));
          else settle(() => reject(reviveError(message.error)));
        });
        worker.on('error', (error) => settle(() => reject(error)));
        worker.on('exit', (code) =>
          settle(() =>
            reject(new Error(`The background task ${task} stopped (exit code ${code}) before it finished.`)),
          ),
        );
      }),
  );
}
