/** Clients (F12): who holds credits. Each client gets its balance row at creation. */
import { sql } from 'kysely';
import { foldCase, likeIgnoringCase } from '../db/async-db.text';
import { AppError } from '../../shared/result';
import type { Client, Page } from '../../shared/dto';
import type { ParsedInput } from '../../shared/contract';
import { defineQuery } from '../db/database';
import { insertedId, type AsyncQueries } from '../db/async-db';
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
export async function requireClient(q: AsyncQueries, clientId: number): Promise<Client> {
  const row = await q.prepared(clientWithBalance).get(clientId);
  if (row === undefined) throw new AppError('NOT_FOUND', `Client ${clientId} does not exist.`, { clientId });
  return toClient(row, row.balance);
}

export async function createClient(call: Call, input: ParsedInput<'clients.create'>): Promise<Client> {
  const { tx } = call;
  const lastInsertRowid = await insertedId(
    tx,
    tx.k
      .insertInto('clients')
      .values({
        name: input.name,
        email: input.email ?? null,
        company: input.company ?? null,
        created_at: call.nowIso,
        updated_at: call.nowIso,
      })
      .returning('id'),
  );
  const id = Number(lastInsertRowid);
  await tx.run(
    tx.k
      .insertInto('client_balances')
      .values({ client_id: id, balance: 0, entry_count: 0, last_hash: GENESIS_HASH, last_created_at: null }),
  );
  return await requireClient(tx, id);
}

export async function updateClient(call: Call, input: ParsedInput<'clients.update'>): Promise<Client> {
  const { tx } = call;
  const before = await requireClient(tx, input.clientId);
  await tx.run(
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
  return await requireClient(tx, input.clientId);
}

/** Escapes LIKE wildcards so a search for "50%" finds "50%", not everything. */
function likePattern(query: string): string {
  return `%${query.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** Clients in name order with balances; `query` searches name, email and company. */
export async function listClients(q: AsyncQueries, input: ParsedInput<'clients.list'>): Promise<Page<Client>> {
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
        likeIgnoringCase(q.engine, sql.ref('clients.name'), pattern),
        likeIgnoringCase(q.engine, sql.ref('clients.email'), pattern),
        likeIgnoringCase(q.engine, sql.ref('clients.company'), pattern),
      ]),
    );
  }
  if (input.cursor !== undefined) {
    const [name, id] = decodeCursor(input.cursor, ['string', 'number'] as const);
    // Both sides folded: NOCASE on SQLite, lower() on PostgreSQL (db/async-db.text.ts).
    const folded = foldCase(q.engine, sql.ref('clients.name'));
    const after = foldCase(q.engine, name);
    query = query.where(sql<boolean>`(${folded} > ${after} OR (${folded} = ${after} AND clients.id > ${id}))`);
  }
  const rows = await q.all(
    query
      .orderBy(foldCase(q.engine, sql.ref('clients.name')))
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
