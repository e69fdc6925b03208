/** Shared helpers for the bank-statement tests: fixture bytes and the thrown StatementError. */
import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import { StatementError } from '../../electron/bank/errors';

/** The exact bytes of a fixture under tests/bank/fixtures. */
export function fixture(path: string): Buffer {
  return readFileSync(new URL(`./fixtures/${path}`, import.meta.url));
}

/** Runs `fn`, expects it to throw a StatementError, and returns it for closer checks. */
export function refusal(fn: () => unknown): StatementError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(StatementError);
    return e as StatementError;
  }
  throw new Error('expected a StatementError, but nothing was thrown');
}

/** A camt document of `format` and `version` around `stmtBody` (the statement's inner XML). */
export function camtDocument(format: '053' | '054', version: string, stmtBody: string): string {
  const message = format === '053' ? 'BkToCstmrStmt' : 'BkToCstmrDbtCdtNtfctn';
  const block = format === '053' ? 'Stmt' : 'Ntfctn';
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n` +
    `<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.${format}.001.${version}">\n` +
    `<${message}><GrpHdr><MsgId>G</MsgId><CreDtTm>2026-01-01T00:00:00</CreDtTm></GrpHdr>\n` +
    `<${block}><Id>S</Id><Acct><Id><IBAN>DE89370400440532013000</IBAN></Id></Acct>\n${stmtBody}\n</${block}>\n` +
    `</${message}>\n</Document>\n`
  );
}
