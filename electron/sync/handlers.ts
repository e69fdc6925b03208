/**
 * The `sync.*` handlers. The composition roots (main.ts, cli.ts, browser.ts) register them with
 * the router (`createRouter({ sync: syncHandlers(poller) })`): the ledger never imports sync.
 */
import type { SyncChannel } from '../../shared/contract.sync';
import type { HandlerGroup, HandlerKit, SyncHandlersFactory } from '../ledger/handlers';
import { stderrLog } from './log';
import { createSyncPoller, type SyncPoller } from './poller';
import { dismissUnmatched, listUnmatched, resolveUnmatched } from './queue.service';
import { listReviewItems, resolveReview } from './review.service';
import { EnvSecretStore } from './secrets';
import { configureSync, syncStatus } from './status.service';

/** Builds the sync handlers. Without a poller (CLI, tests) one is made over the environment on first use. */
export function syncHandlers(poller?: SyncPoller): SyncHandlersFactory {
  return ({ deps, poster }: HandlerKit): HandlerGroup<SyncChannel> => {
    let made: SyncPoller | undefined = poller;
    const sync = (): SyncPoller =>
      (made ??= createSyncPoller({ db: deps.db, clock: deps.clock, secrets: new EnvSecretStore(), log: stderrLog() }));
    return {
      'sync.status': (_input, { tx }) => syncStatus(tx, sync()),
      'sync.run': (input) => sync().run(input.provider),
      'sync.configure': (input, call) => configureSync(deps.db, sync(), input, call),
      'sync.unmatched.list': (input, { tx }) => listUnmatched(tx, input),
      'sync.unmatched.resolve': (input, call) => resolveUnmatched(call, poster, input),
      'sync.unmatched.dismiss': (input, call) => dismissUnmatched(call, input),
      'sync.review.list': (input, { tx }) => listReviewItems(tx, input),
      'sync.review.resolve': (input, call) => resolveReview(call, poster, input),
    };
  };
}
