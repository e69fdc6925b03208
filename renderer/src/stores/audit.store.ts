/** The audit log (F9): settings, package, rate, service, client and invoice changes, newest first. */
import type { AuditRecord } from '../../../shared/dto';
import { call } from '../api';
import { createPagedStore } from './paged';

export const AUDIT_ENTITIES = ['settings', 'package', 'rate', 'service', 'client', 'invoice'] as const;
export type AuditEntity = (typeof AUDIT_ENTITIES)[number];

export const useAuditLog = createPagedStore<AuditRecord, { entity: AuditEntity | null }>((filter, cursor) =>
  call('audit.list', { entity: filter.entity ?? undefined, cursor, limit: 50 }),
);
