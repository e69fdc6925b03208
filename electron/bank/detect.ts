/**
 * Which statement format a file is, from its content first and its name second: banks name
 * files freely (".txt" MT940, ".xml" camt, ".dat" anything), but each format's content is
 * unmistakable.
 */
import { looksLikeOfx } from './ofx';
import type { StatementFormat } from './types';

/** The first 64 KB as text good enough for sniffing (UTF-16 decoded by its BOM, else Latin-1). */
function head(bytes: Uint8Array): string {
  const slice = bytes.subarray(0, 65536);
  if (slice[0] === 0xff && slice[1] === 0xfe) return new TextDecoder('utf-16le').decode(slice);
  if (slice[0] === 0xfe && slice[1] === 0xff) return new TextDecoder('utf-16be').decode(slice);
  return new TextDecoder('latin1').decode(slice);
}

function extension(fileName: string): string {
  const dot = fileName.lastIndexOf('.');
  return dot === -1 ? '' : fileName.slice(dot + 1).toLowerCase();
}

/** The format of a statement file, or null when it is none Credit Desk reads. */
export function detectFormat(fileName: string, bytes: Uint8Array): StatementFormat | null {
  const text = head(bytes);
  if (/camt\.053\.001\.\d{2}/.test(text)) return 'camt.053';
  if (/camt\.054\.001\.\d{2}/.test(text)) return 'camt.054';
  if (looksLikeOfx(text)) return 'ofx';
  if (/\{2:[IO]940/.test(text) || (/^:20:/m.test(text) && /^:(25|28C?|60[FM]|61):/m.test(text))) return 'mt940';
  const ext = extension(fileName);
  const trimmed = text.replace(/^[\uFEFF\u00EF\u00BB\u00BF\s]+/, '');
  if (trimmed.startsWith('<')) {
    // XML that is not camt.053/054 or OFX (camt.052, pain.001, …): not a statement we read.
    return ext === 'ofx' || ext === 'qfx' ? 'ofx' : null;
  }
  if (ext === 'ofx' || ext === 'qfx') return 'ofx';
  if (ext === 'sta' || ext === '940' || ext === 'mt940') return 'mt940';
  if (ext === 'csv' || ext === 'tsv' || ext === 'txt') return 'csv';
  // No telling name: a few lines that all split on the same delimiter are a table.
  const lines = trimmed
    .split(/\r?\n/)
    .filter((l) => l.trim() !== '')
    .slice(0, 5);
  if (lines.length >= 2 && [';', ',', '\t', '|'].some((d) => lines.every((l) => l.includes(d)))) return 'csv';
  return null;
}
