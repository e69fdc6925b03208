/** The `sync.*` handlers, spread into the handler map by electron/ledger/handlers.ts. */
import type { SyncChannel } from '../../shared/contract.sync';
import type { Handler } from '../ledger/handlers';
import type { LedgerDeps } from '../ledger/context';
import type { Poster } from '../ledger/posting';
import { stderrLog } from './log';
import { createSyncPoller, type SyncPoller } from './poller';
import { dismissUnmatched, listReviewItems, listUnmatched, resolveUnmatched } from './queue.service';
import { EnvSecretStore } from './secrets';
import { configureSync, syncStatus } from './status.service';

/** Builds the sync handlers. Without a poller in `deps` (CLI, tests) one is made over the environment. */
export function createSyncHandlers(deps: LedgerDeps, poster: Poster): { [C in SyncChannel]: Handler<C> } {
  let poller: SyncPoller | undefined = deps.sync;
  const sync = (): SyncPoller =>
    (poller ??= createSyncPoller({ db: deps.db, clock: deps.clock, secrets: new EnvSecretStore(), log: stderrLog() }));
  return {
    'sync.status': (_input, { tx }) => syncStatus(tx, sync()),
    'sync.run': (input) => sync().run(input.provider),
    'sync.configure': (input, call) => Promise.resolve(configureSync(deps.db, sync(), input, call)),
    'sync.unmatched.list': (input, { tx }) => listUnmatched(tx, input),
    'sync.unmatched.resolve': (input, call) => resolveUnmatched(call, poster, input),
    'sync.unmatched.dismiss': (input, call) => dismissUnmatched(call, input),
    'sync.review.list': (input, { tx }) => listReviewItems(tx, input),
  };
}
