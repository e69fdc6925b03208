/**
 * The XML reader: refusals, and a tree identical to the one fast-xml-parser builds from the
 * same text (our builder exists only because the library's is too slow for big statements).
 */
import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { decodeEntities, parseXml, textAt } from '../../electron/bank/xml';
import { generateCamt053 } from '../../bench/bank-parse.bench';
import { fixture, refusal } from './helpers';

const ARRAYS = new Set(['Stmt', 'Ntry', 'TxDtls', 'Ustrd']);

function library(text: string): unknown {
  return new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@_',
    removeNSPrefix: true,
    parseTagValue: false,
    processEntities: false,
    htmlEntities: false,
    trimValues: true,
    ignoreDeclaration: true,
    ignorePiTags: true,
    isArray: (name: string) => ARRAYS.has(name),
  }).parse(text);
}

describe('parseXml builds the tree fast-xml-parser builds', () => {
  it.each([
    ['camt/camt053-v02-batch.xml'],
    ['camt/camt053-v08-prefixed.xml'],
    ['camt/camt054-v04.xml'],
    ['ofx/ofx2-xml.qfx'],
  ])('%s', (path) => {
    const text = fixture(path).toString('utf8');
    expect(parseXml(text, 'camt.053', ARRAYS)).toEqual(library(text));
  });

  it('a generated 50-transaction statement', () => {
    const text = generateCamt053(50).toString('utf8');
    expect(parseXml(text, 'camt.053', ARRAYS)).toEqual(library(text));
  });

  it('self-closing elements, single-quoted attributes, comments, CDATA and repeated names', () => {
    const text = '<R><A x=\'1\' y="&amp;2"/><!-- note --><B>one</B><B>two</B><C><![CDATA[a < b & c]]></C><D></D></R>';
    const tree = parseXml(text, 'camt.053', ARRAYS);
    expect(tree).toEqual({ R: { A: { '@_x': '1', '@_y': '&2' }, B: ['one', 'two'], C: 'a &lt; b &amp; c', D: '' } });
    expect(textAt(tree.R as never, 'C')).toBe('a < b & c');
  });
});

describe('parseXml refusals', () => {
  it('names the line and column of a mismatched tag', () => {
    const e = refusal(() => parseXml('<a>\n<b></c>\n</a>', 'camt.054', ARRAYS));
    expect(e).toMatchObject({ code: 'MALFORMED', format: 'camt.054', location: 'line 2, column 4' });
  });

  it('refuses nesting deeper than any statement', () => {
    const e = refusal(() => parseXml('<a>'.repeat(150) + '</a>'.repeat(150), 'camt.053', ARRAYS));
    expect(e.message).toContain('nested more than 100');
  });
});

describe('decodeEntities', () => {
  it('decodes the predefined entities and character references once, and leaves others alone', () => {
    expect(decodeEntities('&lt;&gt;&amp;&quot;&apos; &#228;&#x4E2D; &amp;#65; &nbsp; &#0; &#xD800;')).toBe(
      `<>&"' ä中 &#65; &nbsp; &#0; &#xD800;`,
    );
  });
});
