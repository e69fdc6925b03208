/**
 * F17: every word on screen comes from the catalogue. Fails when Latvian misses a key English
 * has (or keeps one English dropped), when a placeholder differs between the two, when a
 * component renders a literal string, or when code asks for a key the catalogue lacks.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CATALOGUES, message, pickLanguage, type Catalogue } from '../../shared/i18n';
import { scanRenderer } from './literal-strings';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** Literals allowed on screen: the product's name, the same in every language. */
const ALLOWED_TEXT = new Set(['Credit Desk']);

/** Flattens to dotted keys; plural forms (`_zero`, `_one`, `_other`…) collapse to their base key. */
function keysOf(catalogue: Catalogue, prefix = ''): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const [name, value] of Object.entries(catalogue)) {
    const key = prefix === '' ? name : `${prefix}.${name}`;
    if (typeof value === 'string') {
      const base = key.replace(/_(zero|one|two|few|many|other)$/, '');
      out.set(base, [...(out.get(base) ?? []), value]);
    } else {
      for (const [k, v] of keysOf(value, key)) out.set(k, [...(out.get(k) ?? []), ...v]);
    }
  }
  return out;
}

const placeholders = (texts: string[]) =>
  [...new Set(texts.flatMap((t) => [...t.matchAll(/\{\{\s*(\w+)/g)].map((m) => m[1])))].sort();

describe('message catalogues', () => {
  const en = keysOf(CATALOGUES.en);
  const lv = keysOf(CATALOGUES.lv);

  it('Latvian has every key English has, and no other', () => {
    expect([...en.keys()].filter((k) => !lv.has(k))).toEqual([]);
    expect([...lv.keys()].filter((k) => !en.has(k))).toEqual([]);
  });

  it('Latvian uses the same placeholders as English', () => {
    const differing = [...en].filter(
      ([k, texts]) => placeholders(texts).join() !== placeholders(lv.get(k) ?? texts).join(),
    );
    expect(differing.map(([k]) => k)).toEqual([]);
  });

  it('Latvian plurals have the three CLDR forms (zero, one, other)', () => {
    const flat = JSON.stringify(CATALOGUES.lv);
    const bases = [...flat.matchAll(/"(\w+)_one"/g)].map((m) => m[1]!);
    for (const base of bases) {
      expect(flat, base).toContain(`"${base}_zero"`);
      expect(flat, base).toContain(`"${base}_other"`);
    }
  });

  it('no component renders a literal string, and every t() key exists', () => {
    const { literals, keys } = scanRenderer(ROOT);
    const offending = literals
      .filter((l) => !ALLOWED_TEXT.has(l.text))
      .map((l) => `${l.file}:${l.line} ${JSON.stringify(l.text)}`);
    expect(offending).toEqual([]);
    const missing = keys.filter((k) => !en.has(k.key)).map((k) => `${k.file}: ${k.key}`);
    expect(missing).toEqual([]);
  });

  it('a count of credits goes through the plural forms (common.credits), never beside a bare noun', () => {
    // "This needs 1 credits", "Vajag 21 kredītus", "Pieejami: 1 kredīti" were wrong: the number
    // must choose the form (Latvian has three, and a case after a verb). A conversion rate
    // (`rate`, a decimal) is left out here.
    const bare = /\{\{\s*(\w+)\s*\}\}\s+(credits?\b(?! request)|kredīt\p{L}*)/gu;
    const offending = (['en', 'lv'] as const).flatMap((language) =>
      [...keysOf(CATALOGUES[language])]
        .filter(([key]) => !key.startsWith('common.credits'))
        .flatMap(([key, texts]) =>
          texts.flatMap((text) =>
            [...text.matchAll(bare)].filter((m) => m[1] !== 'rate').map((m) => `${language} ${key}: ${m[0]}`),
          ),
        ),
    );
    expect(offending).toEqual([]);
  });

  it('message() fills placeholders and falls back to English', () => {
    expect(message('lv', 'statement.closingBalance')).not.toBe(message('en', 'statement.closingBalance'));
    expect(message('en', 'no.such.key')).toBe('no.such.key');
  });

  it('picks the language from the system locale', () => {
    expect(pickLanguage(['lv-LV', 'en-US'])).toBe('lv');
    expect(pickLanguage(['de-DE', 'en-GB'])).toBe('en');
    expect(pickLanguage(['de-DE'])).toBe('en');
  });
});
