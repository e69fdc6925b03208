/**
 * The PDF statement, drawn with pdfkit (no browser), so the main process and the CLI produce
 * the same file. DejaVu Sans is embedded (subset) so every currency symbol and accented name
 * renders on any machine.
 *
 * Layout is a grid of rows: a line takes as many rows as its wrapped type and reference need
 * and is never split across pages (statement-layout.ts). The export's totalling pass measures
 * every line the same way, so the page count is known before drawing: "Page 2 of 7" is written
 * as each page is drawn and pages stream out as they are finished instead of being buffered
 * until the end; a 100,000-line statement stays within a few hundred MB. Every word comes
 * from the catalogue in the agency's language (F17); DejaVu covers ā, č, ē, ģ, ī, ķ, ļ, ņ, š, ū, ž.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LOCALES, message } from '../../shared/i18n';
import { describePeriod, formatLocalDateTime, type StatementLine } from '../../shared/statements';
import {
  BODY_SIZE,
  BOLD,
  cachedWidth,
  COLS,
  FIRST_BODY_TOP,
  MARGIN,
  OTHER_BODY_TOP,
  PAGE_H,
  PAGE_W,
  Pager,
  REGULAR,
  ROW_H,
  type StatementLayout,
  wrapText,
} from './statement-layout';

// Kept here for callers that knew the grid from this module.
export { FIRST_PAGE_ROWS, OTHER_PAGE_ROWS, statementPageCount } from './statement-layout';
import type { StatementHead } from './statements.service';

/**
 * Where the DejaVu fonts are: `resources/fonts` of the source tree (CLI, tests, browser mode),
 * found by walking up from this file, or `<resourcesPath>/fonts` in the packaged app (main.ts
 * passes it as `fontDir`).
 */
export function defaultFontDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    const candidate = join(dir, 'resources', 'fonts');
    if (existsSync(join(candidate, `${REGULAR}.ttf`))) return candidate;
    dir = dirname(dir);
  }
  const packaged = (process as { resourcesPath?: string }).resourcesPath;
  if (packaged !== undefined) return join(packaged, 'fonts');
  throw new Error('The statement fonts (resources/fonts/DejaVuSans.ttf) are missing from this installation.');
}

const GREY = '#555555';
const RULE = '#bbbbbb';
const STRIPE = '#f1f3f5';

/** Totals known before the first page is drawn (the PDF shows them in its summary box). */
export interface PdfTotals {
  totalIn: number;
  totalOut: number;
  closingBalance: number;
  lines: number;
}

/** Draws a statement; `lines` yields its lines in chunks, and `onRows` reports each chunk drawn. */
export async function renderStatementPdf(options: {
  head: StatementHead;
  totals: PdfTotals;
  lines: AsyncIterable<StatementLine[]>;
  write: (chunk: Uint8Array) => void;
  onRows: (done: number) => void;
  fontDir: string;
  /** The layout the totalling pass measured with, and the page count it arrived at. */
  layout: StatementLayout;
  pageCount: number;
}): Promise<number> {
  const { head, totals, fontDir, layout, pageCount } = options;
  const language = head.language;
  const say = (key: string, values?: Record<string, string | number>) => message(language, `statement.${key}`, values);
  const credits = new Intl.NumberFormat(LOCALES[language], { maximumFractionDigits: 0, useGrouping: 'always' });
  // pdfkit is loaded here, not at start-up: a plain CLI call never needs it.
  const { default: PDFDocument } = await import('pdfkit');
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    autoFirstPage: false,
    font: join(fontDir, `${REGULAR}.ttf`),
    info: {
      Title: say('pdfTitle', { name: head.client.name }),
      Author: head.agencyName,
      Creator: 'Credit Desk',
      CreationDate: new Date(head.generatedAt),
    },
  });
  doc.registerFont(REGULAR, join(fontDir, `${REGULAR}.ttf`));
  doc.registerFont(BOLD, join(fontDir, `${BOLD}.ttf`));
  const finished = new Promise<void>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => options.write(chunk));
    doc.on('end', resolve);
    doc.on('error', reject);
  });

  const period = describePeriod(head, language);
  const generated = `${formatLocalDateTime(head.generatedAt, head.timeZone)} (${head.timeZone})`;
  let page = 0;
  let top = 0;
  const pager = new Pager();

  let fontKey = '';
  const setFont = (name: string, size: number, color = 'black') => {
    fontKey = `${name}/${size}`;
    doc.font(name);
    composeAsciiLayouts(doc);
    return doc.fontSize(size).fillColor(color);
  };
  // `textWidth`/`wordCount` are what pdfkit would measure for underlines and links (we draw
  // neither): giving them saves shaping every string a second time. The output is unchanged.
  const text = (s: string, x: number, y: number) =>
    doc.text(s, x, y, { lineBreak: false, textWidth: 0, wordCount: 1 } as PDFKit.Mixins.TextOptions);
  // Widths from a per-character cache for each font and size (cachedWidth); `fit` keeps the
  // point of slack it asks for.
  const charWidths = new Map<string, Map<string, number>>();
  const measure = (s: string): number => {
    let widths = charWidths.get(fontKey);
    if (widths === undefined) {
      widths = new Map();
      charWidths.set(fontKey, widths);
    }
    return cachedWidth(s, widths, (ch) => doc.widthOfString(ch));
  };
  const right = (s: string, col: { x: number; w: number }, y: number) => text(s, col.x + col.w - measure(s), y);
  /** Shortens `s` with "…" until it fits `width` in the current font. */
  const fit = (s: string, width: number): string => {
    const flat = s.replace(/\s+/g, ' ').trim();
    const room = width - 1;
    if (measure(flat) <= room) return flat;
    const chars = [...flat];
    let w = measure('…');
    let n = 0;
    for (; n < chars.length; n++) {
      w += measure(chars[n]!);
      if (w > room) break;
    }
    return `${chars.slice(0, n).join('').trimEnd()}…`;
  };
  /**
   * Breaks `s` into lines that fit `width` (the table's wrapText, with `fit`'s point of slack),
   * at most `max` lines, the last one shortened only if even that is not enough.
   */
  const wrap = (s: string, width: number, max: number): string[] => {
    const lines = wrapText(s, width - 1, measure);
    if (lines.length <= max) return lines;
    return [...lines.slice(0, max - 1), fit(lines.slice(max - 1).join(' '), width)];
  };

  function tableHeader(y: number): void {
    setFont(BOLD, 8);
    text(say('date'), COLS.date.x, y);
    text(say('type'), COLS.type.x, y);
    text(say('refMemo'), COLS.ref.x, y);
    right(say('pdfIn'), COLS.in, y);
    right(say('pdfOut'), COLS.out, y);
    right(say('balance'), COLS.balance, y);
    doc
      .moveTo(MARGIN, y + 12)
      .lineTo(PAGE_W - MARGIN, y + 12)
      .lineWidth(0.7)
      .strokeColor('black')
      .stroke();
  }

  function footer(): void {
    setFont(REGULAR, 7.5, GREY);
    const y = PAGE_H - 36;
    doc
      .moveTo(MARGIN, y - 6)
      .lineTo(PAGE_W - MARGIN, y - 6)
      .lineWidth(0.5)
      .strokeColor(RULE)
      .stroke();
    // Wrapped, not cut: the time zone at its end is information (a long one would be lost).
    wrap(say('footer', { agency: head.agencyName, client: head.client.name, at: generated }), 380, 2).forEach(
      (part, i) => text(part, MARGIN, y + i * 9),
    );
    right(say('page', { page, count: pageCount }), { x: MARGIN, w: PAGE_W - 2 * MARGIN }, y);
  }

  function firstPageHeader(): void {
    setFont(BOLD, 17);
    const agency = fit(head.agencyName, 330);
    const agencyEnd = MARGIN + measure(agency);
    text(agency, MARGIN, MARGIN);
    setFont(REGULAR, 11, GREY);
    text(say('title'), MARGIN, MARGIN + 24);
    setFont(REGULAR, 8, GREY);
    // Beside the agency's name, or under it when a long time zone would run into the name.
    const generatedLine = say('generated', { at: generated });
    const besideName = PAGE_W - MARGIN - measure(generatedLine) > agencyEnd + 12;
    right(generatedLine, { x: MARGIN, w: PAGE_W - 2 * MARGIN }, besideName ? MARGIN + 4 : MARGIN + 26);

    const y = MARGIN + 56;
    setFont(REGULAR, 8, GREY);
    text(say('clientCaps'), MARGIN, y);
    text(say('periodCaps'), 320, y);
    setFont(BOLD, 11);
    text(fit(head.client.name, 260), MARGIN, y + 12);
    setFont(REGULAR, 9);
    const details = [head.client.company, head.client.email, say('clientNo', { id: head.client.id })].filter(
      (d): d is string => d !== null && d !== '',
    );
    details.forEach((d, i) => text(fit(d, 260), MARGIN, y + 28 + i * 12));
    // Wrapped, not cut: Latvian's "(sagatavošanas brīdis)" did not fit on one line.
    const periodLines = wrap(period, PAGE_W - MARGIN - 320, 3);
    periodLines.forEach((part, i) => text(part, 320, y + 13 + i * 11));
    setFont(REGULAR, 8, GREY);
    text(say('datesIn', { zone: head.timeZone }), 320, y + 28 + (periodLines.length - 1) * 11);

    // Summary box: the four figures the statement proves.
    const boxY = y + 74;
    const boxW = PAGE_W - 2 * MARGIN;
    doc.rect(MARGIN, boxY, boxW, 44).lineWidth(0.7).strokeColor(RULE).stroke();
    const cells: [string, number][] = [
      [say('openingBalance'), head.openingBalance],
      [say('creditsIn'), totals.totalIn],
      [say('creditsOut'), totals.totalOut],
      [say('closingBalance'), totals.closingBalance],
    ];
    cells.forEach(([label, value], i) => {
      const x = MARGIN + 10 + (i * boxW) / 4;
      setFont(REGULAR, 8, GREY);
      text(label, x, boxY + 8);
      setFont(BOLD, 12);
      text(credits.format(value), x, boxY + 21);
    });
  }

  function newPage(): void {
    doc.addPage({ size: 'A4', margin: MARGIN });
    page += 1;
    if (page === 1) {
      firstPageHeader();
      top = FIRST_BODY_TOP;
    } else {
      setFont(BOLD, 9);
      text(fit(head.agencyName, 250), MARGIN, MARGIN);
      setFont(REGULAR, 9);
      right(fit(say('continued', { name: head.client.name }), 250), { x: MARGIN, w: PAGE_W - 2 * MARGIN }, MARGIN);
      setFont(REGULAR, 8, GREY);
      text(fit(period, 400), MARGIN, MARGIN + 14);
      top = OTHER_BODY_TOP;
    }
    tableHeader(top - 18);
    footer();
  }

  /** The y of a line of `rows` rows, starting a page when it does not fit on this one (never split). */
  function placeRows(rows: number): number {
    if (pager.place(rows)) newPage();
    return top + (pager.used - rows) * ROW_H;
  }

  let lineIndex = 0;
  function drawLine(line: StatementLine): void {
    const wrapped = layout.wrap(line);
    const y = placeRows(wrapped.rows);
    lineIndex += 1;
    if (lineIndex % 2 === 0) {
      doc.rect(MARGIN, y - 3, PAGE_W - 2 * MARGIN, ROW_H * wrapped.rows).fill(STRIPE);
    }
    setFont(REGULAR, BODY_SIZE);
    text(formatLocalDateTime(line.date, head.timeZone), COLS.date.x, y);
    wrapped.type.forEach((part, i) => text(part, COLS.type.x, y + i * ROW_H));
    wrapped.ref.forEach((part, i) => text(part, COLS.ref.x, y + i * ROW_H));
    if (line.creditsIn !== 0) right(credits.format(line.creditsIn), COLS.in, y);
    if (line.creditsOut !== 0) right(credits.format(line.creditsOut), COLS.out, y);
    right(credits.format(line.balance), COLS.balance, y);
  }

  newPage();
  let drawn = 0;
  for await (const chunk of options.lines) {
    for (const line of chunk) drawLine(line);
    drawn += chunk.length;
    options.onRows(drawn);
    forgetLayouts(doc);
  }
  if (drawn === 0) {
    const y = placeRows(1);
    setFont(REGULAR, 8, GREY);
    text(say('empty'), COLS.ref.x, y);
  }

  if (!pager.totalsFit()) {
    pager.turn();
    newPage();
  }
  const y = top + pager.used * ROW_H;
  doc
    .moveTo(MARGIN, y - 3)
    .lineTo(PAGE_W - MARGIN, y - 3)
    .lineWidth(0.7)
    .strokeColor('black')
    .stroke();
  setFont(BOLD, 8);
  text(say('totals'), COLS.ref.x, y + 2);
  right(credits.format(totals.totalIn), COLS.in, y + 2);
  right(credits.format(totals.totalOut), COLS.out, y + 2);
  text(say('closingBalance'), COLS.ref.x, y + 2 + ROW_H);
  right(credits.format(totals.closingBalance), COLS.balance, y + 2 + ROW_H);
  if (page !== pageCount) throw new Error(`Statement layout drew ${page} pages but numbered them of ${pageCount}.`);

  doc.end();
  await finished;
  return pageCount;
}

/** What pdfkit's embedded font keeps of a shaped word (positions already scaled to 1000 units). */
interface Run {
  glyphs: { id: number }[];
  positions: { xAdvance: number; yAdvance: number; xOffset: number; yOffset: number }[];
  readonly advanceWidth: number;
}

interface EmbeddedFont {
  layoutCached(text: string): Run;
  layoutCache?: Record<string, Run>;
  composing?: true;
}

/**
 * Shaping a word with fontkit costs ~30 µs here, and almost every line of a statement brings
 * new words (each balance, each reference, each time of day): that was most of the time of a
 * 100,000-line PDF. A word of printable ASCII is composed instead from the cached runs of its
 * characters, but only when every adjacent pair of characters is known to shape exactly as its
 * two characters side by side (same glyphs, same advances, no offsets: no kerning pair, no
 * ligature). Each pair is checked once, by shaping it; a word with any other pair ("AV",
 * "fi") or any non-ASCII character is shaped by fontkit as before. The glyphs and positions,
 * hence the PDF's bytes, are the same either way (tests/statements/pdf-layout.test.ts).
 */
export function composeAsciiLayouts(doc: PDFKit.PDFDocument): void {
  const font = (doc as unknown as { _font?: EmbeddedFont })._font;
  if (font === undefined || font.composing === true || typeof font.layoutCached !== 'function') return;
  const shapedByPdfkit = font.layoutCached.bind(font);
  // The few words that must be shaped (kerned pairs, non-ASCII: labels, names, "·") are kept
  // across chunks, up to a bound, instead of being shaped again in every chunk.
  const kept = new Map<string, Run>();
  const shaped = (text: string): Run => {
    let run = kept.get(text);
    if (run === undefined) {
      run = shapedByPdfkit(text);
      if (kept.size >= 5000) kept.clear();
      kept.set(text, run);
    }
    return run;
  };
  const singles = new Map<string, Run | null>();
  const pairs = new Map<string, boolean>();
  const single = (ch: string): Run | null => {
    let run = singles.get(ch);
    if (run === undefined) {
      const r = shaped(ch);
      const p = r.positions[0];
      run =
        r.glyphs.length === 1 && p !== undefined && p.xOffset === 0 && p.yOffset === 0 && p.yAdvance === 0 ? r : null;
      singles.set(ch, run);
    }
    return run;
  };
  const clean = (a: string, b: string): boolean => {
    const key = a + b;
    let ok = pairs.get(key);
    if (ok === undefined) {
      const ra = single(a)!;
      const rb = single(b)!;
      const r = shaped(key);
      const same = (i: number, s: Run) => {
        const p = r.positions[i]!;
        const q = s.positions[0]!;
        return (
          r.glyphs[i]!.id === s.glyphs[0]!.id &&
          p.xAdvance === q.xAdvance &&
          p.yAdvance === q.yAdvance &&
          p.xOffset === q.xOffset &&
          p.yOffset === q.yOffset
        );
      };
      ok = r.glyphs.length === 2 && r.positions.length === 2 && same(0, ra) && same(1, rb);
      pairs.set(key, ok);
    }
    return ok;
  };
  font.layoutCached = (text: string): Run => {
    const cached = font.layoutCache?.[text];
    if (cached !== undefined) return cached;
    if (text.length < 2) return shaped(text);
    const glyphs: Run['glyphs'] = [];
    const positions: Run['positions'] = [];
    let width = 0;
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      const ch = text[i]!;
      const run = code >= 0x20 && code <= 0x7e ? single(ch) : null;
      if (run === null || (i > 0 && !clean(text[i - 1]!, ch))) return shaped(text);
      glyphs.push(run.glyphs[0]!);
      positions.push(run.positions[0]!);
      width += run.positions[0]!.xAdvance;
    }
    const composed = { glyphs, positions, advanceWidth: width };
    // Kept like a shaped word (pdfkit asks for each string two or three times), and dropped
    // with the rest of the cache between chunks.
    if (font.layoutCache !== undefined) font.layoutCache[text] = composed;
    return composed;
  };
  font.composing = true;
}

/**
 * pdfkit caches the shaped layout of every distinct word for the life of the document; on a
 * 100,000-line statement (every balance a new word) that cache alone grew past 1 GB. Dropping
 * it between chunks keeps the cache's speed-up for the words that repeat within a chunk.
 */
function forgetLayouts(doc: PDFKit.PDFDocument): void {
  const families = (doc as unknown as { _fontFamilies?: Record<string, { layoutCache?: object }> })._fontFamilies;
  for (const font of Object.values(families ?? {})) {
    if (font.layoutCache !== undefined) font.layoutCache = Object.create(null) as object;
  }
}
