/**
 * ISO 20022 camt.053 (statement) and camt.054 (debit/credit notification), versions
 * 001.02–001.13. The versions differ in namespace and in a few places we read (v.08+ wrap a
 * party's name in `Pty`, v.02 carries a detail's amount only in `AmtDtls/TxAmt/Amt`, v.08+ put
 * the status in `Sts/Cd`); the reading below accepts every variant, whatever the namespace.
 */
import { bankAmount } from './amount';
import { malformed, StatementError } from './errors';
import { attrAt, child, children, parseXml, textAt, textsAt, type XmlNode } from './xml';
import { addAccount } from './accounts';
import type { BankRow, ParsedStatement, StatementAccount } from './types';

const REPEATING = new Set(['Document', 'Stmt', 'Ntfctn', 'Ntry', 'NtryDtls', 'TxDtls', 'Ustrd', 'Strd', 'AddtlRmtInf']);
const NAMESPACE = /urn:iso:std:iso:20022:tech:xsd:camt\.(05[34])\.001\.(\d{2})/;

/** The camt message and version a text declares, or null when it is not camt.053/054. */
export function camtKind(text: string): { format: 'camt.053' | 'camt.054'; version: string } | null {
  const m = NAMESPACE.exec(text.slice(0, 4096));
  if (m === null) return null;
  return { format: m[1] === '053' ? 'camt.053' : 'camt.054', version: `001.${m[2]}` };
}

function findDocument(root: XmlNode): XmlNode | undefined {
  const direct = child(root, 'Document');
  if (direct !== undefined) return direct;
  // A business-message envelope (BizMsgEnvlp with AppHdr) or a bank's own wrapper: one level down.
  for (const value of Object.values(root)) {
    const doc = child(value, 'Document');
    if (doc !== undefined) return doc;
  }
  return undefined;
}

function dateOf(node: XmlNode | undefined, format: 'camt.053' | 'camt.054', path: string): string | null {
  const raw = textAt(node, 'Dt') ?? textAt(node, 'DtTm');
  if (raw === null) return null;
  // DtTm is the bank's local time with an offset: its calendar day is the bank's booking day.
  const day = raw.slice(0, 10);
  if (!/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/.test(day)) {
    throw malformed(format, path, `"${raw}" is not a date`);
  }
  return day;
}

function partyName(tx: XmlNode | undefined, role: 'Dbtr' | 'Cdtr'): string | null {
  const ultimate = role === 'Dbtr' ? 'UltmtDbtr' : 'UltmtCdtr';
  return (
    textAt(tx, `RltdPties/${role}/Nm`) ??
    textAt(tx, `RltdPties/${role}/Pty/Nm`) ??
    textAt(tx, `RltdPties/${ultimate}/Nm`) ??
    textAt(tx, `RltdPties/${ultimate}/Pty/Nm`)
  );
}

function partyAccount(tx: XmlNode | undefined, role: 'Dbtr' | 'Cdtr'): string | null {
  const iban = textAt(tx, `RltdPties/${role}Acct/Id/IBAN`);
  return iban !== null ? iban.replace(/\s+/g, '') : textAt(tx, `RltdPties/${role}Acct/Id/Othr/Id`);
}

/** Structured creditor references first (they are what a payer's bank carries reliably), then free text. */
function remittanceOf(tx: XmlNode | undefined): string | null {
  const rmt = child(tx, 'RmtInf');
  const parts: string[] = [];
  for (const strd of children(rmt, 'Strd')) {
    const ref = textAt(strd, 'CdtrRefInf/Ref');
    if (ref !== null) parts.push(ref);
    const doc = textAt(strd, 'RfrdDocInf/Nb');
    if (doc !== null) parts.push(doc);
    parts.push(...textsAt(strd, 'AddtlRmtInf'));
  }
  parts.push(...textsAt(rmt, 'Ustrd'));
  return parts.length === 0 ? null : parts.join(' ');
}

function isReversal(text: string | null): boolean {
  return text === 'true' || text === '1';
}

function directionOf(text: string | null, format: 'camt.053' | 'camt.054', path: string): 'credit' | 'debit' {
  if (text === 'CRDT') return 'credit';
  if (text === 'DBIT') return 'debit';
  throw malformed(format, `${path}/CdtDbtInd`, `CdtDbtInd must be CRDT or DBIT, not "${text ?? ''}"`);
}

interface Amount {
  amount: string;
  currency: string;
}

function amountAt(
  node: XmlNode | undefined,
  path: string,
  format: 'camt.053' | 'camt.054',
  where: string,
): Amount | null {
  const text = textAt(node, path);
  if (text === null) return null;
  const currency = attrAt(node, path, 'Ccy');
  if (currency === null) throw malformed(format, `${where}/${path}`, 'the amount has no Ccy attribute');
  const parsed = bankAmount(text, currency);
  if (!parsed.ok) throw malformed(format, `${where}/${path}`, parsed.message);
  return { amount: parsed.amount, currency };
}

/** Reads a camt.053/054 text (already decoded) into rows; refuses anything it cannot read, saying where. */
export function parseCamt(text: string): ParsedStatement {
  const kind = camtKind(text);
  if (kind === null) {
    throw new StatementError('UNSUPPORTED_VERSION', 'The XML is not a camt.053 or camt.054 message (001.02–001.13).');
  }
  const { format, version } = kind;
  const minor = Number(version.slice(4));
  if (minor < 2 || minor > 13) {
    throw new StatementError(
      'UNSUPPORTED_VERSION',
      `${format}.${version} is not a version Credit Desk reads (001.02–001.13).`,
      null,
      format,
    );
  }
  const root = parseXml(text, format, REPEATING);
  const doc = findDocument(root);
  const message = format === 'camt.053' ? child(doc, 'BkToCstmrStmt') : child(doc, 'BkToCstmrDbtCdtNtfctn');
  const blockName = format === 'camt.053' ? 'Stmt' : 'Ntfctn';
  if (message === undefined) {
    throw malformed(format, 'Document', `the ${format} message element is missing`);
  }
  const rows: BankRow[] = [];
  const accounts: StatementAccount[] = [];
  children(message, blockName).forEach((block, s) => {
    const blockPath = `${blockName}[${s + 1}]`;
    const iban = textAt(block, 'Acct/Id/IBAN');
    const accountId = iban !== null ? iban.replace(/\s+/g, '') : textAt(block, 'Acct/Id/Othr/Id');
    if (accountId === null) throw malformed(format, `${blockPath}/Acct`, 'the statement names no account');
    addAccount(accounts, accountId, textAt(block, 'Acct/Ccy'));
    children(block, 'Ntry').forEach((entry, n) => {
      rows.push(...entryRows(entry, `${blockPath}/Ntry[${n + 1}]`, accountId, format));
    });
  });
  return { format, version, accounts, rows };
}

function entryRows(entry: XmlNode, path: string, accountId: string, format: 'camt.053' | 'camt.054'): BankRow[] {
  // Pending and information-only entries may still change or vanish: only booked money is imported.
  const status = textAt(entry, 'Sts/Cd') ?? textAt(entry, 'Sts');
  if (status !== null && status !== 'BOOK') return [];
  const booked = amountAt(entry, 'Amt', format, path);
  if (booked === null) throw malformed(format, `${path}/Amt`, 'the entry has no amount');
  const direction = directionOf(textAt(entry, 'CdtDbtInd'), format, path);
  const base = {
    accountId,
    reversal: isReversal(textAt(entry, 'RvslInd')),
    bookingDate: dateOf(child(entry, 'BookgDt'), format, `${path}/BookgDt`),
    valueDate: dateOf(child(entry, 'ValDt'), format, `${path}/ValDt`),
    entryReference: textAt(entry, 'NtryRef'),
  };
  const entryRef = textAt(entry, 'AcctSvcrRef');
  const details = children(entry, 'NtryDtls').flatMap((d, i) =>
    children(d, 'TxDtls').map((tx, j) => ({ tx, path: `${path}/NtryDtls[${i + 1}]/TxDtls[${j + 1}]` })),
  );
  const entryInfo = textAt(entry, 'AddtlNtryInf');

  const rowFor = (
    tx: XmlNode | undefined,
    where: string,
    amount: Amount,
    dir: 'credit' | 'debit',
    id: string | null,
  ) => {
    const role = dir === 'credit' ? 'Dbtr' : 'Cdtr';
    const e2e = textAt(tx, 'Refs/EndToEndId');
    const txRef = textAt(tx, 'Refs/AcctSvcrRef');
    return {
      ...base,
      direction: dir,
      amount: amount.amount,
      currency: amount.currency,
      bankReference: txRef ?? entryRef,
      // Payers' banks fill EndToEndId with NOTPROVIDED when the payer gave none.
      endToEndId: e2e === null || e2e.toUpperCase() === 'NOTPROVIDED' ? null : e2e,
      remittance: remittanceOf(tx) ?? textAt(tx, 'AddtlTxInf') ?? entryInfo,
      payerName: partyName(tx, role),
      payerAccount: partyAccount(tx, role),
      bankId: txRef ?? id,
      sourceLocation: where,
    } satisfies BankRow;
  };

  const entryId = entryRef ?? base.entryReference;
  if (details.length <= 1) return [rowFor(details[0]?.tx, details[0]?.path ?? path, booked, direction, entryId)];

  const amounts = details.map(
    (d) => amountAt(d.tx, 'Amt', format, d.path) ?? amountAt(d.tx, 'AmtDtls/TxAmt/Amt', format, d.path),
  );
  if (amounts.some((a) => a === null)) {
    // A batch whose details carry no amounts cannot be split honestly: keep it as the one booked entry.
    const remittance = details.map((d) => remittanceOf(d.tx)).filter((r) => r !== null);
    const row = rowFor(undefined, path, booked, direction, entryId);
    return [{ ...row, remittance: remittance.length > 0 ? remittance.join(' | ') : row.remittance }];
  }
  return details.map((d, i) => {
    const dir = textAt(d.tx, 'CdtDbtInd') === null ? direction : directionOf(textAt(d.tx, 'CdtDbtInd'), format, d.path);
    // Details of one batch share the entry's reference: the detail's position makes each id unique.
    return rowFor(d.tx, d.path, amounts[i]!, dir, entryId === null ? null : `${entryId}#${i + 1}`);
  });
}
