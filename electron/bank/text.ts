/**
 * Bytes → text, refusing what is not a text statement before any parser sees it.
 *
 * Encoding rules (decided here, documented in the README):
 * - A UTF-16 (LE or BE) or UTF-8 byte-order mark wins: Windows tools save "Unicode" CSV as UTF-16.
 * - A declared encoding (XML `encoding=`, OFX 1.x `CHARSET:`) is honoured strictly: Latin-1 bytes
 *   in a file that declares UTF-8 are refused with the line, because the same bytes would decode
 *   differently elsewhere and a payer's name must not change between imports.
 * - Undeclared text (MT940, CSV, OFX without CHARSET) is UTF-8 when it is valid UTF-8, otherwise
 *   Windows-1252, the code page banks' Latin-1 exports actually use (it is a superset of ISO-8859-1's
 *   printable range).
 */
import { isUtf8 } from 'node:buffer';
import { StatementError } from './errors';

/** Files larger than this are refused before they are decoded, so memory stays bounded. */
export const MAX_STATEMENT_BYTES = 50 * 1024 * 1024;

const LATIN1_NAMES = new Set(['iso-8859-1', 'iso8859-1', 'latin1', 'latin-1', 'windows-1252', 'cp1252', '1252']);
const UTF8_NAMES = new Set(['utf-8', 'utf8']);

/** Refuses an empty or oversized file; cheap, so it runs first. */
export function checkSize(bytes: Uint8Array): void {
  if (bytes.length > MAX_STATEMENT_BYTES) {
    const mb = (bytes.length / (1024 * 1024)).toFixed(0);
    throw new StatementError(
      'TOO_LARGE',
      `The file is ${mb} MB; statements over ${MAX_STATEMENT_BYTES / (1024 * 1024)} MB are refused. Export a shorter period.`,
    );
  }
  if (bytes.length === 0) throw new StatementError('EMPTY', 'The file is empty.');
}

type Bom = 'utf-8' | 'utf-16le' | 'utf-16be' | null;

function bomOf(bytes: Uint8Array): Bom {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return null;
}

function startsWith(bytes: Uint8Array, magic: number[]): boolean {
  return magic.every((b, i) => bytes[i] === b);
}

/** Refuses archives, PDFs, spreadsheets and other binary data with a hint of what to do instead. */
export function refuseBinary(bytes: Uint8Array): void {
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) {
    throw new StatementError('BINARY', 'The file is a ZIP archive (or an Excel workbook): unzip it, or export CSV.');
  }
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46])) {
    throw new StatementError('BINARY', 'The file is a PDF: ask the bank for a camt.053, MT940, OFX or CSV export.');
  }
  if (startsWith(bytes, [0x1f, 0x8b]))
    throw new StatementError('BINARY', 'The file is gzip-compressed: unpack it first.');
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0])) {
    throw new StatementError('BINARY', 'The file is an old Excel or Word document: export CSV instead.');
  }
  if (bomOf(bytes)?.startsWith('utf-16') === true) return;
  // Text never holds NUL, and rarely other C0 controls: SWIFT's SOH/ETX framing (0x01, 0x03) and
  // tab, CR, LF, form feed are allowed; more than 1% of anything else is not a statement.
  const sample = bytes.subarray(0, 65536);
  let odd = 0;
  for (let i = 0; i < sample.length; i++) {
    const b = sample[i]!;
    if (b === 0) {
      // ASCII text saved as UTF-16 without a byte-order mark has a NUL beside every character.
      const utf16 = sample.length >= 4 && (sample[0] === 0 || sample[1] === 0) && (sample[2] === 0 || sample[3] === 0);
      throw new StatementError(
        'BINARY',
        utf16
          ? 'The file looks like UTF-16 text without a byte-order mark: save it again as UTF-8.'
          : 'The file holds binary data (NUL bytes), not a text statement.',
      );
    }
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c && b !== 0x01 && b !== 0x03) odd++;
  }
  if (odd > sample.length / 100) {
    throw new StatementError('BINARY', 'The file holds binary data, not a text statement.');
  }
}

/** 1-based line of a byte offset (counts LF bytes before it). */
function lineOfByte(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < bytes.length; i++) if (bytes[i] === 0x0a) line++;
  return line;
}

/** Offset of the first byte that is not part of a valid UTF-8 sequence. Only called once isUtf8 said no. */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    const len = b < 0x80 ? 1 : b >= 0xc2 && b < 0xe0 ? 2 : b >= 0xe0 && b < 0xf0 ? 3 : b >= 0xf0 && b < 0xf5 ? 4 : 0;
    if (len === 0) return i;
    for (let k = 1; k < len; k++) if (((bytes[i + k] ?? 0) & 0xc0) !== 0x80) return i;
    if (!isUtf8(bytes.subarray(i, i + len))) return i;
    i += len;
  }
  return bytes.length;
}

/**
 * Decodes `bytes` as text. `declared` is the encoding the file names for itself (null when it
 * names none); a declared UTF-8 with invalid bytes is refused with its line.
 */
export function decodeText(bytes: Uint8Array, declared: string | null): string {
  const bom = bomOf(bytes);
  if (bom === 'utf-16le' || bom === 'utf-16be') return new TextDecoder(bom).decode(bytes.subarray(2));
  const body = bom === 'utf-8' ? bytes.subarray(3) : bytes;
  const name = declared?.trim().toLowerCase() ?? null;
  if (bom === 'utf-8' || (name !== null && UTF8_NAMES.has(name))) {
    if (!isUtf8(body)) {
      const at = firstInvalidUtf8(body);
      throw new StatementError(
        'ENCODING',
        `The file says it is UTF-8 but byte ${at + 1} is not valid UTF-8 (Latin-1 text?). Export it again as UTF-8.`,
        `line ${lineOfByte(body, at)}`,
      );
    }
    return new TextDecoder('utf-8').decode(body);
  }
  if (name !== null && LATIN1_NAMES.has(name)) return new TextDecoder('windows-1252').decode(body);
  if (name !== null && name !== 'usascii' && name !== 'us-ascii' && name !== 'none') {
    throw new StatementError('ENCODING', `The file's encoding "${declared}" is not supported: use UTF-8 or Latin-1.`);
  }
  return isUtf8(body) ? new TextDecoder('utf-8').decode(body) : new TextDecoder('windows-1252').decode(body);
}

/** The encoding an XML declaration names (read from the ASCII-compatible head), or null. */
export function xmlDeclaredEncoding(bytes: Uint8Array): string | null {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 200));
  const m = /^(?:\uFEFF|\u00EF\u00BB\u00BF)?\s*<\?xml[^>]*\bencoding\s*=\s*["']([A-Za-z0-9._-]+)["']/.exec(head);
  return m === null ? null : m[1]!;
}

/** 1-based line number of a character offset in `text`. */
export function lineAt(text: string, index: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < index; i = text.indexOf('\n', i + 1)) line++;
  return line;
}
