/** The service catalogue (F12): what clients can buy with credits. Changes are audited. */
import { AppError, invalid } from '../../shared/result';
import { parseAmount } from '../../shared/money';
import type { Page, Service } from '../../shared/dto';
import type { ParsedInput } from '../../shared/contract';
import { defineQuery } from '../db/database';
import { insertedId, type AsyncQueries } from '../db/async-db';
import type { Call } from './context';
import { audit } from './audit';
import { DEFAULT_LIMIT, decodeCursor, toPage } from './cursor';
import { toService } from './mappers';

/** Loads a service or throws NOT_FOUND. */
const serviceById = defineQuery(1, (k, id: number) => k.selectFrom('services').selectAll().where('id', '=', id));

export async function requireService(q: AsyncQueries, serviceId: number): Promise<Service> {
  const row = await q.prepared(serviceById).get(serviceId);
  if (row === undefined) throw new AppError('NOT_FOUND', `Service ${serviceId} does not exist.`, { serviceId });
  return toService(row);
}

export async function createService(call: Call, input: ParsedInput<'services.create'>): Promise<Service> {
  const price = parseAmount(input.price, input.currency);
  if (!price.ok) throw invalid('price', price.message);
  const lastInsertRowid = await insertedId(
    call.tx,
    call.tx.k
      .insertInto('services')
      .values({
        name: input.name,
        price_minor: price.minor,
        currency: input.currency,
        active: input.active === false ? 0 : 1,
        created_at: call.nowIso,
        updated_at: call.nowIso,
      })
      .returning('id'),
  );
  const created = await requireService(call.tx, Number(lastInsertRowid));
  await audit(call, 'service', created.id, 'create', null, created);
  return created;
}

export async function updateService(call: Call, input: ParsedInput<'services.update'>): Promise<Service> {
  const before = await requireService(call.tx, input.serviceId);
  const currency = input.currency ?? before.currency;
  const price = parseAmount(input.price ?? before.price, currency);
  if (!price.ok) throw invalid(input.price === undefined ? 'currency' : 'price', price.message);
  await call.tx.run(
    call.tx.k
      .updateTable('services')
      .set({
        name: input.name ?? before.name,
        price_minor: price.minor,
        currency,
        active: (input.active ?? before.active) ? 1 : 0,
        updated_at: call.nowIso,
      })
      .where('id', '=', input.serviceId),
  );
  const after = await requireService(call.tx, input.serviceId);
  await audit(call, 'service', after.id, 'update', before, after);
  return after;
}

/** Services in creation order; inactive ones only when asked for. */
export async function listServices(q: AsyncQueries, input: ParsedInput<'services.list'>): Promise<Page<Service>> {
  const limit = input.limit ?? DEFAULT_LIMIT;
  let query = q.k.selectFrom('services').selectAll();
  if (input.includeInactive !== true) query = query.where('active', '=', 1);
  if (input.cursor !== undefined) {
    const [id] = decodeCursor(input.cursor, ['number'] as const);
    query = query.where('id', '>', id);
  }
  const rows = await q.all(query.orderBy('id').limit(limit + 1));
  return toPage(rows, limit, toService, (r) => [r.id]);
}
