/** Reading the audit log of settings, package, rate and catalogue changes (F9), newest first. */
import type { AuditRecord, Page } from '../../shared/dto';
import type { ParsedInput } from '../../shared/contract';
import type { AsyncQueries } from '../db/async-db';
import { DEFAULT_LIMIT, decodeCursor, toPage } from './cursor';

export async function listAudit(q: AsyncQueries, input: ParsedInput<'audit.list'>): Promise<Page<AuditRecord>> {
  const limit = input.limit ?? DEFAULT_LIMIT;
  let query = q.k.selectFrom('audit_log').selectAll();
  if (input.entity !== undefined) query = query.where('entity', '=', input.entity);
  if (input.cursor !== undefined) {
    const [id] = decodeCursor(input.cursor, ['number'] as const);
    query = query.where('id', '<', id);
  }
  const rows = await q.all(query.orderBy('id', 'desc').limit(limit + 1));
  return toPage(
    rows,
    limit,
    (r) => ({
      id: r.id,
      at: r.at,
      actor: r.actor,
      entity: r.entity,
      entityId: r.entity_id,
      action: r.action,
      before: r.before_json === null ? null : (JSON.parse(r.before_json) as unknown),
      after: r.after_json === null ? null : (JSON.parse(r.after_json) as unknown),
    }),
    (r) => [r.id],
  );
}
