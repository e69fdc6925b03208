/**
 * The statement and export channels (PRODUCT F10), spread into the contract by
 * shared/contract.ts. Exports are tasks: they run in chunks outside any transaction, yielding
 * between chunks, and report progress under the caller's `progressId`.
 */
import * as z from 'zod';
import type { ContractPart } from './roles';
import { id, periodEdge, progressId, requestStatus, statementFormat } from './fields';
import type { ExportFile, ExportProgressReport, Statement } from './statements';

/** The statement and export channels' input schemas. */
export const statementsContract = {
  'statements.get': {
    mutates: false,
    role: 'viewer',
    input: () => z.strictObject({ clientId: id, from: periodEdge, to: periodEdge }),
  },
  'statements.export': {
    mutates: false,
    role: 'viewer',
    task: true,
    input: () =>
      z.strictObject({
        clientId: id,
        from: periodEdge,
        to: periodEdge,
        format: statementFormat,
        progressId: progressId.optional(),
      }),
  },
  'ledger.export': {
    mutates: false,
    role: 'viewer',
    task: true,
    input: () => z.strictObject({ from: periodEdge, to: periodEdge, progressId: progressId.optional() }),
  },
  'requests.export': {
    mutates: false,
    role: 'viewer',
    task: true,
    input: () =>
      z.strictObject({
        status: requestStatus.optional(),
        clientId: id.optional(),
        progressId: progressId.optional(),
      }),
  },
  'exports.progress': { mutates: false, role: 'viewer', input: () => z.strictObject({ progressId }) },
} as const satisfies ContractPart;

/** The statement and export channels' result types. */
export interface StatementsOutputs {
  'statements.get': Statement;
  'statements.export': ExportFile;
  'ledger.export': ExportFile;
  'requests.export': ExportFile;
  'exports.progress': ExportProgressReport;
}
