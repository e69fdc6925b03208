/**
 * OFX and Quicken's QFX: 1.x (SGML: "KEY:VALUE" headers, leaf tags never closed, sometimes all
 * on one line) and 2.x (XML). One tolerant tokenizer reads both: a tag followed by text is a
 * leaf, a tag followed by another tag opens an aggregate, and a closing tag closes the nearest
 * open aggregate of that name (closing tags of leaves are skipped). FITID is unique only within
 * an account, so every row carries the account it came from.
 */
import { bankAmount, splitSigned } from './amount';
import { malformed } from './errors';
import { decodeText, xmlDeclaredEncoding } from './text';
import { decodeEntities, refuseDeclarations } from './xml';
import { addAccount } from './accounts';
import type { BankRow, ParsedStatement, StatementAccount } from './types';

/** An OFX element: a leaf has text, an aggregate has children. */
interface OfxNode {
  name: string;
  text: string | null;
  children: OfxNode[];
  line: number;
}

const TOKEN = /<(\/?)([A-Za-z][A-Za-z0-9._]*)[^>]*>([^<]*)|<!--[\s\S]*?-->|<\?[\s\S]*?\?>/g;

/**
 * The encoding an OFX file holds itself to: 2.x's XML declaration, or 1.x's `ENCODING:UTF-8`.
 * 1.x's `CHARSET:1252` is not trusted: banks write it in front of UTF-8 text, so such a file is
 * read like undeclared text (UTF-8 when valid, else Windows-1252).
 */
function ofxEncoding(bytes: Uint8Array): string | null {
  const xml = xmlDeclaredEncoding(bytes);
  if (xml !== null) return xml;
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 1024));
  return /^\s*ENCODING:\s*UTF-?8/im.test(head) ? 'utf-8' : null;
}

/** OFX nests about 8 deep; far deeper is an attack on the reader (and on recursive look-ups). */
const MAX_DEPTH = 64;

function tokenize(text: string): OfxNode {
  const body = text.indexOf('<');
  if (body === -1) throw malformed('ofx', 'line 1', 'no <OFX> element found');
  const root: OfxNode = { name: '#root', text: null, children: [], line: 1 };
  const stack: OfxNode[] = [root];
  let line = 1;
  let lastIndex = 0;
  let closed = false;
  TOKEN.lastIndex = body;
  for (let m = TOKEN.exec(text); m !== null; m = TOKEN.exec(text)) {
    // Count only the characters since the last tag: searching ahead for "\n" would rescan the
    // rest of a one-line file at every tag.
    for (let i = lastIndex; i < m.index; i++) if (text.charCodeAt(i) === 10) line++;
    lastIndex = m.index;
    const name = m[2];
    if (name === undefined) continue; // a comment or processing instruction
    const upper = name.toUpperCase();
    if (m[1] === '/') {
      if (upper === 'OFX') closed = true;
      const at = stack.map((n) => n.name).lastIndexOf(upper);
      if (at > 0) stack.length = at;
      continue;
    }
    const value = decodeEntities(m[3] ?? '').trim();
    const node: OfxNode = { name: upper, text: value === '' ? null : value, children: [], line };
    stack[stack.length - 1]!.children.push(node);
    if (value === '') {
      if (stack.length > MAX_DEPTH) {
        throw malformed(
          'ofx',
          `line ${line}`,
          `the file is nested more than ${MAX_DEPTH} aggregates deep; no statement is`,
        );
      }
      stack.push(node);
    }
  }
  // Every OFX file, SGML or XML, ends by closing <OFX>: without it the file was cut short.
  if (!closed) throw malformed('ofx', `line ${line}`, 'the file ends before </OFX>: it is truncated');
  return root;
}

/** Every descendant named `name`, not looking inside a match. */
function findAll(node: OfxNode, name: string): OfxNode[] {
  const out: OfxNode[] = [];
  for (const c of node.children) {
    if (c.name === name) out.push(c);
    else out.push(...findAll(c, name));
  }
  return out;
}

function leaf(node: OfxNode | undefined, name: string): string | null {
  if (node === undefined) return null;
  for (const c of node.children) {
    if (c.name === name && c.text !== null) return c.text;
    if (c.name !== 'STMTTRN' && c.children.length > 0) {
      const inner = leaf(c, name);
      if (inner !== null) return inner;
    }
  }
  return null;
}

function ofxDate(raw: string | null, where: string): string | null {
  if (raw === null) return null;
  // YYYYMMDD[HHMMSS[.XXX]][[gmt offset:tz]]: the first eight digits are the institution's day.
  const m = /^(\d{4})(\d{2})(\d{2})/.exec(raw);
  if (m === null || Number(m[2]) < 1 || Number(m[2]) > 12 || Number(m[3]) < 1 || Number(m[3]) > 31) {
    throw malformed('ofx', where, `"${raw}" is not an OFX date`);
  }
  return `${m[1]}-${m[2]}-${m[3]}`;
}

/** Reads an OFX/QFX file (bytes) into rows. */
export function parseOfx(bytes: Uint8Array): ParsedStatement {
  return parseOfxText(decodeText(bytes, ofxEncoding(bytes)));
}

/** Reads OFX text (already decoded) into rows. */
export function parseOfxText(text: string): ParsedStatement {
  // The tokenizer would skip a DOCTYPE and leave "&xxe;" as text, but such a file is refused
  // outright, as a camt file is (README: no entity expansion, no external entities, ever).
  refuseDeclarations(text, 'ofx');
  const root = tokenize(text);
  const ofx = findAll(root, 'OFX')[0];
  if (ofx === undefined) throw malformed('ofx', 'line 1', 'no <OFX> element found');
  const statements = [...findAll(ofx, 'STMTRS'), ...findAll(ofx, 'CCSTMTRS')];
  if (statements.length === 0 && findAll(ofx, 'STMTTRN').length > 0) {
    throw malformed('ofx', `line ${findAll(ofx, 'STMTTRN')[0]!.line}`, 'transactions outside a <STMTRS> statement');
  }
  const rows: BankRow[] = [];
  const accounts: StatementAccount[] = [];
  for (const stmt of statements) {
    const from = findAll(stmt, 'BANKACCTFROM')[0] ?? findAll(stmt, 'CCACCTFROM')[0];
    const acct = leaf(from, 'ACCTID');
    if (acct === null) throw malformed('ofx', `line ${stmt.line}`, 'the statement has no <ACCTID>');
    const bank = leaf(from, 'BANKID');
    const accountId = bank === null ? acct : `${bank}/${acct}`;
    const curdef = leaf(stmt, 'CURDEF');
    addAccount(accounts, accountId, curdef?.toUpperCase() ?? null);
    for (const trn of findAll(stmt, 'STMTTRN')) rows.push(transaction(trn, accountId, curdef));
  }
  return { format: 'ofx', version: null, accounts, rows };
}

function transaction(trn: OfxNode, accountId: string, curdef: string | null): BankRow {
  const where = `line ${trn.line}`;
  // <CURRENCY> means the amounts are in that currency; <ORIGCURRENCY> only says where they came from.
  const currencyAgg = trn.children.find((c) => c.name === 'CURRENCY');
  const currency = (leaf(currencyAgg, 'CURSYM') ?? curdef)?.toUpperCase() ?? null;
  if (currency === null) throw malformed('ofx', where, 'no <CURDEF> or <CURRENCY> for the transaction');
  const rawAmount = leaf(trn, 'TRNAMT');
  if (rawAmount === null) throw malformed('ofx', where, 'the transaction has no <TRNAMT>');
  // OFX wants "1250.00", but some banks write a decimal comma or group thousands: the last
  // separator is the decimal one, the other (if any) groups thousands.
  const decimal = rawAmount.lastIndexOf(',') > rawAmount.lastIndexOf('.') ? ',' : '.';
  const other = decimal === ',' ? '.' : ',';
  const signed = splitSigned(rawAmount, decimal, rawAmount.includes(other) ? other : '');
  if (signed === null) throw malformed('ofx', where, `<TRNAMT> "${rawAmount}" is not an amount`);
  const amount = bankAmount(signed.digits, currency);
  if (!amount.ok) throw malformed('ofx', where, amount.message);
  const fitid = leaf(trn, 'FITID');
  const payee = trn.children.find((c) => c.name === 'PAYEE');
  const to = trn.children.find((c) => c.name === 'BANKACCTTO' || c.name === 'CCACCTTO');
  return {
    accountId,
    direction: signed.negative ? 'debit' : 'credit',
    // A correction that deletes an earlier transaction is never a payment to match.
    reversal: leaf(trn, 'CORRECTACTION') === 'DELETE',
    amount: amount.amount,
    currency,
    bookingDate: ofxDate(leaf(trn, 'DTPOSTED'), where),
    valueDate: ofxDate(leaf(trn, 'DTAVAIL'), where),
    bankReference: fitid,
    entryReference: leaf(trn, 'REFNUM') ?? leaf(trn, 'CHECKNUM') ?? leaf(trn, 'SRVRTID'),
    endToEndId: null,
    remittance: leaf(trn, 'MEMO'),
    payerName: leaf(trn, 'NAME') ?? leaf(payee, 'NAME') ?? leaf(trn, 'EXTDNAME'),
    payerAccount: leaf(to, 'ACCTID'),
    bankId: fitid,
    sourceLocation: where,
  };
}

/** True when the text head looks like OFX (1.x header or 2.x processing instruction, or an <OFX> root). */
export function looksLikeOfx(head: string): boolean {
  return /OFXHEADER\s*[:=]/i.test(head) || /<OFX>/i.test(head);
}
