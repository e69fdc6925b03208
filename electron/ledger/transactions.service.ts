/**
 * The client's ledger (F8, F9): history newest first with running balances, and
 * corrections as new adjustment entries (never edits).
 */
import { invalid } from '../../shared/result';
import type { LedgerEntry, Page } from '../../shared/dto';
import type { ParsedInput } from '../../shared/contract';
import { resolvePeriod } from '../../shared/time';
import type { Queries } from '../db/database';
import type { Call } from './context';
import { requireClient } from './clients.service';
import { DEFAULT_LIMIT, decodeCursor, toPage } from './cursor';
import { ENTRY_COLUMNS, toEntry } from './mappers';
import type { Poster } from './posting';
import { getSettings } from './settings.service';

/**
 * A page of history. Walks the (client_id, created_at, id) index backwards from the cursor:
 * every page, however deep, costs one index seek plus `limit` rows.
 */
export function listTransactions(q: Queries, input: ParsedInput<'transactions.list'>): Page<LedgerEntry> {
  requireClient(q, input.clientId);
  const limit = input.limit ?? DEFAULT_LIMIT;
  let query = q.k.selectFrom('ledger_entries').select(ENTRY_COLUMNS).where('client_id', '=', input.clientId);
  if (input.from !== undefined || input.to !== undefined) {
    const period = resolvePeriod(input.from, input.to, getSettings(q).timeZone);
    if (period.fromIso !== null && period.toIso !== null && period.fromIso >= period.toIso) {
      throw invalid('from', 'The start of the period must be before its end.');
    }
    if (period.fromIso !== null) query = query.where('created_at', '>=', period.fromIso);
    if (period.toIso !== null) query = query.where('created_at', '<', period.toIso);
  }
  if (input.types !== undefined && input.types.length > 0) query = query.where('type', 'in', input.types);
  if (input.cursor !== undefined) {
    const [createdAt, id] = decodeCursor(input.cursor, ['string', 'number'] as const);
    query = query.where((eb) => eb(eb.refTuple('created_at', 'id'), '<', eb.tuple(createdAt, id)));
  }
  const rows = q.all(
    query
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(limit + 1),
  );
  return toPage(rows, limit, toEntry, (r) => [r.created_at, r.id]);
}

/** A correction: an In or Out with a required reason. An Out beyond the balance is refused. */
export function adjust(call: Call, poster: Poster, input: ParsedInput<'transactions.adjust'>): LedgerEntry {
  requireClient(call.tx, input.clientId);
  return poster.post(call, {
    clientId: input.clientId,
    direction: input.direction,
    type: 'adjustment',
    credits: input.credits,
    reference: input.direction === 'in' ? 'Adjustment (credit)' : 'Adjustment (debit)',
    memo: input.reason,
  });
}
