import { Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { dateTime } from '../../lib/format';

export interface FieldChange {
  field: string;
  before: string | null;
  after: string | null;
}

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;
/** Bookkeeping fields the badge or the row's own time already say. */
const HIDDEN = new Set(['id', 'createdAt', 'updatedAt']);

function show(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'string') return value === '' ? '""' : INSTANT.test(value) ? dateTime(value) : value;
  return JSON.stringify(value);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The fields that differ between two snapshots (timestamps of the change itself left out). */
export function changedFields(before: unknown, after: unknown): FieldChange[] {
  if (!isRecord(before) && !isRecord(after)) {
    return JSON.stringify(before) === JSON.stringify(after)
      ? []
      : [{ field: 'value', before: before === null ? null : show(before), after: after === null ? null : show(after) }];
  }
  const b = isRecord(before) ? before : {};
  const a = isRecord(after) ? after : {};
  const fields = [...new Set([...Object.keys(b), ...Object.keys(a)])].filter((f) => !HIDDEN.has(f));
  return fields
    .filter((f) => JSON.stringify(b[f]) !== JSON.stringify(a[f]))
    .map((f) => ({
      field: f,
      before: isRecord(before) && f in b ? show(b[f]) : null,
      after: isRecord(after) && f in a ? show(a[f]) : null,
    }));
}

/** A compact before → after list of the changed fields. */
export function AuditDiff({ before, after }: { before: unknown; after: unknown }) {
  const { t } = useTranslation();
  const changes = changedFields(before, after);
  if (changes.length === 0) {
    return (
      <Text size="xs" c="dimmed">
        {t('audit.noChange')}
      </Text>
    );
  }
  // A record created (or removed) reads as one line of its fields rather than a list of changes.
  if (changes.every((c) => c.before === null) || changes.every((c) => c.after === null)) {
    const created = changes.every((c) => c.before === null);
    return (
      <Text size="xs" className={created ? 'audit-after' : 'audit-before'}>
        {changes.map((c, i) => (
          <span key={c.field}>
            {i > 0 && ' · '}
            <span className="audit-field">{c.field}</span> {created ? c.after : c.before}
          </span>
        ))}
      </Text>
    );
  }
  return (
    <ul className="audit-diff">
      {changes.map((c) => (
        <li key={c.field}>
          <span className="audit-field">{c.field}</span>{' '}
          {c.before !== null && <span className="audit-before">{c.before}</span>}
          {c.before !== null && c.after !== null && <span aria-label={t('audit.changedTo')}> → </span>}
          {c.after !== null && <span className="audit-after">{c.after}</span>}
        </li>
      ))}
    </ul>
  );
}
