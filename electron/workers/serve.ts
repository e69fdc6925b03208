/**
 * The body of both worker entries: load the same SQLite addon as the process that started
 * the worker, run the one task it was given, post its progress and its result (or the error,
 * by class), and end.
 */
import { setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import { useNativeBinding } from '../db/sqlite';
import { serializeError, type WorkerInput, type WorkerMessage } from './protocol';

/** Any task: each names its own argument and progress types. */
type Task = (args: never, report: never) => unknown;

export async function serveTask(table: Record<string, Task>): Promise<void> {
  const port = parentPort;
  if (port === null) throw new Error('This file runs only as a worker thread.');
  const { task, args, nativeBinding } = workerData as WorkerInput;
  const post = (message: WorkerMessage) => port.postMessage(message);
  useNativeBinding(nativeBinding);
  yieldToTheMainThread();
  try {
    const run = table[task] as unknown as ((args: unknown, report: (progress: unknown) => void) => unknown) | undefined;
    if (run === undefined) throw new Error(`This worker has no task called ${task}.`);
    const value = await run(args, (progress) => post({ type: 'progress', value: progress }));
    post({ type: 'done', value });
  } catch (error) {
    post({ type: 'failed', error: serializeError(error) });
  }
}

/**
 * Background work gives way to the thread that answers the user: on Linux a nice value is
 * per thread, and priority 0 names the calling thread, so this lowers the worker alone. (On
 * macOS and Windows the same call would lower the whole app, so it is not made there.)
 */
function yieldToTheMainThread(): void {
  if (process.platform !== 'linux') return;
  try {
    setPriority(10);
  } catch {
    // Not allowed here (a sandbox): the work still runs, at the same priority.
  }
}
