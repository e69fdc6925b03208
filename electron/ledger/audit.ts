/**
 * The audit log of settings, package and rate changes (PRODUCT F9): who, when, before, after.
 * Append-only in the database, like the ledger.
 */
import type { Call } from './context';

/** Records one change. `before` is null on creation, `after` null on removal. */
export async function audit(
  call: Call,
  entity: 'settings' | 'package' | 'rate' | 'service' | 'client' | 'invoice',
  entityId: number | null,
  action: string,
  before: unknown,
  after: unknown,
): Promise<void> {
  await call.tx.run(
    call.tx.k.insertInto('audit_log').values({
      at: call.nowIso,
      actor: call.actor,
      entity,
      entity_id: entityId,
      action,
      before_json: before === null ? null : JSON.stringify(before),
      after_json: after === null ? null : JSON.stringify(after),
    }),
  );
}
