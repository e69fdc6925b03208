/** Clients (F12): who holds credits. Each client gets its balance row at creation. */
import { sql } from 'kysely';
import { AppError } from '../../shared/result';
import type { Client, Page } from '../../shared/dto';
import type { ParsedInput } from '../../shared/contract';
import { defineQuery, type Queries } from '../db/database';
import type { Call } from './context';
import { DEFAULT_LIMIT, decodeCursor, toPage } from './cursor';
import { GENESIS_HASH } from './hash';
import { toClient } from './mappers';

/** A client with its stored balance: the balance read (one primary-key lookup per table). */
export const clientWithBalance = defineQuery(1, (k, clientId: number) =>
  k
    .selectFrom('clients')
    .innerJoin('client_balances', 'client_balances.client_id', 'clients.id')
    .selectAll('clients')
    .select('client_balances.balance')
    .where('clients.id', '=', clientId),
);

/** Loads a client with its stored balance, or throws NOT_FOUND naming the id. */
export function requireClient(q: Queries, clientId: number): Client {
  const row = q.prepared(clientWithBalance).get(clientId);
  if (row === undefined) throw new AppError('NOT_FOUND', `Client ${clientId} does not exist.`, { clientId });
  return toClient(row, row.balance);
}

export function createClient(call: Call, input: ParsedInput<'clients.create'>): Client {
  const { tx } = call;
  const { lastInsertRowid } = tx.run(
    tx.k.insertInto('clients').values({
      name: input.name,
      email: input.email ?? null,
      company: input.company ?? null,
      created_at: call.nowIso,
      updated_at: call.nowIso,
    }),
  );
  const id = Number(lastInsertRowid);
  tx.run(
    tx.k
      .insertInto('client_balances')
      .values({ client_id: id, balance: 0, entry_count: 0, last_hash: GENESIS_HASH, last_created_at: null }),
  );
  return requireClient(tx, id);
}

export function updateClient(call: Call, input: ParsedInput<'clients.update'>): Client {
  const { tx } = call;
  const before = requireClient(tx, input.clientId);
  tx.run(
    tx.k
      .updateTable('clients')
      .set({
        name: input.name ?? before.name,
        email: input.email === undefined ? before.email : input.email,
        company: input.company === undefined ? before.company : input.company,
        updated_at: call.nowIso,
      })
      .where('id', '=', input.clientId),
  );
  return requireClient(tx, input.clientId);
}

/** Escapes LIKE wildcards so a search for "50%" finds "50%", not everything. */
function likePattern(query: string): string {
  return `%${query.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** Clients in name order with balances; `query` searches name, email and company. */
export function listClients(q: Queries, input: ParsedInput<'clients.list'>): Page<Client> {
  const limit = input.limit ?? DEFAULT_LIMIT;
  let query = q.k
    .selectFrom('clients')
    .innerJoin('client_balances', 'client_balances.client_id', 'clients.id')
    .selectAll('clients')
    .select('client_balances.balance');
  const search = input.query?.trim();
  if (search !== undefined && search !== '') {
    const pattern = likePattern(search);
    query = query.where((eb) =>
      eb.or([
        sql<boolean>`clients.name LIKE ${pattern} ESCAPE '\\'`,
        sql<boolean>`clients.email LIKE ${pattern} ESCAPE '\\'`,
        sql<boolean>`clients.company LIKE ${pattern} ESCAPE '\\'`,
      ]),
    );
  }
  if (input.cursor !== undefined) {
    const [name, id] = decodeCursor(input.cursor, ['string', 'number'] as const);
    query = query.where(
      sql<boolean>`(clients.name COLLATE NOCASE > ${name} OR (clients.name COLLATE NOCASE = ${name} AND clients.id > ${id}))`,
    );
  }
  const rows = q.all(
    query
      .orderBy(sql`clients.name COLLATE NOCASE`)
      .orderBy('clients.id')
      .limit(limit + 1),
  );
  return toPage(
    rows,
    limit,
    (r) => toClient(r, r.balance),
    (r) => [r.name, r.id],
  );
}
