/** Wire types of the bank-statement channels (PRODUCT F15). */

/** A statement format Credit Desk reads. */
export type BankStatementFormat = 'camt.053' | 'camt.054' | 'mt940' | 'ofx' | 'csv';

/** What `bank.import` read and stored. */
export interface BankImportResult {
  importId: number;
  format: BankStatementFormat;
  /** Rows the file held. */
  transactions: number;
  /** Rows stored now: never seen before. */
  new: number;
  /** Rows already stored by an earlier import (the same file, or an overlapping statement). */
  duplicates: number;
  /**
   * Addition to F15: rows whose key is known but whose amount differs. Stored beside the first,
   * flagged, never merged and never proposed; staff look at them.
   */
  flagged: number;
  /** New credits with at least one pending request proposed. */
  proposed: number;
}

/** Why a request is proposed for a credit. */
export interface BankProposalReason {
  code: 'amount' | 'reference' | 'payer_name' | 'date';
  points: number;
  detail: string;
}

/** A pending request a credit may pay, with what the page shows about it. */
export interface BankProposal {
  requestId: number;
  score: number;
  reasons: BankProposalReason[];
  /** Additions to F15, so the page needs no second call. */
  clientId: number;
  clientName: string;
  paymentReference: string | null;
  credits: number;
  /** The client's balance now, and after accepting this request. */
  balance: number;
  balanceAfter: number;
}

/** Status of a bank transaction: `proposed` is an unmatched credit with proposals, computed when read. */
export type BankTransactionStatus = 'unmatched' | 'proposed' | 'matched' | 'ignored';

/** One bank transaction (F15 fields, plus the flag and decision details). */
export interface BankTransaction {
  id: number;
  importId: number;
  accountId: string;
  direction: 'credit' | 'debit';
  reversal: boolean;
  amount: string;
  currency: string;
  bookingDate: string | null;
  valueDate: string | null;
  bankReference: string | null;
  remittance: string | null;
  payerName: string | null;
  payerAccount: string | null;
  status: BankTransactionStatus;
  proposals: BankProposal[];
  requestId: number | null;
  /** The earlier transaction with the same key but another amount, when this one is flagged. */
  flaggedOf: number | null;
  ignoreReason: string | null;
  decidedAt: string | null;
  decidedBy: string | null;
}

/** A saved CSV column mapping (see electron/bank/csv.mapping.ts CsvMapping). */
export interface BankCsvMappingRecord {
  accountId: string;
  mapping: Record<string, unknown>;
  updatedAt: string;
  updatedBy: string;
}

/** One row of a CSV preview: as `bank.import` would read it. */
export interface BankCsvPreviewRow {
  direction: 'credit' | 'debit';
  amount: string;
  currency: string;
  bookingDate: string | null;
  valueDate: string | null;
  reference: string | null;
  bankReference: string | null;
  payerName: string | null;
  payerAccount: string | null;
  remittance: string | null;
  sourceLocation: string;
}

/** What `bank.csvPreview` returns: the mapping used and the first rows read with it. */
export interface BankCsvPreview {
  /** The mapping given, else the account's saved one, else one guessed from the file. */
  mapping: Record<string, unknown>;
  /** Where `mapping` came from. */
  source: 'given' | 'saved' | 'guessed';
  /** The header row's cells under that mapping (empty without a header). */
  header: string[];
  /** The first 20 rows. */
  rows: BankCsvPreviewRow[];
  /** Why no rows could be read (an incomplete mapping), or null. */
  problem: string | null;
  /** Lines among the first ones that could not be read. */
  errors: { line: number; message: string }[];
}
