import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { formatLocalDateTime, type Statement } from '../../shared/statements';
import { dateInZone, resolvePeriod } from '../../shared/time';
import { openLedger, type Ledger } from './helpers';

let open: Ledger[] = [];
afterEach(() => {
  for (const l of open) l.db.close();
  open = [];
});
async function ledger(timeZone?: string): Promise<Ledger> {
  const l = await openLedger(':memory:', timeZone);
  open.push(l);
  return l;
}

const DAY = 24 * 3600 * 1000;
const START = Date.parse('2026-03-20T00:00:00Z');

describe('statements.get over random ledgers and periods', () => {
  it('opening + Σin − Σout = closing = the balance at the end of the period; lines are the period’s entries', async () => {
    const zones = ['Europe/London', 'America/New_York', 'Asia/Kolkata'];
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...zones),
        fc.array(
          fc.record({
            gapMs: fc.integer({ min: 0, max: 3 * DAY }),
            direction: fc.constantFrom('in' as const, 'out' as const),
            credits: fc.integer({ min: 1, max: 500 }),
          }),
          { maxLength: 40 },
        ),
        fc.option(fc.integer({ min: -2, max: 70 })),
        fc.option(fc.integer({ min: 0, max: 30 })),
        async (timeZone, ops, fromDay, spanDays) => {
          const l = await ledger(timeZone);
          const clientId = await l.client('Chloé Lefèvre');
          const model: { at: number; direction: 'in' | 'out'; credits: number; balance: number }[] = [];
          let t = START;
          let balance = 0;
          for (const op of ops) {
            t += op.gapMs;
            const direction = op.direction === 'out' && op.credits > balance ? 'in' : op.direction;
            balance += direction === 'in' ? op.credits : -op.credits;
            await l.post(clientId, t, direction, op.credits);
            model.push({ at: t, direction, credits: op.credits, balance });
          }
          const day = (n: number) => dateInZone(new Date(START + n * DAY), timeZone);
          const from = fromDay === null ? undefined : day(fromDay);
          const to = spanDays === null ? undefined : day((fromDay ?? 0) + spanDays);
          const s = await l.call('statements.get', { clientId, ...(from && { from }), ...(to && { to }) });

          const { fromIso, toIso } = resolvePeriod(from, to, timeZone);
          const start = fromIso === null ? -Infinity : Date.parse(fromIso);
          const end = toIso === null ? Infinity : Date.parse(toIso);
          const inPeriod = model.filter((e) => e.at >= start && e.at < end);
          const before = model.filter((e) => e.at < start);
          const atEnd = model.filter((e) => e.at < end);
          expect(s.lines.map((x) => [Date.parse(x.date), x.creditsIn, x.creditsOut, x.balance])).toEqual(
            inPeriod.map((e) => [
              e.at,
              e.direction === 'in' ? e.credits : 0,
              e.direction === 'out' ? e.credits : 0,
              e.balance,
            ]),
          );
          expect(s.openingBalance).toBe(before.at(-1)?.balance ?? 0);
          const sumIn = s.lines.reduce((n, x) => n + x.creditsIn, 0);
          const sumOut = s.lines.reduce((n, x) => n + x.creditsOut, 0);
          expect([s.totalIn, s.totalOut]).toEqual([sumIn, sumOut]);
          expect(s.openingBalance + sumIn - sumOut).toBe(s.closingBalance);
          expect(s.closingBalance).toBe(atEnd.at(-1)?.balance ?? 0);
          l.db.close();
          open = open.filter((x) => x !== l);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('describes the client, agency, zone and period, and refuses what it cannot show', async () => {
    const l = await ledger();
    const clientId = await l.client('Bergmann & Söhne');
    await l.post(clientId, '2026-06-10T09:00:00Z', 'in', 100, 'First top-up');
    l.at('2026-07-01T08:00:00Z');
    const s: Statement = await l.call('statements.get', { clientId, from: '2026-06-01', to: '2026-06-30' });
    expect(s).toMatchObject({
      client: { id: clientId, name: 'Bergmann & Söhne' },
      agencyName: 'Brightline Creative Agency',
      timeZone: 'Europe/London',
      from: '2026-06-01',
      to: '2026-06-30',
      periodStart: '2026-05-31T23:00:00.000Z',
      periodEnd: '2026-06-30T23:00:00.000Z',
      openingBalance: 0,
      totalIn: 100,
      totalOut: 0,
      closingBalance: 100,
      generatedAt: '2026-07-01T08:00:00.000Z',
    });
    expect(s.lines).toEqual([
      {
        id: expect.any(Number),
        date: '2026-06-10T09:00:00.000Z',
        type: 'adjustment',
        reference: 'Adjustment (credit)',
        memo: 'First top-up',
        creditsIn: 100,
        creditsOut: 0,
        balance: 100,
      },
    ]);
    expect(await l.refusal('statements.get', { clientId: 999 })).toMatchObject({ code: 'NOT_FOUND' });
    expect(await l.refusal('statements.get', { clientId, from: '2026-07-01', to: '2026-06-30' })).toMatchObject({
      code: 'VALIDATION_ERROR',
      details: { field: 'from' },
    });
    expect(await l.refusal('statements.get', { clientId, from: '2026-02-30' })).toMatchObject({
      code: 'VALIDATION_ERROR',
      details: { field: 'from' },
    });
    expect(await l.refusal('statements.get', { clientId, extra: 1 })).toMatchObject({
      code: 'VALIDATION_ERROR',
      details: { field: 'extra' },
    });
  });

  it('refuses more than STATEMENT_MAX_LINES lines on screen and points to the export', async () => {
    const l = await ledger();
    const clientId = await l.client('Busy Client');
    // One router call per entry (each its own transaction).
    for (let i = 0; i < 10_001; i++) await l.post(clientId, START + i * 1000, 'in', 1);
    const error = await l.refusal('statements.get', { clientId });
    expect(error).toMatchObject({
      code: 'VALIDATION_ERROR',
      details: { field: 'from', lines: 10_001, maxLines: 10_000 },
    });
    expect(error.message).toMatch(/Export it as CSV or PDF/);
    expect(
      (await l.call('statements.get', { clientId, to: new Date(START + 4_999_000).toISOString() })).lines,
    ).toHaveLength(5_000);
  });
});

describe('period boundaries in the agency’s time zone', () => {
  // [zone, from, to, local midnight starting `from` (UTC), local midnight after `to` (UTC)]
  const cases: [string, string, string, string, string][] = [
    // London: BST starts 2026-03-29 01:00 UTC, so 30 March starts at 23:00 UTC the day before.
    ['Europe/London', '2026-03-29', '2026-03-29', '2026-03-29T00:00:00.000Z', '2026-03-29T23:00:00.000Z'],
    // London: BST ends 2026-10-25; 24 Oct starts in BST, 26 Oct in GMT.
    ['Europe/London', '2026-10-24', '2026-10-25', '2026-10-23T23:00:00.000Z', '2026-10-26T00:00:00.000Z'],
    // New York: EDT starts 2026-03-08.
    ['America/New_York', '2026-03-07', '2026-03-08', '2026-03-07T05:00:00.000Z', '2026-03-09T04:00:00.000Z'],
    ['America/New_York', '2026-11-01', '2026-11-01', '2026-11-01T04:00:00.000Z', '2026-11-02T05:00:00.000Z'],
  ];
  it.each(cases)('%s %s..%s: 00:00 of from is in, 00:00 after to is out', async (zone, from, to, startIso, endIso) => {
    const l = await ledger(zone);
    const clientId = await l.client('Edge Case Ltd');
    const start = Date.parse(startIso);
    const end = Date.parse(endIso);
    await l.post(clientId, start - 1, 'in', 1, 'just before');
    await l.post(clientId, start, 'in', 10, 'first instant');
    await l.post(clientId, end - 1, 'in', 100, 'last instant');
    await l.post(clientId, end, 'in', 1000, 'day after');
    const s = await l.call('statements.get', { clientId, from, to });
    expect(s.periodStart).toBe(startIso);
    expect(s.periodEnd).toBe(endIso);
    expect(s.lines.map((x) => x.memo)).toEqual(['first instant', 'last instant']);
    expect([s.openingBalance, s.totalIn, s.closingBalance]).toEqual([1, 110, 111]);
  });
});

describe('formatLocalDateTime', () => {
  it('agrees with Intl in every zone across DST changes and odd offsets', () => {
    for (const timeZone of [
      'Europe/London',
      'America/New_York',
      'Asia/Kolkata',
      'Australia/Lord_Howe',
      'Asia/Kathmandu',
    ]) {
      const f = new Intl.DateTimeFormat('en-CA', {
        timeZone,
        hourCycle: 'h23',
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
      });
      for (
        let ms = Date.parse('2026-01-01T00:00:00Z');
        ms < Date.parse('2027-01-01T00:00:00Z');
        ms += 37 * 60 * 1000 + 7_000
      ) {
        const p = Object.fromEntries(f.formatToParts(new Date(ms)).map((x) => [x.type, x.value]));
        expect(formatLocalDateTime(new Date(ms).toISOString(), timeZone)).toBe(
          `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`,
        );
      }
    }
  });
});
