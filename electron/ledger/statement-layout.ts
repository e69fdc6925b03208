/**
 * How a PDF statement's lines fall on its pages (F10, F17). A long type or reference wraps
 * onto as many grid rows as it needs instead of being cut with "…" (a statement handed to a
 * client must not lose information, and Latvian words are longer); a line is never split
 * across two pages. The same measurement runs in the export's totalling pass and while
 * drawing, so the page count ("Page 2 of 7") is known before the first page streams out.
 */
import { join } from 'node:path';
import type { Language } from '../../shared/i18n';
import { entryTypeText, type StatementLine } from '../../shared/statements';

export const REGULAR = 'DejaVuSans';
export const BOLD = 'DejaVuSans-Bold';

// A4 in points, and the grid.
export const PAGE_W = 595.28;
export const PAGE_H = 841.89;
export const MARGIN = 40;
export const ROW_H = 13;
const BODY_BOTTOM = PAGE_H - 52;
export const FIRST_BODY_TOP = 236;
export const OTHER_BODY_TOP = 92;
/** Rows a page holds: the first page has the statement's header above its table. */
export const FIRST_PAGE_ROWS = Math.floor((BODY_BOTTOM - FIRST_BODY_TOP) / ROW_H);
export const OTHER_PAGE_ROWS = Math.floor((BODY_BOTTOM - OTHER_BODY_TOP) / ROW_H);
/** The totals block (rule, totals row, closing row) is kept together on one page. */
export const TOTALS_ROWS = 3;
/** A line never takes more rows than this (a page must always hold it); beyond, it ends in "…". */
export const MAX_LINE_ROWS = 24;
/** Table body text size. */
export const BODY_SIZE = 8;

/** Columns: left edge and width; numbers are right-aligned in theirs. */
export const COLS = {
  date: { x: MARGIN, w: 76 },
  type: { x: MARGIN + 82, w: 74 },
  ref: { x: MARGIN + 162, w: 176 },
  in: { x: MARGIN + 342, w: 52 },
  out: { x: MARGIN + 400, w: 56 },
  balance: { x: MARGIN + 462, w: PAGE_W - 2 * MARGIN - 462 },
};

/** Packs lines of known row counts onto pages: page 1 holds fewer rows (its header). */
export class Pager {
  page = 1;
  used = 0;
  cap = FIRST_PAGE_ROWS;
  /** Places a line of `rows` rows; true when it starts a new page. */
  place(rows: number): boolean {
    const turned = this.used + rows > this.cap;
    if (turned) this.turn();
    this.used += rows;
    return turned;
  }
  /** Starts a new page. */
  turn(): void {
    this.page += 1;
    this.used = 0;
    this.cap = OTHER_PAGE_ROWS;
  }
  /** Whether the totals block still fits on the current page. */
  totalsFit(): boolean {
    return this.used + TOTALS_ROWS <= this.cap;
  }
}

/** Counts a statement's pages, line by line, as the drawing will place them. */
export class PageCounter {
  private readonly pager = new Pager();
  private lines = 0;
  add(rows: number): void {
    this.pager.place(rows);
    this.lines += 1;
  }
  /** The page count once every line was added (an empty statement shows one "no transactions" row). */
  pageCount(): number {
    if (this.lines === 0) this.add(1);
    return this.pager.totalsFit() ? this.pager.page : this.pager.page + 1;
  }
}

/** Pages of a statement whose lines all take one row. */
export function statementPageCount(lines: number): number {
  const counter = new PageCounter();
  for (let i = 0; i < lines; i++) counter.add(1);
  return counter.pageCount();
}

/**
 * The width of `s` as the sum of its characters' widths, each asked of `widthOfChar` once and
 * kept in `cache` (one cache per font and size): shaping every new string with pdfkit was most
 * of a large statement's time. Kerning is ignored, so callers keep a point of slack.
 */
export function cachedWidth(s: string, cache: Map<string, number>, widthOfChar: (ch: string) => number): number {
  let w = 0;
  for (const ch of s) {
    let cw = cache.get(ch);
    if (cw === undefined) {
      cw = widthOfChar(ch);
      cache.set(ch, cw);
    }
    w += cw;
  }
  return w;
}

/**
 * Greedy word wrap of `text` into lines no wider than `width`; a word wider than a line is
 * broken between characters. Whitespace runs count as one space. Deterministic for a width
 * function, which is what lets two passes agree.
 */
export function wrapText(text: string, width: number, widthOf: (s: string) => number): string[] {
  const words = text.replace(/\s+/g, ' ').trim().split(' ');
  const lines: string[] = [];
  let current = '';
  const push = (word: string) => {
    const candidate = current === '' ? word : `${current} ${word}`;
    if (widthOf(candidate) <= width) {
      current = candidate;
      return;
    }
    if (current !== '') lines.push(current);
    current = '';
    if (widthOf(word) <= width) {
      current = word;
      return;
    }
    // A single word longer than the column (a transaction hash): break it by characters.
    let piece = '';
    for (const ch of word) {
      if (piece !== '' && widthOf(piece + ch) > width) {
        lines.push(piece);
        piece = '';
      }
      piece += ch;
    }
    current = piece;
  };
  for (const word of words) if (word !== '') push(word);
  if (current !== '' || lines.length === 0) lines.push(current);
  return lines;
}

/** One statement line as drawn: its wrapped type and reference, and how many rows it takes. */
export interface WrappedLine {
  type: string[];
  ref: string[];
  rows: number;
}

/** Measures and wraps statement lines in the body font; one per export. */
export interface StatementLayout {
  language: Language;
  wrap(line: StatementLine): WrappedLine;
}

/**
 * A layout measuring with the real font: character widths come from pdfkit once per
 * character (kerning ignored, so a point of slack is kept, as the drawing code does).
 */
export async function createStatementLayout(fontDir: string, language: Language): Promise<StatementLayout> {
  const { default: PDFDocument } = await import('pdfkit');
  const doc = new PDFDocument({ autoFirstPage: false, font: join(fontDir, `${REGULAR}.ttf`) });
  doc.fontSize(BODY_SIZE);
  const widths = new Map<string, number>();
  const widthOf = (s: string): number => cachedWidth(s, widths, (ch) => doc.widthOfString(ch));
  const clip = (lines: string[]): string[] =>
    lines.length <= MAX_LINE_ROWS ? lines : [...lines.slice(0, MAX_LINE_ROWS - 1), `${lines[MAX_LINE_ROWS - 1]}…`];
  const typeCache = new Map<string, string[]>();
  return {
    language,
    wrap(line) {
      let type = typeCache.get(line.type);
      if (type === undefined) {
        type = wrapText(entryTypeText(line.type, language), COLS.type.w - 1, widthOf);
        typeCache.set(line.type, type);
      }
      const text = line.memo === null || line.memo === '' ? line.reference : `${line.reference} · ${line.memo}`;
      const ref = clip(wrapText(text, COLS.ref.w - 1, widthOf));
      return { type, ref, rows: Math.max(type.length, ref.length) };
    },
  };
}
