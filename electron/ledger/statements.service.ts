/**
 * Client statements (F10): opening balance, every entry of the period with its running
 * balance, totals and closing balance.
 *
 * Every query walks the history index (client_id, created_at, id). The opening balance is
 * the running balance stored on the last entry before the period (one index seek, never a
 * SUM over the client's history). Entries are append-only and ids only grow, so bounding a
 * walk by the largest id at its start (`maxId`) gives exactly the ledger as it stood then,
 * even when the walk is split into many short read transactions with other work between
 * them: that is how exports stay consistent without holding one transaction open.
 */
import type { ParsedInput } from '../../shared/contract';
import type { Client } from '../../shared/dto';
import { invalid } from '../../shared/result';
import type { Language } from '../../shared/i18n';
import { STATEMENT_MAX_LINES, type Statement, type StatementLine } from '../../shared/statements';
import { periodOf } from './period';
import type { AsyncDb, AsyncQueries } from '../db/async-db';
import { requireClient } from './clients.service';
import { getSettings } from './settings.service';
import { formatCreditsPlain } from './words';

/** Everything a statement needs before its lines, read in one snapshot. */
export interface StatementHead {
  client: Client;
  agencyName: string;
  timeZone: string;
  /** The agency's statement language (F17). */
  language: Language;
  from: string | null;
  to: string | null;
  periodStart: string | null;
  periodEnd: string | null;
  openingBalance: number;
  /** The largest ledger entry id when the statement was started: later entries are not in it. */
  maxId: number;
  /** How many entries the period holds (≤ maxId). */
  lineCount: number;
  generatedAt: string;
}

/** The largest ledger entry id (0 for an empty ledger): the consistency bound of a walk. */
export async function maxEntryId(q: AsyncQueries): Promise<number> {
  const row = await q.get(q.k.selectFrom('ledger_entries').select((eb) => eb.fn.max('id').as('maxId')));
  return row?.maxId ?? 0;
}

/** Entries of one client within [start, end) and ≤ maxId, counted on the index. */
export async function countEntries(
  q: AsyncQueries,
  clientId: number,
  periodStart: string | null,
  periodEnd: string | null,
  maxId: number,
): Promise<number> {
  let query = q.k
    .selectFrom('ledger_entries')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('client_id', '=', clientId)
    .where('id', '<=', maxId);
  if (periodStart !== null) query = query.where('created_at', '>=', periodStart);
  if (periodEnd !== null) query = query.where('created_at', '<', periodEnd);
  return (await q.get(query))?.n ?? 0;
}

/** Reads the statement's head in the caller's snapshot. */
export async function statementHead(
  q: AsyncQueries,
  input: { clientId: number; from?: string | undefined; to?: string | undefined },
  nowIso: string,
): Promise<StatementHead> {
  const client = await requireClient(q, input.clientId);
  const settings = await getSettings(q);
  const period = periodOf(input.from, input.to, settings.timeZone);
  const maxId = await maxEntryId(q);
  let openingBalance = 0;
  if (period.fromIso !== null) {
    const before = await q.get(
      q.k
        .selectFrom('ledger_entries')
        .select('balance_after')
        .where('client_id', '=', client.id)
        .where('created_at', '<', period.fromIso)
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .limit(1),
    );
    openingBalance = before?.balance_after ?? 0;
  }
  return {
    client,
    agencyName: settings.agencyName,
    timeZone: settings.timeZone,
    language: settings.language,
    from: input.from ?? null,
    to: input.to ?? null,
    periodStart: period.fromIso,
    periodEnd: period.toIso,
    openingBalance,
    maxId,
    lineCount: await countEntries(q, client.id, period.fromIso, period.toIso, maxId),
    generatedAt: nowIso,
  };
}

/** Where a keyset walk over one client's history stands: after (createdAt, id). */
export interface WalkPosition {
  createdAt: string;
  id: number;
}

/** The columns a statement line or ledger-export row needs. */
const LINE_COLUMNS = [
  'id',
  'client_id',
  'created_at',
  'direction',
  'type',
  'reference',
  'memo',
  'credits',
  'balance_after',
  'actor',
  'amount_minor',
  'currency',
  'credits_per_unit',
  'exact_credits',
] as const;

/**
 * The next `limit` entries of one client in history order, after `after` (or from the
 * period start), before the period end, and no later than `maxId`.
 */
export async function entriesAfter(
  q: AsyncQueries,
  clientId: number,
  period: { periodStart: string | null; periodEnd: string | null; maxId: number },
  after: WalkPosition | null,
  limit: number,
) {
  let query = q.k
    .selectFrom('ledger_entries')
    .select(LINE_COLUMNS)
    .where('client_id', '=', clientId)
    .where('id', '<=', period.maxId);
  if (after !== null) {
    query = query.where((eb) => eb(eb.refTuple('created_at', 'id'), '>', eb.tuple(after.createdAt, after.id)));
  } else if (period.periodStart !== null) {
    query = query.where('created_at', '>=', period.periodStart);
  }
  if (period.periodEnd !== null) query = query.where('created_at', '<', period.periodEnd);
  return await q.all(query.orderBy('created_at', 'asc').orderBy('id', 'asc').limit(limit));
}

/** A row from {@link entriesAfter}. */
export type EntryLineRow = Awaited<ReturnType<typeof entriesAfter>>[number];

export function toLine(r: EntryLineRow): StatementLine {
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

/** Running totals of a statement, checked as lines are added. */
export class StatementTotals {
  totalIn = 0;
  totalOut = 0;
  closingBalance: number;
  lines = 0;

  constructor(readonly openingBalance: number) {
    this.closingBalance = openingBalance;
  }

  add(line: StatementLine): void {
    this.totalIn += line.creditsIn;
    this.totalOut += line.creditsOut;
    if (!Number.isSafeInteger(this.totalIn) || !Number.isSafeInteger(this.totalOut)) {
      throw invalid('from', 'The totals of this period are too large to add up exactly: choose a shorter period.');
    }
    // The running balance chains from one entry to the next; a break means the ledger was
    // altered outside Credit Desk, and a statement must not paper over it.
    if (line.balance !== this.closingBalance + line.creditsIn - line.creditsOut) {
      throw new Error(
        `Ledger entry ${line.id} does not follow from the balance before it: run the integrity check (ledger.verify).`,
      );
    }
    this.closingBalance = line.balance;
    this.lines += 1;
  }
}

/** `statements.get`: the whole statement in one snapshot (the router's read transaction). */
export async function getStatement(
  q: AsyncQueries,
  input: ParsedInput<'statements.get'>,
  nowIso: string,
): Promise<Statement> {
  const head = await statementHead(q, input, nowIso);
  if (head.lineCount > STATEMENT_MAX_LINES) {
    throw invalid(
      'from',
      `This period holds ${formatCreditsPlain(head.lineCount)} transactions, more than the ${formatCreditsPlain(STATEMENT_MAX_LINES)} a statement can show on screen. Export it as CSV or PDF instead, or choose a shorter period.`,
      { lines: head.lineCount, maxLines: STATEMENT_MAX_LINES },
    );
  }
  const totals = new StatementTotals(head.openingBalance);
  const lines = (await entriesAfter(q, head.client.id, head, null, STATEMENT_MAX_LINES + 1)).map(toLine);
  for (const line of lines) totals.add(line);
  const { maxId: _maxId, lineCount: _lineCount, ...rest } = head;
  return {
    ...rest,
    lines,
    totalIn: totals.totalIn,
    totalOut: totals.totalOut,
    closingBalance: totals.closingBalance,
  };
}

/** Lets other work run (IPC, the poller, the UI's progress polls) between two chunks. */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * Walks a statement's lines in chunks of `chunkSize`, each read in its own short snapshot
 * bounded by `head.maxId`, yielding to the event loop between chunks.
 */
export async function* statementChunks(
  db: AsyncDb,
  head: StatementHead,
  chunkSize: number,
): AsyncGenerator<StatementLine[]> {
  let after: WalkPosition | null = null;
  for (;;) {
    const rows = await db.read((q) => entriesAfter(q, head.client.id, head, after, chunkSize));
    if (rows.length === 0) return;
    yield rows.map(toLine);
    const last = rows[rows.length - 1]!;
    after = { createdAt: last.created_at, id: last.id };
    if (rows.length < chunkSize) return;
    await yieldToEventLoop();
  }
}
