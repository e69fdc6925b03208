/**
 * The handler map: one function per channel of the contract. Typed from the contract, so a
 * missing or misspelt handler is a compile error. Each handler gets validated input and the
 * call context (transaction, actor, now); the router owns validation, the transaction and
 * idempotency. The sync channels' handlers come from electron/sync, handed in by the
 * composition root (main.ts, cli.ts, browser.ts): the ledger does not depend on sync.
 */
import type { Channel, contract, Output, ParsedInput } from '../../shared/contract';
import type { SyncChannel } from '../../shared/contract.sync';
import type { BankChannel } from '../../shared/contract.bank';
import type { LedgerDeps } from './context';
import type { Call, TaskCall } from './context';
import { createBackupHandlers } from '../backup/backup.handlers';
import { createService, listServices, updateService } from './catalog.service';
import { createClient, listClients, requireClient, updateClient } from './clients.service';
import { createInvoice, listInvoices, voidInvoice } from './invoices.service';
import { createPackage, listPackages, setArchived, updatePackage } from './packages.service';
import { createPoster, type Poster } from './posting';
import { recordPurchase } from './purchases.service';
import { deactivateRate, listRates, quote, setRate } from './rates.service';
import { acceptRequest, listRequests, rejectRequest, submitRequest } from './requests.service';
import { getSettings, updateSettings } from './settings.service';
import { buyWithCredits, payWithCredits } from './spending.service';
import { adjust, listTransactions } from './transactions.service';
import { verifyLedger, verifyLedgerAsync } from './verify.service';
import { getOverview } from './overview.service';
import { listAudit } from './audit-log.service';
import { createUsersHandlers } from '../auth/users.handlers';
import { runExport } from '../workers/exports-off-thread';
import { verifyLedgerOffThread } from '../workers/verify-off-thread';
import { ProgressBoard } from './progress';
import { defaultFontDir } from './statement-pdf';
import { getStatement } from './statements.service';

/** A handler for channel `C`: inside the router's transaction, or a task that opens its own. */
export type Handler<C extends Channel> = (typeof contract)[C] extends { task: true }
  ? (input: ParsedInput<C>, call: TaskCall) => Promise<Output<C>>
  : (input: ParsedInput<C>, call: Call) => Promise<Output<C>>;
/** One handler per channel. */
export type Handlers = { [C in Channel]: Handler<C> };
/** The handlers of one group of channels. */
export type HandlerGroup<C extends Channel> = { [K in C]: Handler<K> };

/** What a group of handlers registered from outside the ledger is built with. */
export interface HandlerKit {
  deps: LedgerDeps;
  poster: Poster;
}
/** Builds the sync channels' handlers (electron/sync/handlers.ts: `syncHandlers`). */
export type SyncHandlersFactory = (kit: HandlerKit) => HandlerGroup<SyncChannel>;
/** Builds the bank channels' handlers (electron/bank/bank.handlers.ts: `bankHandlers`), handed in by the router. */
export type BankHandlersFactory = (kit: HandlerKit) => HandlerGroup<BankChannel>;

/**
 * `ledger.verify`: on a SQLite file in two worker threads over their own connections; an
 * in-memory ledger (which no other connection can open) on this thread. On PostgreSQL the
 * hashing runs on the main thread for now, reading through the async interface.
 */
function verifyFor(deps: LedgerDeps): () => Promise<Output<'ledger.verify'>> {
  const { sqlite } = deps;
  if (sqlite === undefined) return () => verifyLedgerAsync(deps.db);
  return () =>
    sqlite.sqlite.memory ? Promise.resolve(verifyLedger(sqlite)) : verifyLedgerOffThread(sqlite.sqlite.name);
}

/** Builds the handlers over one database. */
export function createHandlers(deps: LedgerDeps, sync: SyncHandlersFactory, bank: BankHandlersFactory): Handlers {
  const poster = createPoster();
  const progress = new ProgressBoard(deps.clock);
  let fontDir = deps.fontDir;
  const fonts = (): string => (fontDir ??= defaultFontDir());
  return {
    'settings.get': (_input, { tx }) => getSettings(tx),
    'settings.update': (input, call) => updateSettings(call, input),

    'clients.create': (input, call) => createClient(call, input),
    'clients.update': (input, call) => updateClient(call, input),
    'clients.get': (input, { tx }) => requireClient(tx, input.clientId),
    'clients.list': (input, { tx }) => listClients(tx, input),

    'packages.create': (input, call) => createPackage(call, input),
    'packages.update': (input, call) => updatePackage(call, input),
    'packages.archive': (input, call) => setArchived(call, input.packageId, true),
    'packages.unarchive': (input, call) => setArchived(call, input.packageId, false),
    'packages.list': (input, { tx }) => listPackages(tx, input),

    'rates.set': (input, call) => setRate(call, input),
    'rates.deactivate': (input, call) => deactivateRate(call, input),
    'rates.list': (input, { tx }) => listRates(tx, input),
    'rates.quote': (input, { tx }) => quote(tx, input),

    'purchases.record': (input, call) => recordPurchase(call, poster, input),

    'requests.submit': (input, call) => submitRequest(call, input),
    'requests.accept': (input, call) => acceptRequest(call, poster, input),
    'requests.reject': (input, call) => rejectRequest(call, input),
    'requests.list': (input, { tx }) => listRequests(tx, input),

    'services.create': (input, call) => createService(call, input),
    'services.update': (input, call) => updateService(call, input),
    'services.list': (input, { tx }) => listServices(tx, input),
    'services.buyWithCredits': (input, call) => buyWithCredits(call, poster, input),

    'invoices.create': (input, call) => createInvoice(call, input),
    'invoices.list': (input, { tx }) => listInvoices(tx, input),
    'invoices.void': (input, call) => voidInvoice(call, input),
    'invoices.payWithCredits': (input, call) => payWithCredits(call, poster, input),

    'transactions.list': (input, { tx }) => listTransactions(tx, input),
    'transactions.adjust': (input, call) => adjust(call, poster, input),

    'ledger.verify': verifyFor(deps),
    'overview.get': (_input, { tx }) => getOverview(tx),
    'audit.list': (input, { tx }) => listAudit(tx, input),

    ...sync({ deps, poster }),
    ...bank({ deps, poster }),
    'statements.get': (input, { tx, nowIso }) => getStatement(tx, input, nowIso),
    // Exports read whole periods: each runs in a worker thread (workers/exports-off-thread.ts).
    'statements.export': (input, { db, nowIso }) =>
      progress.track(input.progressId, (onProgress) =>
        runExport(
          db,
          deps.sqlite,
          {
            kind: 'statement',
            input,
            nowIso,
            ...(input.format === 'pdf' ? { fontDir: fonts() } : {}),
          },
          onProgress,
        ),
      ),
    'ledger.export': (input, { db, nowIso }) =>
      progress.track(input.progressId, (onProgress) =>
        runExport(db, deps.sqlite, { kind: 'ledger', input, nowIso }, onProgress),
      ),
    'requests.export': (input, { db, nowIso }) =>
      progress.track(input.progressId, (onProgress) =>
        runExport(db, deps.sqlite, { kind: 'requests', input, nowIso }, onProgress),
      ),
    'exports.progress': (input) => Promise.resolve(progress.report(input.progressId)),

    ...createBackupHandlers(deps),
    ...createUsersHandlers(),
  };
}
