/**
 * P5: a 100,000-line statement of the big client, exported as CSV and as PDF through
 * `statements.export` (what the app's Export buttons call), each beside a raw baseline run in
 * the same rounds: the same rows read with one raw better-sqlite3 statement and written with
 * the same formatting (the CSV cell and date functions, the same PDF drawing code), into
 * memory, encoded as the channel returns it. The ratio is what the app's layers cost (input
 * checks, query building, chunked snapshots with a turn of the event loop between chunks,
 * running-balance checks, progress); it can be judged on a faster or slower machine, where
 * the absolute times move 2–3×.
 */
import type Database from 'better-sqlite3';
import { describePeriod, entryTypeText, formatLocalDateTime, type StatementLine } from '../shared/statements';
import { message, type Language } from '../shared/i18n';
import { isChannel } from '../shared/contract';
import { BOM, csvRecord, type Cell } from '../electron/ledger/csv';
import { periodOf } from '../electron/ledger/period';
import { defaultFontDir, renderStatementPdf } from '../electron/ledger/statement-pdf';
import { createStatementLayout, PageCounter } from '../electron/ledger/statement-layout';
import type { StatementHead } from '../electron/ledger/statements.service';
import type { Env } from './metrics';
import { median, now, round } from './stats';

const ACTOR = 'bench';
/** The statement CSV's columns, as exports.service.ts names them in the catalogue. */
const HEADER_KEYS = ['entryId', 'date', 'type', 'reference', 'memo', 'creditsIn', 'creditsOut', 'balance'];

interface RawLine {
  id: number;
  created_at: string;
  direction: 'in' | 'out';
  type: StatementLine['type'];
  reference: string;
  memo: string | null;
  credits: number;
  balance_after: number;
}

function toLine(r: RawLine): StatementLine {
  return {
    id: r.id,
    date: r.created_at,
    type: r.type,
    reference: r.reference,
    memo: r.memo,
    creditsIn: r.direction === 'in' ? r.credits : 0,
    creditsOut: r.direction === 'out' ? r.credits : 0,
    balance: r.balance_after,
  };
}

/** The raw statement: head, rows and totals by hand-written SQL, prepared once. */
function rawStatement(raw: Database.Database, clientId: number, from: string, to: string) {
  const s = {
    client: raw.prepare('SELECT id, name, email, company FROM clients WHERE id = ?'),
    settings: raw.prepare('SELECT agency_name, time_zone, language FROM settings WHERE id = 1'),
    maxId: raw.prepare('SELECT max(id) AS maxId FROM ledger_entries'),
    opening: raw.prepare(
      'SELECT balance_after FROM ledger_entries WHERE client_id = ? AND created_at < ? ORDER BY created_at DESC, id DESC LIMIT 1',
    ),
    totals: raw.prepare(
      `SELECT count(*) AS lines, coalesce(sum(CASE WHEN direction = 'in' THEN credits END), 0) AS totalIn,
              coalesce(sum(CASE WHEN direction = 'out' THEN credits END), 0) AS totalOut
         FROM ledger_entries WHERE client_id = ? AND created_at >= ? AND created_at < ? AND id <= ?`,
    ),
    lines: raw.prepare(
      `SELECT id, created_at, direction, type, reference, memo, credits, balance_after FROM ledger_entries
        WHERE client_id = ? AND created_at >= ? AND created_at < ? AND id <= ? ORDER BY created_at, id`,
    ),
  };
  return () => {
    const client = s.client.get(clientId) as { id: number; name: string; email: string | null; company: string | null };
    const settings = s.settings.get() as { agency_name: string; time_zone: string; language: Language };
    const period = periodOf(from, to, settings.time_zone);
    const start = period.fromIso!;
    const end = period.toIso!;
    const maxId = (s.maxId.get() as { maxId: number }).maxId;
    const opening = (s.opening.get(clientId, start) as { balance_after: number } | undefined)?.balance_after ?? 0;
    const totals = s.totals.get(clientId, start, end, maxId) as { lines: number; totalIn: number; totalOut: number };
    const head = {
      client: { ...client, balance: 0, createdAt: '' },
      agencyName: settings.agency_name,
      timeZone: settings.time_zone,
      language: settings.language,
      from,
      to,
      periodStart: start,
      periodEnd: end,
      openingBalance: opening,
      maxId,
      lineCount: totals.lines,
      generatedAt: new Date().toISOString(),
    } satisfies StatementHead;
    const rows = () => s.lines.iterate(clientId, start, end, maxId) as IterableIterator<RawLine>;
    return { head, totals, rows };
  };
}

/** The CSV the app writes (exports.service.ts), from raw rows in one pass. */
function rawCsv(statement: ReturnType<ReturnType<typeof rawStatement>>): string {
  const { head, totals, rows } = statement;
  const width = 8;
  const { language } = head;
  const fact = (key: string, value: Cell) => csvRecord([message(language, key), value], width);
  const parts: string[] = [
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
      csvRecord(HEADER_KEYS.map((key) => message(language, `csv.${key}`))),
  ];
  let text = '';
  let closing = head.openingBalance;
  for (const r of rows()) {
    closing = r.balance_after;
    text += csvRecord([
      r.id,
      formatLocalDateTime(r.created_at, head.timeZone),
      entryTypeText(r.type, language),
      r.reference,
      r.memo,
      r.direction === 'in' ? r.credits : null,
      r.direction === 'out' ? r.credits : null,
      r.balance_after,
    ]);
  }
  parts.push(
    text,
    csvRecord([], width) +
      fact('csv.totalIn', totals.totalIn) +
      fact('csv.totalOut', totals.totalOut) +
      fact('statement.closingBalance', closing),
  );
  return Buffer.from(parts.join(''), 'utf8').toString('utf8');
}

/** The PDF the app draws (statement-pdf.ts), from raw rows, returned as the channel does (base64). */
async function rawPdf(statement: ReturnType<ReturnType<typeof rawStatement>>, fontDir: string): Promise<string> {
  const { head, totals, rows } = statement;
  const closingBalance = head.openingBalance + totals.totalIn - totals.totalOut;
  const chunks: Uint8Array[] = [];
  async function* lines() {
    let chunk: StatementLine[] = [];
    for (const r of rows()) {
      chunk.push(toLine(r));
      if (chunk.length === 200) {
        yield chunk;
        chunk = [];
      }
    }
    if (chunk.length > 0) yield chunk;
  }
  // The app's totalling pass measures every line to count the pages; so does this one.
  const layout = await createStatementLayout(fontDir, head.language);
  const pages = new PageCounter();
  for (const r of rows()) pages.add(layout.wrap(toLine(r)).rows);
  await renderStatementPdf({
    head,
    totals: { totalIn: totals.totalIn, totalOut: totals.totalOut, closingBalance, lines: totals.lines },
    lines: lines(),
    write: (chunk) => chunks.push(chunk),
    onRows: () => undefined,
    fontDir,
    layout,
    pageCount: pages.pageCount(),
  });
  return Buffer.concat(chunks).toString('base64');
}

/** P5: app vs raw, CSV and PDF, alternating who goes first. */
export async function p5(env: Env) {
  const channel = 'statements.export';
  const { raw, router, fixture } = env;
  const lines = Math.min(100_000, Math.floor(fixture.scale.bigEntries / 2));
  if (!isChannel(channel)) return { skipped: `${channel} is not in the contract on this branch yet`, lines };
  const at = raw.prepare(
    'SELECT created_at FROM ledger_entries WHERE client_id = ? ORDER BY created_at, id LIMIT 1 OFFSET ?',
  );
  const start = Math.floor((fixture.scale.bigEntries - lines) / 2);
  const from = (at.get(fixture.bigClientId, start) as { created_at: string }).created_at;
  const to = (at.get(fixture.bigClientId, start + lines - 1) as { created_at: string }).created_at;
  const statement = rawStatement(raw, fixture.bigClientId, from, to);
  const fontDir = defaultFontDir();
  // Full scale: one round each (a PDF of 100,000 lines takes 10–20 s here); quick: three.
  const rounds = env.quick ? 3 : 1;
  const out: Record<string, unknown> = { lines, from, to };
  for (const format of ['csv', 'pdf'] as const) {
    const app: number[] = [];
    const rawMs: number[] = [];
    let appBytes = 0;
    let rawBytes = 0;
    let error: unknown;
    const runApp = async () => {
      const t = now();
      const r = await router.call(channel, { clientId: fixture.bigClientId, from, to, format }, { actor: ACTOR });
      app.push(now() - t);
      if (r.ok) appBytes = (r.value as { bytes: number }).bytes;
      else error = r.error;
    };
    const runRaw = async () => {
      const t = now();
      const content = format === 'csv' ? rawCsv(statement()) : await rawPdf(statement(), fontDir);
      rawMs.push(now() - t);
      rawBytes = format === 'csv' ? Buffer.byteLength(content) : Buffer.from(content, 'base64').length;
    };
    for (let r = 0; r < rounds && error === undefined; r++) {
      if (r % 2 === 0) {
        await runApp();
        await runRaw();
      } else {
        await runRaw();
        await runApp();
      }
    }
    out[format] =
      error !== undefined
        ? { error }
        : {
            ms: round(median(app), 1),
            rawMs: round(median(rawMs), 1),
            ratio: round(median(app) / median(rawMs), 2),
            bytes: appBytes,
            rawBytes,
          };
  }
  return out;
}
