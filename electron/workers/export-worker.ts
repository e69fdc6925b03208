/**
 * The export worker's entry (see off-thread.ts): exports and restores, which load the query
 * builder. Bundled as its own entry beside the main bundle, like ledger-worker.ts.
 */
import { heavyTasks } from './heavy-tasks';
import { serveTask } from './serve';

void serveTask(heavyTasks);
