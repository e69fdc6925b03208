/**
 * The client's ledger (F8, F9): history newest first with running balances, and
 * corrections as new adjustment entries (never edits).
 */
import type { LedgerEntry, Page } from '../../shared/dto';
import type { ParsedInput } from '../../shared/contract';
import { periodOf } from './period';
import { defineQuery, type QueryDef } from '../db/database';
import type { AsyncQueries } from '../db/async-db';
import type { Call } from './context';
import { requireClient } from './clients.service';
import { DEFAULT_LIMIT, decodeCursor, toPage } from './cursor';
import { ENTRY_COLUMNS, toEntry, type EntryRow } from './mappers';
import type { Poster } from './posting';
import { getSettings } from './settings.service';

/** Which filters a history page uses: each combination is one query, compiled once. */
export interface HistoryShape {
  from: boolean;
  to: boolean;
  /** How many entry types the page is filtered to (0: all). */
  types: number;
  cursor: boolean;
}

type EntryType = LedgerEntry['type'];
const historyDefs = new Map<string, QueryDef<unknown[], EntryRow>>();

/**
 * The history page query for one shape. Its arguments, in order: clientId, from?, to?,
 * ...types, cursor createdAt?, cursor id?, limit. It walks the (client_id, created_at, id)
 * index backwards from the cursor: every page, however deep, costs one index seek plus
 * `limit` rows.
 */
export function historyQuery(shape: HistoryShape): QueryDef<unknown[], EntryRow> {
  const key = `${+shape.from}${+shape.to}${shape.types}${+shape.cursor}`;
  let def = historyDefs.get(key);
  if (def === undefined) {
    const arity = 2 + +shape.from + +shape.to + shape.types + 2 * +shape.cursor;
    def = defineQuery(arity, (k, ...args: unknown[]) => {
      let i = 0;
      const next = <T>() => args[i++] as T;
      let query = k.selectFrom('ledger_entries').select(ENTRY_COLUMNS).where('client_id', '=', next<number>());
      if (shape.from) query = query.where('created_at', '>=', next<string>());
      if (shape.to) query = query.where('created_at', '<', next<string>());
      if (shape.types > 0) {
        query = query.where(
          'type',
          'in',
          Array.from({ length: shape.types }, () => next<EntryType>()),
        );
      }
      if (shape.cursor) {
        const createdAt = next<string>();
        const id = next<number>();
        query = query.where((eb) => eb(eb.refTuple('created_at', 'id'), '<', eb.tuple(createdAt, id)));
      }
      return query.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(next<number>());
    });
    historyDefs.set(key, def);
  }
  return def;
}

/** A page of history, newest first, with the running balance after each entry. */
export async function listTransactions(
  q: AsyncQueries,
  input: ParsedInput<'transactions.list'>,
): Promise<Page<LedgerEntry>> {
  await requireClient(q, input.clientId);
  const limit = input.limit ?? DEFAULT_LIMIT;
  const args: unknown[] = [input.clientId];
  let period = { fromIso: null as string | null, toIso: null as string | null };
  if (input.from !== undefined || input.to !== undefined) {
    period = periodOf(input.from, input.to, (await getSettings(q)).timeZone);
    if (period.fromIso !== null) args.push(period.fromIso);
    if (period.toIso !== null) args.push(period.toIso);
  }
  const types = input.types ?? [];
  args.push(...types);
  if (input.cursor !== undefined) args.push(...decodeCursor(input.cursor, ['string', 'number'] as const));
  args.push(limit + 1);
  const shape = {
    from: period.fromIso !== null,
    to: period.toIso !== null,
    types: types.length,
    cursor: input.cursor !== undefined,
  };
  const rows = await q.prepared(historyQuery(shape)).all(...args);
  return toPage(rows, limit, toEntry, (r) => [r.created_at, r.id]);
}

/** A correction: an In or Out with a required reason. An Out beyond the balance is refused. */
export async function adjust(
  call: Call,
  poster: Poster,
  input: ParsedInput<'transactions.adjust'>,
): Promise<LedgerEntry> {
  await requireClient(call.tx, input.clientId);
  return await poster.post(call, {
    clientId: input.clientId,
    direction: input.direction,
    type: 'adjustment',
    credits: input.credits,
    reference: input.direction === 'in' ? 'Adjustment (credit)' : 'Adjustment (debit)',
    memo: input.reason,
  });
}
