/**
 * Safe XML reading for camt files. A DOCTYPE is refused outright, before any parser sees the
 * text: that is where entity definitions live, so without one there is no billion-laughs
 * expansion and no external entity (XXE) to resolve. fast-xml-parser's validator then checks
 * the text is well-formed (it never expands entities); the tree is built below. The five
 * predefined entities and numeric character references are decoded here, once, so
 * "&amp;#228;" stays the literal text "&#228;".
 */
import { XMLValidator } from 'fast-xml-parser';
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
 * Refuses a DOCTYPE or ENTITY declaration (UNSAFE_XML, with its line): camt and OFX (2.x XML and
 * 1.x SGML alike) never need one, and it is where entity bombs and external entities live.
 */
export function refuseDeclarations(text: string, format: StatementFormat): void {
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
}

/**
 * Parses `text` (already decoded) into a tree. Repeating elements named in `arrays` are always
 * arrays. Refuses DOCTYPE/ENTITY declarations (UNSAFE_XML) and text that is not well-formed
 * (MALFORMED, with the line and column).
 */
export function parseXml(text: string, format: StatementFormat, arrays: ReadonlySet<string>): XmlNode {
  refuseDeclarations(text, format);
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
  return buildTree(text, arrays, format);
}

const TOKEN =
  /<(\/?)(?:[A-Za-z_][\w.-]*:)?([A-Za-z_][\w.-]*)((?:\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>|<!--[\s\S]*?-->|<\?[\s\S]*?\?>|<!\[CDATA\[([\s\S]*?)\]\]>/g;
const ATTRIBUTE = /([^\s=:]+:)?([^\s=]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

/** camt nests about 12 deep; anything far deeper is an attack on the reader, not a statement. */
const MAX_DEPTH = 100;

function hasNonSpace(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 10 && c !== 13 && c !== 9) return true;
  }
  return false;
}

interface Frame {
  name: string;
  node: XmlNode;
  text: string;
  hasContent: boolean;
}

function attach(parent: Frame, name: string, value: XmlValue, arrays: ReadonlySet<string>): void {
  const existing = parent.node[name];
  if (existing === undefined) parent.node[name] = arrays.has(name) ? [value] : value;
  else if (Array.isArray(existing) && (arrays.has(name) || !Array.isArray(value))) existing.push(value);
  else parent.node[name] = [existing, value];
  parent.hasContent = true;
}

/**
 * Builds the tree of text that the validator has already found well-formed and that has no
 * DOCTYPE: elements (namespace prefixes dropped), attributes as `@_name`, trimmed text as
 * `#text` (or the element's whole value when it has neither attributes nor children).
 * fast-xml-parser 5.12's own tree builder took 4–7 s for a 10,000-transaction camt.053 here
 * (its per-node path matcher and metadata), against the ≤ 2 s import budget; this one reads
 * the same file in a fraction of that. Entities stay encoded here and are decoded once on read.
 */
function buildTree(text: string, arrays: ReadonlySet<string>, format: StatementFormat): XmlNode {
  const root: Frame = { name: '#root', node: {}, text: '', hasContent: false };
  const stack: Frame[] = [root];
  let last = 0;
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(text); m !== null; m = TOKEN.exec(text)) {
    const top = stack[stack.length - 1]!;
    // Indentation between tags is most of a statement's text: skip it without slicing.
    if (m.index > last && hasNonSpace(text, last, m.index)) top.text += text.slice(last, m.index);
    last = TOKEN.lastIndex;
    const name = m[2];
    if (name === undefined) {
      // CDATA is literal text: escape it so the one entity decoding on read gives it back unchanged.
      if (m[5] !== undefined) top.text += m[5].replace(/&/g, '&amp;').replace(/</g, '&lt;');
      continue;
    }
    if (m[1] === '/') {
      const frame = stack.pop()!;
      finish(frame, stack[stack.length - 1]!, arrays);
      continue;
    }
    if (stack.length > MAX_DEPTH) {
      throw new StatementError(
        'MALFORMED',
        `The XML is nested more than ${MAX_DEPTH} elements deep; no bank statement is.`,
        `line ${lineAt(text, m.index)}`,
        format,
      );
    }
    const frame: Frame = { name, node: {}, text: '', hasContent: false };
    const attrs = m[3] ?? '';
    if (attrs !== '') {
      ATTRIBUTE.lastIndex = 0;
      for (let a = ATTRIBUTE.exec(attrs); a !== null; a = ATTRIBUTE.exec(attrs)) {
        // Namespace declarations say nothing about the data (the version is read from the text).
        if (a[1] === 'xmlns:' || (a[1] === undefined && a[2] === 'xmlns')) continue;
        frame.node[`@_${a[2]}`] = decodeEntities(a[3] ?? a[4] ?? '');
        frame.hasContent = true;
      }
    }
    if (m[4] === '/') finish(frame, top, arrays);
    else stack.push(frame);
  }
  return root.node;
}

function finish(frame: Frame, parent: Frame, arrays: ReadonlySet<string>): void {
  const text = frame.text.trim();
  if (!frame.hasContent) {
    attach(parent, frame.name, text, arrays);
    return;
  }
  if (text !== '') frame.node['#text'] = text;
  attach(parent, frame.name, frame.node, arrays);
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

const PATHS = new Map<string, string[]>();

/** `path` split at "/", remembered: the same few dozen paths are read for every entry. */
function steps(path: string): string[] {
  let parts = PATHS.get(path);
  if (parts === undefined) {
    parts = path.split('/');
    PATHS.set(path, parts);
  }
  return parts;
}

/** The trimmed, entity-decoded text at `path` (e.g. "Refs/EndToEndId") below `node`, or null when absent or empty. */
export function textAt(node: XmlNode | undefined, path: string): string | null {
  let cur: XmlNode | undefined = node;
  for (const part of steps(path)) cur = child(cur, part);
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
  for (const part of steps(path)) cur = child(cur, part);
  const v = cur?.[`@_${attr}`];
  return typeof v === 'string' ? v.trim() : null;
}
