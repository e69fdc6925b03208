/**
 * The statement PDF composes the layout of plain-ASCII words from their characters instead of
 * shaping each new word with fontkit (statement-pdf.ts, `composeAsciiLayouts`). That must be
 * invisible: every word lays out to the same glyphs and positions as fontkit's shaping, with
 * kerning pairs ("AV", "Te"), ligatures ("fi", "ffi") and non-ASCII text falling back to it.
 */
import { join } from 'node:path';
import fc from 'fast-check';
import PDFDocument from 'pdfkit';
import { describe, expect, it } from 'vitest';
import { composeAsciiLayouts, defaultFontDir } from '../../electron/ledger/statement-pdf';

interface Laid {
  glyphs: { id: number }[] | null;
  positions: { xAdvance: number; yAdvance: number; xOffset: number; yOffset: number }[] | null;
  advanceWidth: number;
}
type Font = { layout(text: string): Laid };

function fontOf(name: string, compose: boolean): Font {
  const doc = new PDFDocument({ autoFirstPage: false });
  doc.addPage();
  doc.font(join(defaultFontDir(), `${name}.ttf`)).fontSize(8);
  if (compose) composeAsciiLayouts(doc);
  return (doc as unknown as { _font: Font })._font;
}

const view = (l: Laid) => ({
  glyphs: l.glyphs?.map((g) => g.id),
  positions: l.positions?.map((p) => [p.xAdvance, p.yAdvance, p.xOffset, p.yOffset]),
  advanceWidth: l.advanceWidth,
});

describe.each(['DejaVuSans', 'DejaVuSans-Bold'])('%s: composed layouts equal fontkit shaping', (name) => {
  const composed = fontOf(name, true);
  const shaped = fontOf(name, false);
  const same = (text: string) =>
    expect(view(composed.layout(text)), JSON.stringify(text)).toEqual(view(shaped.layout(text)));

  it('composes plain words, and leaves kerned pairs and non-ASCII to fontkit', () => {
    const runOf = (font: Font, text: string) => {
      font.layout(text);
      return (font as unknown as { layoutCache: Record<string, object> }).layoutCache[text];
    };
    // A composed run is a plain object; fontkit's shaping returns a GlyphRun.
    expect(runOf(composed, '1,234,567')?.constructor).toBe(Object);
    expect(runOf(composed, '2026-06-01')?.constructor).toBe(Object);
    expect(runOf(shaped, '1,234,567')?.constructor).not.toBe(Object);
    expect(runOf(composed, 'AVA')?.constructor).not.toBe(Object);
    expect(runOf(composed, 'Chloé')?.constructor).not.toBe(Object);
  });

  it('on the words a statement is made of, and on kerning pairs, ligatures and non-ASCII', () => {
    for (const text of [
      '2026-06-01 14:03',
      '1,234,567',
      '-36',
      'Order #fx000123 · Logo refresh',
      'Stripe pi_fx000042',
      'Page 17 of 1,924',
      'AVA Toffee Wave Yo. To, LT "quoted"',
      'office affine fjord ffl',
      'Chloé Lefèvre — 12 € ¥ £ ₩',
      'e\u0301 combining',
      '',
      ' ',
      'a',
    ]) {
      same(text);
    }
  });

  it('on random printable ASCII (fast-check)', () => {
    const chars = fc.constantFrom(...' AVTWYLPFfilxjoaeyr.,:-#0123456789"\'()/'.split(''));
    fc.assert(
      fc.property(fc.array(chars, { maxLength: 24 }), (cs) => {
        const text = cs.join('');
        return JSON.stringify(view(composed.layout(text))) === JSON.stringify(view(shaped.layout(text)));
      }),
      { numRuns: 3000 },
    );
  });
});
