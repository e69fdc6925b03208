/** The bank-statement module's public surface: parsers, the import key and the matching scorer. */
export type { BankRow, ParsedStatement, StatementAccount, StatementFormat } from './types';
export { StatementError, type StatementErrorCode } from './errors';
export { MAX_STATEMENT_BYTES } from './text';
export { detectFormat } from './detect';
export { parseStatement, type ParseOptions } from './parse';
export { CSV_DATE_FORMATS, checkCsvMapping, type CsvColumn, type CsvDateFormat, type CsvMapping } from './csv.mapping';
export { guessCsvMapping, previewCsv, type CsvPreview } from './csv.guess';
export { baseImportKey, importKeys, type ImportKey } from './import-key';
export {
  indexRequests,
  isMatchCandidate,
  MATCH_POINTS,
  normaliseReference,
  proposeMatches,
  type PendingRequest,
  type Proposal,
  type ProposalReason,
  type RequestIndex,
} from './matching';
