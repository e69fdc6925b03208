/**
 * Exports (F10): a client's statement as CSV or PDF, the whole ledger as CSV for the
 * accountant, and the credit requests as CSV.
 *
 * Every export is a walk in chunks: each chunk is read in its own short snapshot (bounded by
 * the largest ledger id at the start, see statements.service.ts), written to a sink, and
 * followed by a turn of the event loop, so a 100,000-line export never holds the main
 * process or a read transaction for long. Progress is reported after every chunk. The sink
 * is memory for the API channels and a file for the CLI, which streams without a size limit.
 */
import type { ParsedInput } from '../../shared/contract';
import { periodOf } from './period';
import { invalid } from '../../shared/result';
import { formatMinor } from '../../shared/money';
import { message, type Language } from '../../shared/i18n';
import {
  EXPORT_MAX_ROWS,
  describePeriod,
  entryTypeText,
  formatLocalDateTime,
  type ExportFile,
  type ExportProgress,
  type StatementFormat,
  type StatementLine,
} from '../../shared/statements';
import { dateInZone } from '../../shared/time';
import type { AsyncDb, AsyncQueries } from '../db/async-db';
import { BOM, CsvNumber, csvRecord, type Cell } from './csv';
import { requireClient } from './clients.service';
import { getSettings } from './settings.service';
import { renderStatementPdf } from './statement-pdf';
import { createStatementLayout, PageCounter } from './statement-layout';
import {
  StatementTotals,
  countEntries,
  entriesAfter,
  maxEntryId,
  statementChunks,
  statementHead,
  toLine,
  yieldToEventLoop,
  type StatementHead,
  type WalkPosition,
} from './statements.service';
import { formatCreditsPlain } from './words';

/** Where an export's bytes go. */
export interface ByteSink {
  write(chunk: Uint8Array): void;
}

/** How an export runs. */
export interface ExportOptions {
  onProgress?: (progress: ExportProgress) => void;
  /** Refuse exports larger than this many rows (channels); the CLI passes Infinity. */
  maxRows?: number;
  /** Where DejaVuSans.ttf and DejaVuSans-Bold.ttf are (PDF only). */
  fontDir?: string;
  /** Rows per chunk (tests use small chunks to exercise the walk). */
  chunkSize?: number;
}

/** What an export wrote. */
export interface ExportSummary {
  fileName: string;
  mimeType: ExportFile['mimeType'];
  lines: number;
  bytes: number;
}

const CSV_MIME = 'text/csv; charset=utf-8';
const encoder = new TextEncoder();

/** Counts the bytes going to a sink. */
function counting(sink: ByteSink) {
  const counted = {
    bytes: 0,
    write(chunk: Uint8Array | string): void {
      const bytes = typeof chunk === 'string' ? encoder.encode(chunk) : chunk;
      counted.bytes += bytes.length;
      sink.write(bytes);
    },
  };
  return counted;
}

function refuseLarge(rows: number, maxRows: number, what: string): void {
  if (rows > maxRows) {
    throw invalid(
      'from',
      `This ${what} holds ${formatCreditsPlain(rows)} rows, more than the ${formatCreditsPlain(maxRows)} the app exports at once. Choose a shorter period, or export it with the command line, which has no limit.`,
      { rows, maxRows },
    );
  }
}

/** "Chloé Lefèvre" → "chloe-lefevre": an ASCII slug for file names. */
export function slug(text: string): string {
  const s = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/g, '');
  return s === '' ? 'client' : s;
}

/** "2026-06-01" for a date edge, the local date for an instant, `open` when absent. */
function edgeForName(edge: string | null, open: string, timeZone: string): string {
  if (edge === null) return open;
  return /^\d{4}-\d{2}-\d{2}$/.test(edge) ? edge : dateInZone(new Date(edge), timeZone);
}

function statementFileName(head: StatementHead, format: StatementFormat): string {
  const from = edgeForName(head.from, 'start', head.timeZone);
  const to = edgeForName(head.to, dateInZone(new Date(head.generatedAt), head.timeZone), head.timeZone);
  return `statement-${head.client.id}-${slug(head.client.name)}-${from}-to-${to}.${format}`;
}

/** CSV headers in the agency's language (F17): catalogue keys under `csv.`. */
const header = (language: Language, keys: readonly string[]) => keys.map((k) => message(language, `csv.${k}`));

const STATEMENT_COLUMNS = [
  'entryId',
  'date',
  'type',
  'reference',
  'memo',
  'creditsIn',
  'creditsOut',
  'balance',
] as const;

function statementRow(line: StatementLine, timeZone: string, language: Language): string {
  return csvRecord([
    line.id,
    formatLocalDateTime(line.date, timeZone),
    entryTypeText(line.type, language),
    line.reference,
    line.memo,
    line.creditsIn === 0 ? null : line.creditsIn,
    line.creditsOut === 0 ? null : line.creditsOut,
    line.balance,
  ]);
}

/**
 * A statement as CSV: the facts (agency, client, period, opening balance), a header row, one
 * row per entry with its memo, then the totals and the closing balance. Every record has the
 * same number of fields.
 */
async function writeStatementCsv(
  db: AsyncDb,
  head: StatementHead,
  sink: ByteSink,
  options: ExportOptions,
): Promise<Promise<number>> {
  const width = STATEMENT_COLUMNS.length;
  const { language } = head;
  const fact = (key: string, value: Cell) => csvRecord([message(language, key), value], width);
  const out = counting(sink);
  out.write(
    BOM +
      fact('statement.title', null) +
      fact('csv.agency', head.agencyName) +
      fact('csv.client', head.client.name) +
      fact('csv.clientId', head.client.id) +
      fact('csv.company', head.client.company) +
      fact('csv.period', describePeriod(head, language)) +
      fact('csv.periodStart', head.periodStart) +
      fact('csv.periodEnd', head.periodEnd) +
      fact('csv.timeZone', head.timeZone) +
      fact('statement.openingBalance', head.openingBalance) +
      fact('csv.generatedAt', head.generatedAt) +
      csvRecord([], width) +
      csvRecord(header(language, STATEMENT_COLUMNS)),
  );
  const totals = new StatementTotals(head.openingBalance);
  for await (const chunk of statementChunks(db, head, options.chunkSize ?? 2000)) {
    let text = '';
    for (const line of chunk) {
      totals.add(line);
      text += statementRow(line, head.timeZone, language);
    }
    out.write(text);
    options.onProgress?.({ phase: 'writing', done: totals.lines, total: head.lineCount });
  }
  out.write(
    csvRecord([], width) +
      fact('csv.totalIn', totals.totalIn) +
      fact('csv.totalOut', totals.totalOut) +
      fact('statement.closingBalance', totals.closingBalance),
  );
  return out.bytes;
}

/** A statement as PDF: one pass to total the period (for the summary on page 1), one to draw it. */
async function writeStatementPdf(
  db: AsyncDb,
  head: StatementHead,
  sink: ByteSink,
  options: ExportOptions,
): Promise<Promise<number>> {
  const chunkSize = options.chunkSize ?? 200;
  const { fontDir } = options;
  if (fontDir === undefined) throw new Error('fontDir is required for PDF statements');
  // Long types and references wrap: the totalling pass measures each line to count the pages.
  const layout = await createStatementLayout(fontDir, head.language);
  const pages = new PageCounter();
  const totals = new StatementTotals(head.openingBalance);
  for await (const chunk of statementChunks(db, head, 5000)) {
    for (const line of chunk) {
      totals.add(line);
      pages.add(layout.wrap(line).rows);
    }
    options.onProgress?.({ phase: 'totalling', done: totals.lines, total: head.lineCount });
  }
  const out = counting(sink);
  const drawn = new StatementTotals(head.openingBalance);
  const checked = async function* () {
    for await (const chunk of statementChunks(db, head, chunkSize)) {
      for (const line of chunk) drawn.add(line);
      yield chunk;
    }
  };
  await renderStatementPdf({
    head,
    totals,
    lines: checked(),
    write: (chunk) => out.write(chunk),
    onRows: (done) => options.onProgress?.({ phase: 'writing', done, total: head.lineCount }),
    fontDir,
    layout,
    pageCount: pages.pageCount(),
  });
  // Both passes walk the same bounded snapshot: they must agree to the credit.
  if (drawn.lines !== totals.lines || drawn.closingBalance !== totals.closingBalance) {
    throw new Error('The statement changed while it was being drawn.');
  }
  return out.bytes;
}

/** `statements.export` written to `sink`. */
export async function exportStatement(
  db: AsyncDb,
  input: Pick<ParsedInput<'statements.export'>, 'clientId' | 'from' | 'to' | 'format'>,
  nowIso: string,
  sink: ByteSink,
  options: ExportOptions = {},
): Promise<ExportSummary> {
  const head = await db.read(async (q) => statementHead(q, input, nowIso));
  refuseLarge(head.lineCount, options.maxRows ?? EXPORT_MAX_ROWS, 'statement');
  options.onProgress?.({ phase: 'writing', done: 0, total: head.lineCount });
  const bytes =
    input.format === 'csv'
      ? await writeStatementCsv(db, head, sink, options)
      : await writeStatementPdf(db, head, sink, options);
  return {
    fileName: statementFileName(head, input.format),
    mimeType: input.format === 'csv' ? CSV_MIME : 'application/pdf',
    lines: head.lineCount,
    bytes,
  };
}

const LEDGER_COLUMNS = [
  'entryId',
  'date',
  'timeZone',
  'createdAt',
  'clientId',
  'clientName',
  'direction',
  'type',
  'reference',
  'memo',
  'creditsIn',
  'creditsOut',
  'balanceAfter',
  'amount',
  'currency',
  'creditsPerUnit',
  'exactCredits',
  'actor',
] as const;

/**
 * `ledger.export`: every client's entries in a period, one row per entry, grouped by client
 * (client id order) and oldest first within a client, so each client's "Balance after" reads
 * as a running balance down the rows. Uses the history index per client.
 */
export async function exportLedger(
  db: AsyncDb,
  input: Pick<ParsedInput<'ledger.export'>, 'from' | 'to'>,
  nowIso: string,
  sink: ByteSink,
  options: ExportOptions = {},
): Promise<ExportSummary> {
  const chunkSize = options.chunkSize ?? 2000;
  const { timeZone, language, period, maxId } = await db.read(async (q) => {
    const settings = await getSettings(q);
    return {
      timeZone: settings.timeZone,
      language: settings.language,
      period: periodOf(input.from, input.to, settings.timeZone),
      maxId: await maxEntryId(q),
    };
  });
  const bounds = { periodStart: period.fromIso, periodEnd: period.toIso, maxId };

  // Pass 1: which clients have entries in the period, and how many (index counts, in pages).
  const clients: { id: number; name: string; count: number }[] = [];
  let afterClient = 0;
  for (;;) {
    const page = await db.read(async (q) => {
      const rows = await q.all(
        q.k.selectFrom('clients').select(['id', 'name']).where('id', '>', afterClient).orderBy('id').limit(200),
      );
      const counted = [];
      for (const r of rows) {
        counted.push({ ...r, count: await countEntries(q, r.id, bounds.periodStart, bounds.periodEnd, maxId) });
      }
      return counted;
    });
    for (const c of page) if (c.count > 0) clients.push(c);
    if (page.length < 200) break;
    afterClient = page[page.length - 1]!.id;
    await yieldToEventLoop();
  }
  const total = clients.reduce((n, c) => n + c.count, 0);
  refuseLarge(total, options.maxRows ?? EXPORT_MAX_ROWS, 'ledger export');
  options.onProgress?.({ phase: 'writing', done: 0, total });

  // Pass 2: each client's entries through the index, in chunks.
  const out = counting(sink);
  out.write(BOM + csvRecord(header(language, LEDGER_COLUMNS)));
  const direction = { in: message(language, 'csv.in'), out: message(language, 'csv.out') };
  let done = 0;
  for (const client of clients) {
    let after: WalkPosition | null = null;
    for (;;) {
      const rows = await db.read(async (q) => entriesAfter(q, client.id, bounds, after, chunkSize));
      let text = '';
      for (const r of rows) {
        const line = toLine(r);
        text += csvRecord([
          r.id,
          formatLocalDateTime(r.created_at, timeZone),
          timeZone,
          r.created_at,
          r.client_id,
          client.name,
          direction[r.direction],
          entryTypeText(r.type, language),
          r.reference,
          r.memo,
          line.creditsIn === 0 ? null : line.creditsIn,
          line.creditsOut === 0 ? null : line.creditsOut,
          r.balance_after,
          r.amount_minor === null || r.currency === null
            ? null
            : new CsvNumber(formatMinor(r.amount_minor, r.currency)),
          r.currency,
          r.credits_per_unit === null ? null : new CsvNumber(r.credits_per_unit),
          r.exact_credits === null ? null : new CsvNumber(r.exact_credits),
          r.actor,
        ]);
      }
      out.write(text);
      done += rows.length;
      if (rows.length > 0) options.onProgress?.({ phase: 'writing', done, total });
      if (rows.length < chunkSize) break;
      const last = rows[rows.length - 1]!;
      after = { createdAt: last.created_at, id: last.id };
      await yieldToEventLoop();
    }
  }
  const from = edgeForName(input.from ?? null, 'start', timeZone);
  const to = edgeForName(input.to ?? null, dateInZone(new Date(nowIso), timeZone), timeZone);
  return { fileName: `ledger-${from}-to-${to}.csv`, mimeType: CSV_MIME, lines: done, bytes: out.bytes };
}

const REQUEST_COLUMNS = [
  'requestId',
  'submittedAt',
  'submittedBy',
  'clientId',
  'clientName',
  'package',
  'method',
  'amount',
  'currency',
  'credits',
  'paymentReference',
  'note',
  'status',
  'decidedAt',
  'decidedBy',
  'rejectionReason',
] as const;

/**
 * `requests.export`: credit requests (optionally by status and client), oldest first. A
 * request decided while the export runs appears in whichever state its chunk read.
 */
export async function exportRequests(
  db: AsyncDb,
  input: Pick<ParsedInput<'requests.export'>, 'status' | 'clientId'>,
  nowIso: string,
  sink: ByteSink,
  options: ExportOptions = {},
): Promise<ExportSummary> {
  const chunkSize = options.chunkSize ?? 2000;
  const base = (q: AsyncQueries) => {
    let query = q.k.selectFrom('credit_requests').innerJoin('clients', 'clients.id', 'credit_requests.client_id');
    if (input.status !== undefined) query = query.where('credit_requests.status', '=', input.status);
    if (input.clientId !== undefined) query = query.where('credit_requests.client_id', '=', input.clientId);
    return query;
  };
  const { maxId, total } = await db.read(async (q) => {
    if (input.clientId !== undefined) await requireClient(q, input.clientId);
    const max =
      (await q.get(q.k.selectFrom('credit_requests').select((eb) => eb.fn.max('id').as('maxId'))))?.maxId ?? 0;
    const n = await q.get(
      base(q)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('credit_requests.id', '<=', max),
    );
    return { maxId: max, total: n?.n ?? 0 };
  });
  refuseLarge(total, options.maxRows ?? EXPORT_MAX_ROWS, 'request export');
  options.onProgress?.({ phase: 'writing', done: 0, total });
  const out = counting(sink);
  const language = await db.read(async (q) => (await getSettings(q)).language);
  out.write(BOM + csvRecord(header(language, REQUEST_COLUMNS)));
  let afterId = 0;
  let done = 0;
  for (;;) {
    const rows = await db.read(
      async (q) =>
        await q.all(
          base(q)
            .selectAll('credit_requests')
            .select('clients.name as client_name')
            .where('credit_requests.id', '>', afterId)
            .where('credit_requests.id', '<=', maxId)
            .orderBy('credit_requests.id')
            .limit(chunkSize),
        ),
    );
    let text = '';
    for (const r of rows) {
      text += csvRecord([
        r.id,
        r.submitted_at,
        r.submitted_by,
        r.client_id,
        r.client_name,
        r.package_name,
        message(language, `csv.methods.${r.method}`),
        new CsvNumber(formatMinor(r.amount_minor, r.currency)),
        r.currency,
        r.credits,
        r.payment_reference,
        r.note,
        message(language, `csv.statuses.${r.status}`),
        r.decided_at,
        r.decided_by,
        r.rejection_reason,
      ]);
    }
    out.write(text);
    done += rows.length;
    if (rows.length > 0) options.onProgress?.({ phase: 'writing', done, total });
    if (rows.length < chunkSize) break;
    afterId = rows[rows.length - 1]!.id;
    await yieldToEventLoop();
  }
  const day = dateInZone(new Date(nowIso), await db.read(async (q) => (await getSettings(q)).timeZone));
  const parts = [input.status, input.clientId === undefined ? undefined : `client-${input.clientId}`].filter(
    (p): p is string => p !== undefined,
  );
  return {
    fileName: `credit-requests-${[...parts, day].join('-')}.csv`,
    mimeType: CSV_MIME,
    lines: done,
    bytes: out.bytes,
  };
}

/** Runs an export into memory and packages it for the renderer. */
export async function toExportFile(run: (sink: ByteSink) => Promise<ExportSummary>): Promise<ExportFile> {
  const chunks: Uint8Array[] = [];
  const summary = await run({ write: (chunk) => chunks.push(chunk) });
  const bytes = Buffer.concat(chunks);
  const binary = summary.mimeType === 'application/pdf';
  return {
    fileName: summary.fileName,
    mimeType: summary.mimeType,
    encoding: binary ? 'base64' : 'utf8',
    content: binary ? bytes.toString('base64') : bytes.toString('utf8'),
    bytes: bytes.length,
    lines: summary.lines,
  };
}
