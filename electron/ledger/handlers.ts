/**
 * The handler map: one function per channel of the contract. Typed from the contract, so a
 * missing or misspelt handler is a compile error. Each handler gets validated input and the
 * call context (transaction, actor, now); the router owns validation, the transaction and
 * idempotency.
 */
import type { Channel, contract, Output, ParsedInput } from '../../shared/contract';
import type { LedgerDeps } from './context';
import type { Call, TaskCall } from './context';
import { createBackupHandlers } from '../backup/backup.handlers';
import { createService, listServices, updateService } from './catalog.service';
import { createClient, listClients, requireClient, updateClient } from './clients.service';
import { createInvoice, listInvoices, voidInvoice } from './invoices.service';
import { createPackage, listPackages, setArchived, updatePackage } from './packages.service';
import { createPoster } from './posting';
import { recordPurchase } from './purchases.service';
import { deactivateRate, listRates, quote, setRate } from './rates.service';
import { acceptRequest, listRequests, rejectRequest, submitRequest } from './requests.service';
import { getSettings, updateSettings } from './settings.service';
import { buyWithCredits, payWithCredits } from './spending.service';
import { adjust, listTransactions } from './transactions.service';
import { verifyLedger } from './verify.service';
import { getOverview } from './overview.service';
import { listAudit } from './audit-log.service';
import { createSyncHandlers } from '../sync/handlers';
import { exportLedger, exportRequests, exportStatement, toExportFile } from './exports.service';
import { ProgressBoard } from './progress';
import { defaultFontDir } from './statement-pdf';
import { getStatement } from './statements.service';

/** A handler for channel `C`: synchronous inside the router's transaction, or an async task. */
export type Handler<C extends Channel> = (typeof contract)[C] extends { task: true }
  ? (input: ParsedInput<C>, call: TaskCall) => Promise<Output<C>>
  : (input: ParsedInput<C>, call: Call) => Output<C>;
/** One handler per channel. */
export type Handlers = { [C in Channel]: Handler<C> };

/** Builds the handlers over one database. */
export function createHandlers(deps: LedgerDeps): Handlers {
  const poster = createPoster(deps.db);
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

    'ledger.verify': () => verifyLedger(deps.db),
    'overview.get': (_input, { tx }) => getOverview(tx),
    'audit.list': (input, { tx }) => listAudit(tx, input),

    ...createSyncHandlers(deps, poster),
    'statements.get': (input, { tx, nowIso }) => getStatement(tx, input, nowIso),
    'statements.export': (input, { db, nowIso }) =>
      progress.track(input.progressId, (onProgress) =>
        toExportFile((sink) =>
          exportStatement(db, input, nowIso, sink, {
            onProgress,
            ...(input.format === 'pdf' ? { fontDir: fonts() } : {}),
          }),
        ),
      ),
    'ledger.export': (input, { db, nowIso }) =>
      progress.track(input.progressId, (onProgress) =>
        toExportFile((sink) => exportLedger(db, input, nowIso, sink, { onProgress })),
      ),
    'requests.export': (input, { db, nowIso }) =>
      progress.track(input.progressId, (onProgress) =>
        toExportFile((sink) => exportRequests(db, input, nowIso, sink, { onProgress })),
      ),
    'exports.progress': (input) => progress.report(input.progressId),

    ...createBackupHandlers(deps),
  };
}
