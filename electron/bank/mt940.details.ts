/**
 * MT940 field :86: (information to the account owner). Three shapes occur:
 * - German/Austrian structured: a 3-digit transaction code, then `?NN` subfields (?00 booking
 *   text, ?20–?29 and ?60–?63 remittance, ?30 payer bank, ?31 payer account, ?32–?33 payer name);
 *   SEPA keywords (EREF+, SVWZ+, …) inside the remittance lines.
 * - Dutch and SWIFT-style slash codes: /EREF/…/REMI/…/NAME/…/IBAN/… (ING: /CNTP/iban/bic/name/city/).
 * - Free text.
 */

/** What :86: tells about a transaction. */
export interface Mt940Details {
  remittance: string | null;
  payerName: string | null;
  payerAccount: string | null;
  endToEndId: string | null;
}

const SUBFIELD_WIDTH = 27;
const SEPA_KEYWORD = /^(EREF|KREF|MREF|CRED|DEBT|SVWZ|ABWA|ABWE|IBAN|BIC|COAM|OAMT)\+/;
const SLASH_CODES = [
  'EREF',
  'REMI',
  'NAME',
  'IBAN',
  'BIC',
  'CNTP',
  'TRTP',
  'MARF',
  'CSID',
  'ORDP',
  'BENM',
  'ADDR',
  'RTRN',
  'PREF',
  'ISDT',
  'ULTC',
  'ULTD',
  'PURP',
  'BUSP',
  'SVCL',
  'CDTRREFTP',
  'CDTRREF',
  'FX',
];

function clean(s: string | undefined | null): string | null {
  if (s === undefined || s === null) return null;
  const t = s.replace(/\s+/g, ' ').trim();
  return t === '' ? null : t;
}

function noPlaceholder(s: string | null): string | null {
  return s === null || /^(NOTPROVIDED|NONREF)$/i.test(s) ? null : s;
}

/** Joins fixed-width pieces: a full-width piece was cut mid-word, a shorter one ended at a space. */
function joinPieces(pieces: string[], width: number): string {
  let out = '';
  pieces.forEach((p, i) => {
    out += i === 0 ? p : (pieces[i - 1]!.length >= width ? '' : ' ') + p;
  });
  return out;
}

function parseQuestionMarkFields(text: string, sep: string): Mt940Details {
  const fields = new Map<number, string[]>();
  const re = new RegExp(`\\${sep}(\\d{2})`, 'g');
  const marks = [...text.matchAll(re)];
  marks.forEach((m, i) => {
    const end = marks[i + 1]?.index ?? text.length;
    const key = Number(m[1]);
    const list = fields.get(key) ?? [];
    list.push(text.slice(m.index + 3, end));
    fields.set(key, list);
  });
  const lines: string[] = [];
  for (const key of [20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 60, 61, 62, 63]) lines.push(...(fields.get(key) ?? []));
  // Group the remittance lines by SEPA keyword: a keyword starts a new segment, other lines continue it.
  const segments: { key: string | null; pieces: string[] }[] = [];
  for (const line of lines) {
    const kw = SEPA_KEYWORD.exec(line);
    if (kw !== null || segments.length === 0) segments.push({ key: kw?.[1] ?? null, pieces: [line] });
    else segments[segments.length - 1]!.pieces.push(line);
  }
  const seg = (key: string | null) => {
    const s = segments.find((x) => x.key === key);
    if (s === undefined) return null;
    const joined = joinPieces(s.pieces, SUBFIELD_WIDTH);
    return clean(key === null ? joined : joined.slice(key.length + 1));
  };
  const hasKeywords = segments.some((s) => s.key !== null);
  const remittance = hasKeywords ? (seg('SVWZ') ?? seg(null)) : clean(joinPieces(lines, SUBFIELD_WIDTH));
  return {
    remittance,
    payerName: clean(joinPieces([...(fields.get(32) ?? []), ...(fields.get(33) ?? [])], SUBFIELD_WIDTH)),
    payerAccount: clean(fields.get(31)?.join('')),
    endToEndId: noPlaceholder(seg('EREF')),
  };
}

function parseSlashCodes(text: string): Mt940Details {
  const re = new RegExp(`/(${SLASH_CODES.join('|')})/`, 'g');
  const marks = [...text.matchAll(re)];
  const values = new Map<string, string>();
  marks.forEach((m, i) => {
    const end = marks[i + 1]?.index ?? text.length;
    if (!values.has(m[1]!)) values.set(m[1]!, text.slice(m.index + m[0].length, end));
  });
  const value = (code: string) => clean(values.get(code)?.replace(/^\/+|\/+$/g, ''));
  // ING's counterparty: /CNTP/<iban>/<bic>/<name>/<city>/
  const cntp = values.get('CNTP')?.split('/');
  // REMI is "USTD//free text/" or "STRD/CUR/reference/" (ING), or plain text (ABN AMRO).
  const remi = value('REMI')?.replace(/^(USTD\/\/?|STRD\/(CUR|ISO)?\/?)/, '') ?? null;
  return {
    remittance: clean(remi?.replace(/\/+$/, '')),
    payerName: value('NAME') ?? clean(cntp?.[2]),
    payerAccount: value('IBAN') ?? clean(cntp?.[0]),
    endToEndId: noPlaceholder(value('EREF')),
  };
}

/** Reads a :86: field from its raw lines (without the ":86:" tag). */
export function parseMt940Details(lines: string[]): Mt940Details {
  const first = lines[0] ?? '';
  const structured = /^\d{3}([?~>^<|])\d{2}/.exec(first);
  if (structured !== null) return parseQuestionMarkFields(lines.join(''), structured[1]!);
  const joined = joinPieces(lines, 65);
  if (new RegExp(`^/(${SLASH_CODES.join('|')})/`).test(joined.trim())) return parseSlashCodes(lines.join(''));
  return { remittance: clean(joined), payerName: null, payerAccount: null, endToEndId: null };
}
