/** The service catalogue (F12): what clients can buy with credits. Changes are audited. */
import { AppError, invalid } from '../../shared/result';
import { parseAmount } from '../../shared/money';
import type { Page, Service } from '../../shared/dto';
import type { ParsedInput } from '../../shared/contract';
import { defineQuery, type Queries } from '../db/database';
import type { Call } from './context';
import { audit } from './audit';
import { DEFAULT_LIMIT, decodeCursor, toPage } from './cursor';
import { toService } from './mappers';

/** Loads a service or throws NOT_FOUND. */
const serviceById = defineQuery(1, (k, id: number) => k.selectFrom('services').selectAll().where('id', '=', id));

export function requireService(q: Queries, serviceId: number): Service {
  const row = q.prepared(serviceById).get(serviceId);
  if (row === undefined) throw new AppError('NOT_FOUND', `Service ${serviceId} does not exist.`, { serviceId });
  return toService(row);
}

export function createService(call: Call, input: ParsedInput<'services.create'>): Service {
  const price = parseAmount(input.price, input.currency);
  if (!price.ok) throw invalid('price', price.message);
  const { lastInsertRowid } = call.tx.run(
    call.tx.k.insertInto('services').values({
      name: input.name,
      price_minor: price.minor,
      currency: input.currency,
      active: input.active === false ? 0 : 1,
      created_at: call.nowIso,
      updated_at: call.nowIso,
    }),
  );
  const created = requireService(call.tx, Number(lastInsertRowid));
  audit(call, 'service', created.id, 'create', null, created);
  return created;
}

export function updateService(call: Call, input: ParsedInput<'services.update'>): Service {
  const before = requireService(call.tx, input.serviceId);
  const currency = input.currency ?? before.currency;
  const price = parseAmount(input.price ?? before.price, currency);
  if (!price.ok) throw invalid(input.price === undefined ? 'currency' : 'price', price.message);
  call.tx.run(
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
  const after = requireService(call.tx, input.serviceId);
  audit(call, 'service', after.id, 'update', before, after);
  return after;
}

/** Services in creation order; inactive ones only when asked for. */
export function listServices(q: Queries, input: ParsedInput<'services.list'>): Page<Service> {
  const limit = input.limit ?? DEFAULT_LIMIT;
  let query = q.k.selectFrom('services').selectAll();
  if (input.includeInactive !== true) query = query.where('active', '=', 1);
  if (input.cursor !== undefined) {
    const [id] = decodeCursor(input.cursor, ['number'] as const);
    query = query.where('id', '>', id);
  }
  const rows = q.all(query.orderBy('id').limit(limit + 1));
  return toPage(rows, limit, toService, (r) => [r.id]);
}
