/**
 * Safe XML reading for camt files. A DOCTYPE is refused outright, before any parser sees the
 * text: that is where entity definitions live, so without one there is no billion-laughs
 * expansion and no external entity (XXE) to resolve. fast-xml-parser is also told not to
 * process entities at all; the five predefined ones and numeric character references are
 * decoded here, once, so "&amp;#228;" stays the literal text "&#228;".
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { StatementError } from './errors';
import { lineAt } from './text';
import type { StatementFormat } from './types';

/** A parsed element: text under `#text`, attributes under `@_name`, children by local name. */
export type XmlNode = { [name: string]: XmlValue };
export type XmlValue = string | XmlNode | XmlValue[];

const PREDEFINED: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Decodes XML's predefined entities and numeric character references in one pass. */
export function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(#x[0-9a-fA-F]{1,6}|#\d{1,7}|[a-z]{2,4});/g, (whole, ref: string) => {
    if (ref.startsWith('#')) {
      const code = ref[1] === 'x' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      return code > 0 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff) ? String.fromCodePoint(code) : whole;
    }
    return PREDEFINED[ref] ?? whole;
  });
}

/**
 * Parses `text` (already decoded) into a tree. Repeating elements named in `arrays` are always
 * arrays. Refuses DOCTYPE/ENTITY declarations (UNSAFE_XML) and text that is not well-formed
 * (MALFORMED, with the line and column).
 */
export function parseXml(text: string, format: StatementFormat, arrays: ReadonlySet<string>): XmlNode {
  const doctype = /<!(DOCTYPE|ENTITY)/i.exec(text);
  if (doctype !== null) {
    throw new StatementError(
      'UNSAFE_XML',
      'The XML file has a DOCTYPE or entity declaration. Bank statements never need one, and it can be used ' +
        'to attack the reader (entity expansion, external entities), so the file is refused.',
      `line ${lineAt(text, doctype.index)}`,
      format,
    );
  }
  const valid = XMLValidator.validate(text, { allowBooleanAttributes: false });
  if (valid !== true) {
    const { msg, line, col } = valid.err;
    const truncated = /^Invalid '\[.*\]' found\.$/s.test(msg) || /Unclosed/i.test(msg);
    throw new StatementError(
      'MALFORMED',
      truncated
        ? 'The XML ends before its elements are closed: the file is truncated or incomplete.'
        : `The XML is not well-formed: ${msg}`,
      truncated ? `line ${lineAt(text, text.length)}` : `line ${line}, column ${col}`,
      format,
    );
  }
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@_',
    removeNSPrefix: true,
    parseTagValue: false,
    parseAttributeValue: false,
    processEntities: false,
    htmlEntities: false,
    trimValues: true,
    isArray: (name) => arrays.has(name),
  });
  return parser.parse(text) as XmlNode;
}

/** The child element `name` of `node` (the first when it repeats), or undefined. */
export function child(node: XmlValue | undefined, name: string): XmlNode | undefined {
  if (node === undefined || typeof node === 'string' || Array.isArray(node)) return undefined;
  const v = node[name];
  const first = Array.isArray(v) ? v[0] : v;
  if (first === undefined) return undefined;
  return typeof first === 'string' ? { '#text': first } : Array.isArray(first) ? undefined : first;
}

/** Every `name` child of `node`, as an array (empty when absent). */
export function children(node: XmlValue | undefined, name: string): XmlNode[] {
  if (node === undefined || typeof node === 'string' || Array.isArray(node)) return [];
  const v = node[name];
  const list = v === undefined ? [] : Array.isArray(v) ? v : [v];
  return list.map((x) => (typeof x === 'string' ? { '#text': x } : Array.isArray(x) ? {} : x));
}

/** The trimmed, entity-decoded text at `path` (e.g. "Refs/EndToEndId") below `node`, or null when absent or empty. */
export function textAt(node: XmlNode | undefined, path: string): string | null {
  let cur: XmlNode | undefined = node;
  for (const part of path.split('/')) cur = child(cur, part);
  const t = cur?.['#text'];
  if (typeof t !== 'string') return null;
  const s = decodeEntities(t).trim();
  return s === '' ? null : s;
}

/** Every text at `path` below `node` where the last step repeats (e.g. "RmtInf/Ustrd"). */
export function textsAt(node: XmlNode | undefined, path: string): string[] {
  const parts = path.split('/');
  const last = parts.pop()!;
  let cur: XmlNode | undefined = node;
  for (const part of parts) cur = child(cur, part);
  return children(cur, last)
    .map((n) => (typeof n['#text'] === 'string' ? decodeEntities(n['#text']).trim() : ''))
    .filter((s) => s !== '');
}

/** An attribute of the element at `path`, or null. */
export function attrAt(node: XmlNode | undefined, path: string, attr: string): string | null {
  let cur: XmlNode | undefined = node;
  for (const part of path.split('/')) cur = child(cur, part);
  const v = cur?.[`@_${attr}`];
  return typeof v === 'string' ? v.trim() : null;
}
