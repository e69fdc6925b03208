/**
 * The one row every statement format is read into (PRODUCT F15). Parsers are pure: bytes in,
 * rows out; storing, de-duplicating and matching build on these rows.
 */

/** The formats Credit Desk reads. camt.053 is the end-of-day statement, camt.054 the debit/credit notification. */
export type StatementFormat = 'camt.053' | 'camt.054' | 'mt940' | 'ofx' | 'csv';

/** One bank transaction, whatever file it came from. Text fields are trimmed; absent ones are null. */
export interface BankRow {
  /** The account the statement is for: an IBAN when the bank gives one, else the bank's account id. */
  accountId: string;
  /** Money in (credit) or out (debit) of `accountId`, as booked by this entry. */
  direction: 'credit' | 'debit';
  /** The entry undoes an earlier one (camt RvslInd, MT940 RC/RD): never a payment to match. */
  reversal: boolean;
  /** Exact positive decimal with exactly the currency's minor digits ("12.50", "1000" JPY, "1.250" KWD). */
  amount: string;
  /** ISO 4217 code. */
  currency: string;
  /** YYYY-MM-DD as the bank wrote it (its own calendar day), or null. */
  bookingDate: string | null;
  /** YYYY-MM-DD, or null. */
  valueDate: string | null;
  /** The bank's own reference for the transaction (camt AcctSvcrRef, MT940 `//` reference, OFX FITID). */
  bankReference: string | null;
  /** The entry's reference (camt NtryRef, MT940 customer reference, OFX REFNUM/CHECKNUM, CSV reference column). */
  entryReference: string | null;
  /** The payer's end-to-end id (camt EndToEndId, MT940 EREF+ / /EREF/). */
  endToEndId: string | null;
  /** What the payer wrote: structured creditor references and unstructured lines, joined by " ". */
  remittance: string | null;
  /** The counterparty: the payer of a credit, the payee of a debit. */
  payerName: string | null;
  /** The counterparty's account: IBAN or other id. */
  payerAccount: string | null;
  /**
   * The bank's unique id for this transaction as the import key uses it (transaction-level
   * AcctSvcrRef, else entry-level, else NtryRef; MT940 `//` reference; OFX FITID; a CSV
   * transaction-id column), or null when the file has none and the key falls back to a hash.
   */
  bankId: string | null;
  /** Where the row came from, for people: "line 14" or "Stmt[1]/Ntry[3]/NtryDtls[1]/TxDtls[2]". */
  sourceLocation: string;
}

/** An account a statement covers (camt Acct, MT940 :25:, OFX BANKACCTFROM, a CSV mapping's account). */
export interface StatementAccount {
  accountId: string;
  currency: string | null;
}

/** What {@link parseStatement} returns for a readable file. */
export interface ParsedStatement {
  format: StatementFormat;
  /** The camt message version ("001.08"), or null for other formats. */
  version: string | null;
  /** The accounts the file is about, in file order, each with its currency when the file names one. */
  accounts: StatementAccount[];
  rows: BankRow[];
}
