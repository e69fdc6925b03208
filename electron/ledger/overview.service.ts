/**
 * The Overview screen's figures in one read: credits outstanding across all clients, the
 * largest balances, the pending-request queue and the latest ledger activity. Balances come
 * from the stored per-client balances (one row per client, never a SUM over the ledger); the
 * top balances and the latest entries walk indexes.
 */
import type { Overview } from '../../shared/dto';
import type { AsyncQueries } from '../db/async-db';
import { ENTRY_COLUMNS, toClient, toEntry } from './mappers';

export async function getOverview(q: AsyncQueries): Promise<Overview> {
  const totals = await q.get(
    q.k
      .selectFrom('client_balances')
      .select((eb) => [
        eb.fn.coalesce(eb.fn.sum<number>('balance'), eb.lit(0)).as('total'),
        eb.fn.countAll<number>().as('clients'),
      ]),
  );
  const top = await q.all(
    q.k
      .selectFrom('client_balances')
      .innerJoin('clients', 'clients.id', 'client_balances.client_id')
      .selectAll('clients')
      .select('client_balances.balance')
      .where('client_balances.balance', '>', 0)
      .orderBy('client_balances.balance', 'desc')
      .orderBy('client_balances.client_id')
      .limit(5),
  );
  const pending = await q.get(
    q.k
      .selectFrom('credit_requests')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('status', '=', 'pending'),
  );
  const recent = await q.all(
    q.k
      .selectFrom('ledger_entries')
      .innerJoin('clients', 'clients.id', 'ledger_entries.client_id')
      .select(ENTRY_COLUMNS.map((c) => `ledger_entries.${c}` as const))
      .select('clients.name as client_name')
      .orderBy('ledger_entries.id', 'desc')
      .limit(10),
  );
  return {
    totalOutstanding: Number(totals?.total ?? 0),
    clientCount: Number(totals?.clients ?? 0),
    topClients: top.map((r) => toClient(r, r.balance)),
    pendingRequests: Number(pending?.n ?? 0),
    recentActivity: recent.map((r) => ({ ...toEntry(r), clientName: r.client_name })),
  };
}
