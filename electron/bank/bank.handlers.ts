/**
 * The `bank.*` handlers. The router registers them (`createRouter({ bank })`, defaulting to
 * these): the ledger never imports bank.
 */
import type { BankChannel } from '../../shared/contract.bank';
import type { HandlerGroup, HandlerKit } from '../ledger/handlers';
import { importStatement } from './bank.import';
import { confirmMatch, ignoreTransaction, listBankTransactions } from './bank.service';
import { listCsvMappings, saveCsvMapping } from './csv-mappings.service';
import { previewCsvFile } from './csv-preview.service';

/** Builds the bank handlers. */
export function bankHandlers({ poster }: HandlerKit): HandlerGroup<BankChannel> {
  return {
    'bank.import': (input, call) => importStatement(call, input),
    'bank.transactions.list': (input, { tx }) => listBankTransactions(tx, input),
    'bank.match.confirm': (input, call) => confirmMatch(call, poster, input),
    'bank.match.ignore': (input, call) => ignoreTransaction(call, input),
    'bank.csvMappings.save': (input, call) => saveCsvMapping(call, input),
    'bank.csvMappings.list': (_input, { tx }) => listCsvMappings(tx),
    'bank.csvPreview': (input, { tx }) => previewCsvFile(tx, input),
  };
}
