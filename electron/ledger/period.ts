/**
 * The `from`/`to` of history, statements and exports, resolved once: dates are days in the
 * agency's time zone (shared/time.ts), and a period that ends before it starts is refused,
 * naming `from`, on every channel alike.
 */
import { invalid } from '../../shared/result';
import { resolvePeriod, type Period } from '../../shared/time';

/** The resolved period [start, end) in the agency's zone; refuses a period that ends before it starts. */
export function periodOf(from: string | undefined, to: string | undefined, timeZone: string): Period {
  const period = resolvePeriod(from, to, timeZone);
  if (period.fromIso !== null && period.toIso !== null && period.fromIso >= period.toIso) {
    throw invalid('from', 'The start of the period must be before its end.', { from, to });
  }
  return period;
}
