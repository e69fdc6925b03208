/**
 * Statements and exports (PRODUCT F10): the wire types of `statements.get`,
 * `statements.export`, `ledger.export`, `requests.export` and `exports.progress`, and the
 * few formatting rules that the main process (CSV, PDF) and the renderer (preview, print)
 * must apply identically.
 */
import type { Client, EntryType } from './dto';
import { LOCALES, message, type Language } from './i18n';

/**
 * The most lines `statements.get` returns. A statement is for reading on screen or printing;
 * beyond this the JSON call is refused (VALIDATION_ERROR on `from`) and the period must be
 * exported instead: exports are produced in chunks and never hold the main process for long.
 */
export const STATEMENT_MAX_LINES = 10_000;

/**
 * The most rows a channel export (`statements.export`, `ledger.export`, `requests.export`)
 * builds in memory for the renderer. The CLI streams to a file and has no limit.
 */
export const EXPORT_MAX_ROWS = 1_000_000;

/** One ledger entry as a statement line, oldest first. */
export interface StatementLine {
  /** The ledger entry id: every figure traces back to its entry. */
  id: number;
  /** When the entry was made, ISO-8601 UTC; show it in the statement's `timeZone`. */
  date: string;
  type: EntryType;
  reference: string;
  memo: string | null;
  /** Credits added by this entry (0 for an Out). */
  creditsIn: number;
  /** Credits taken by this entry (0 for an In). */
  creditsOut: number;
  /** The running balance after this entry. */
  balance: number;
}

/**
 * A client's statement for a period: openingBalance + totalIn − totalOut = closingBalance,
 * and closingBalance is the balance after the last entry of the period.
 */
export interface Statement {
  client: Client;
  agencyName: string;
  /** IANA zone of the agency: dates in the period are local days there. */
  timeZone: string;
  /** The period's `from` as asked (a date or an instant); null: from the first entry. */
  from: string | null;
  /** The period's `to` as asked (a date: that whole day is included); null: up to now. */
  to: string | null;
  /** The period as instants: entries with periodStart ≤ createdAt < periodEnd (null: open). */
  periodStart: string | null;
  periodEnd: string | null;
  openingBalance: number;
  lines: StatementLine[];
  totalIn: number;
  totalOut: number;
  closingBalance: number;
  generatedAt: string;
  /** The agency's statement language (settings.language, F17): the print view is written in it. */
  language: Language;
}

/** The formats `statements.export` produces. */
export type StatementFormat = 'csv' | 'pdf';

/**
 * A file produced by an export channel, ready for the renderer to save or download:
 * `encoding: "utf8"` content is the text itself (CSV, starting with a byte-order mark),
 * `"base64"` content is the bytes in base64 (PDF).
 */
export interface ExportFile {
  /** A suggested file name, ASCII only: "statement-3-chloe-lefevre-2026-06-01-to-2026-06-30.pdf". */
  fileName: string;
  mimeType: 'text/csv; charset=utf-8' | 'application/pdf';
  encoding: 'utf8' | 'base64';
  content: string;
  /** Size of the file in bytes (after decoding `content`). */
  bytes: number;
  /** Data rows written: statement lines, ledger entries or requests. */
  lines: number;
}

/**
 * How far an export has got, for a progress bar. `total` is known before the first row is
 * written. A PDF first reads the period once to total it (`phase: "totalling"`), then writes.
 */
export interface ExportProgress {
  phase: 'totalling' | 'writing' | 'done' | 'failed';
  done: number;
  total: number;
}

/** What `exports.progress` returns; `unknown` for an id never seen or long finished. */
export type ExportProgressReport = { progressId: string } & (ExportProgress | { phase: 'unknown'; done: 0; total: 0 });

/** An entry type as finance staff read it on a statement, in the statement's language. */
export function entryTypeText(type: EntryType, language: Language = 'en'): string {
  return message(language, `statement.types.${type}`);
}

const formatters = new Map<string, Intl.DateTimeFormat>();
const offsets = new Map<string, Map<number, number>>();
const BUCKET_MS = 6 * 3600 * 1000;
const pad = (n: number) => String(n).padStart(2, '0');

/** The zone's offset from UTC at `ms`, through Intl (exact, but ~10 µs a call). */
function intlOffset(ms: number, timeZone: string): number {
  let f = formatters.get(timeZone);
  if (f === undefined) {
    f = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  const p: Record<string, number> = {};
  for (const part of f.formatToParts(new Date(ms))) p[part.type] = Number(part.value);
  const wall = Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!);
  return wall - Math.floor(ms / 1000) * 1000;
}

/**
 * The offset at `ms`, cached per six-hour slice of UTC: a 100,000-line export formats its
 * dates in milliseconds instead of seconds. A slice whose two ends disagree holds a
 * time-zone change and is asked of Intl for each instant (no zone changes twice in six hours).
 */
function zoneOffset(ms: number, timeZone: string): number {
  let cache = offsets.get(timeZone);
  if (cache === undefined) {
    cache = new Map();
    offsets.set(timeZone, cache);
  }
  const bucket = Math.floor(ms / BUCKET_MS);
  let offset = cache.get(bucket);
  if (offset === undefined) {
    const start = intlOffset(bucket * BUCKET_MS, timeZone);
    offset = start === intlOffset((bucket + 1) * BUCKET_MS - 1000, timeZone) ? start : Number.NaN;
    if (cache.size > 50_000) cache.clear();
    cache.set(bucket, offset);
  }
  return Number.isNaN(offset) ? intlOffset(ms, timeZone) : offset;
}

/** "2026-06-01 14:03" for an ISO instant, in `timeZone` (24-hour clock, no seconds). */
export function formatLocalDateTime(iso: string, timeZone: string): string {
  const ms = Date.parse(iso);
  const local = new Date(ms + zoneOffset(ms, timeZone));
  return `${local.getUTCFullYear()}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())} ${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}`;
}

/**
 * How one end of a period reads: a date as given (English keeps the ISO date its statements
 * always showed; other languages write it out: "2026. gada 1. jūnijs"), an instant in the
 * agency's zone.
 */
function describeEdge(edge: string, timeZone: string, language: Language): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(edge)) return formatLocalDateTime(edge, timeZone);
  if (language === 'en') return edge;
  return new Intl.DateTimeFormat(LOCALES[language], { dateStyle: 'long', timeZone: 'UTC' }).format(
    new Date(`${edge}T12:00:00Z`),
  );
}

/** The period in words: "2026-06-01 to 2026-06-30", "Start of account to 2026-06-30"… */
export function describePeriod(
  s: Pick<Statement, 'from' | 'to' | 'timeZone' | 'generatedAt'>,
  language: Language = 'en',
): string {
  const start =
    s.from === null ? message(language, 'statement.startOfAccount') : describeEdge(s.from, s.timeZone, language);
  const end =
    s.to === null
      ? message(language, 'statement.generatedEdge', { at: formatLocalDateTime(s.generatedAt, s.timeZone) })
      : describeEdge(s.to, s.timeZone, language);
  return message(language, 'statement.periodRange', { start, end });
}
