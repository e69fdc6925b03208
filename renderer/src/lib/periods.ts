/**
 * Statement periods as calendar dates in the agency's time zone (settings.timeZone): "this
 * month" at 00:30 on the 1st in Auckland is already the new month there, whatever the clock of
 * this computer says. The API reads a date `to` as the whole of that day.
 */
import { dateInZone } from '../../../shared/time';
import { t } from '../i18n';

export type PeriodPreset = 'this-month' | 'last-month' | 'this-year' | 'custom';

const PRESETS: PeriodPreset[] = ['this-month', 'last-month', 'this-year', 'custom'];

/** The presets with their labels in the current language (called at render time). */
export function periodPresets(): { value: PeriodPreset; label: string }[] {
  return PRESETS.map((value) => ({ value, label: t(`periods.${value}`) }));
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The last day of a month (month 1–12). */
function lastDay(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** The from/to dates of a preset, in `timeZone`, as of `now`. */
export function presetPeriod(preset: Exclude<PeriodPreset, 'custom'>, timeZone: string, now = new Date()) {
  const today = dateInZone(now, timeZone);
  const year = Number(today.slice(0, 4));
  const month = Number(today.slice(5, 7));
  switch (preset) {
    case 'this-month':
      return { from: `${year}-${pad(month)}-01`, to: today };
    case 'last-month': {
      const y = month === 1 ? year - 1 : year;
      const m = month === 1 ? 12 : month - 1;
      return { from: `${y}-${pad(m)}-01`, to: `${y}-${pad(m)}-${pad(lastDay(y, m))}` };
    }
    case 'this-year':
      return { from: `${year}-01-01`, to: today };
  }
}

/** Which preset a from/to pair is, if any (so a reloaded URL shows the right choice). */
export function presetOf(from: string, to: string, timeZone: string, now = new Date()): PeriodPreset {
  for (const preset of ['this-month', 'last-month', 'this-year'] as const) {
    const p = presetPeriod(preset, timeZone, now);
    if (p.from === from && p.to === to) return preset;
  }
  return 'custom';
}
