/**
 * Times on the wire are ISO-8601 UTC ("2026-11-26T09:30:00.000Z"). Periods given as calendar
 * dates ("2026-11-01") are days in the agency's time zone (settings.timeZone): a date `from`
 * starts at that day's local midnight, and a date `to` includes the whole day (the period ends
 * at the next day's local midnight, exclusive).
 */

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const INSTANT_PATTERN = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/** True for a real IANA time zone name such as "Europe/Paris" or "UTC". */
export function isTimeZone(name: string): boolean {
  if (name.length === 0 || name.length > 64) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/** True for "YYYY-MM-DD" naming a real calendar day. */
export function isCalendarDate(text: string): boolean {
  const m = DATE_PATTERN.exec(text);
  if (m === null) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const probe = new Date(Date.UTC(y, mo - 1, d));
  return probe.getUTCFullYear() === y && probe.getUTCMonth() === mo - 1 && probe.getUTCDate() === d;
}

/** True for an ISO-8601 instant with an explicit offset ("…Z" or "…+02:00"). */
export function isInstant(text: string): boolean {
  return INSTANT_PATTERN.test(text) && !Number.isNaN(Date.parse(text));
}

/** The offset of `timeZone` from UTC at `utcMs`, in milliseconds (Paris in winter: +3 600 000). */
function zoneOffsetMs(utcMs: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(utcMs));
  const get = (type: string): number => Number(parts.find((p) => p.type === type)?.value ?? '0');
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return asUtc - Math.floor(utcMs / 1000) * 1000;
}

/** The UTC instant of local midnight starting `date` ("YYYY-MM-DD") in `timeZone`. */
export function startOfDay(date: string, timeZone: string): Date {
  const m = DATE_PATTERN.exec(date);
  if (m === null) throw new RangeError(`Not a date: ${date}`);
  const wallMs = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  // Two passes settle the offset even on a day whose midnight falls next to a DST change.
  let utc = wallMs - zoneOffsetMs(wallMs, timeZone);
  utc = wallMs - zoneOffsetMs(utc, timeZone);
  return new Date(utc);
}

/** The calendar date after `date`: "2026-12-31" → "2027-01-01". */
export function nextDate(date: string): string {
  const m = DATE_PATTERN.exec(date);
  if (m === null) throw new RangeError(`Not a date: ${date}`);
  return new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]) + 1)).toISOString().slice(0, 10);
}

/** The calendar date ("YYYY-MM-DD") that the instant falls on in `timeZone`. */
export function dateInZone(instant: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    instant,
  );
}

/** A half-open period [fromIso, toIso) in UTC ISO strings; either end may be open. */
export interface Period {
  fromIso: string | null;
  toIso: string | null;
}

/**
 * Resolves the `from`/`to` inputs of history and statement calls. A date is a local day in
 * `timeZone` (a `to` date includes that whole day); an instant is used as given, and an instant
 * `to` is inclusive of that exact moment.
 */
export function resolvePeriod(from: string | undefined, to: string | undefined, timeZone: string): Period {
  const fromIso =
    from === undefined
      ? null
      : isCalendarDate(from)
        ? startOfDay(from, timeZone).toISOString()
        : new Date(from).toISOString();
  const toIso =
    to === undefined
      ? null
      : isCalendarDate(to)
        ? startOfDay(nextDate(to), timeZone).toISOString()
        : new Date(Date.parse(to) + 1).toISOString();
  return { fromIso, toIso };
}
