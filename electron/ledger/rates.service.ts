/**
 * Conversion rates (F3, F4). One active rate per currency, enforced by a partial unique
 * index; setting a new rate retires the old one in the same transaction, and the history
 * keeps when each rate was in force.
 */
import { sql } from 'kysely';
import { AppError, invalid } from '../../shared/result';
import { convert, formatMinor, MAX_CREDITS, parseAmount, parseRate, type Conversion } from '../../shared/money';
import type { Page, Quote, Rate } from '../../shared/dto';
import type { ParsedInput } from '../../shared/contract';
import { defineQuery } from '../db/database';
import { insertedId, type AsyncQueries } from '../db/async-db';
import type { Call } from './context';
import { audit } from './audit';
import { DEFAULT_LIMIT, decodeCursor, toPage } from './cursor';
import { toRate } from './mappers';

/**
 * `active = 1` is written as a literal, not a bound parameter: SQLite matches a bound value
 * against the partial index conversion_rates_one_active (WHERE active = 1) only by marking the
 * statement to be re-prepared whenever that parameter is bound, i.e. on every spend (~2.5×
 * the cost of the lookup).
 */
export const activeRateOf = defineQuery(1, (k, currency: string) =>
  k.selectFrom('conversion_rates').selectAll().where('currency', '=', currency).where('active', '=', sql.lit(1)),
);

/** The active rate for a currency, if any. */
export async function activeRate(q: AsyncQueries, currency: string): Promise<Rate | undefined> {
  const row = await q.prepared(activeRateOf).get(currency);
  return row === undefined ? undefined : toRate(row);
}

/** The active rate, or NO_ACTIVE_RATE naming the currency. */
export async function requireActiveRate(q: AsyncQueries, currency: string): Promise<Rate> {
  const rate = await activeRate(q, currency);
  if (rate === undefined) {
    throw new AppError(
      'NO_ACTIVE_RATE',
      `There is no active conversion rate for ${currency}. Add one in Credits settings → Conversion rates.`,
      { currency },
    );
  }
  return rate;
}

async function retire(call: Call, rate: Rate): Promise<Rate> {
  await call.tx.run(
    call.tx.k
      .updateTable('conversion_rates')
      .set({ active: 0, active_to: call.nowIso })
      .where('id', '=', rate.id)
      .where('active', '=', 1),
  );
  return { ...rate, active: false, activeTo: call.nowIso };
}

export async function setRate(call: Call, input: ParsedInput<'rates.set'>): Promise<Rate> {
  const { tx } = call;
  const parsed = parseRate(input.creditsPerUnit);
  if (!parsed.ok) throw new AppError('VALIDATION_ERROR', parsed.message, { field: 'creditsPerUnit' });
  const current = await activeRate(tx, input.currency);
  // Re-entering the rate already in force is not a change: no retirement, no history noise.
  if (current !== undefined && current.creditsPerUnit === parsed.rate) return current;
  if (current !== undefined) await retire(call, current);
  const lastInsertRowid = await insertedId(
    tx,
    tx.k
      .insertInto('conversion_rates')
      .values({
        currency: input.currency,
        credits_per_unit: parsed.rate,
        active: 1,
        active_from: call.nowIso,
        active_to: null,
        created_by: call.actor,
      })
      .returning('id'),
  );
  const created = toRate(
    (await tx.get(tx.k.selectFrom('conversion_rates').selectAll().where('id', '=', Number(lastInsertRowid))))!,
  );
  await audit(call, 'rate', created.id, current === undefined ? 'set' : 'replace', current ?? null, created);
  return created;
}

export async function deactivateRate(call: Call, input: ParsedInput<'rates.deactivate'>): Promise<Rate> {
  const { tx } = call;
  let rate: Rate | undefined;
  if (input.rateId !== undefined) {
    const row = await tx.get(tx.k.selectFrom('conversion_rates').selectAll().where('id', '=', input.rateId));
    if (row === undefined)
      throw new AppError('NOT_FOUND', `Conversion rate ${input.rateId} does not exist.`, { rateId: input.rateId });
    rate = toRate(row);
    if (!rate.active) {
      throw new AppError('CONFLICT', `Conversion rate ${rate.id} was already retired on ${rate.activeTo ?? '?'}.`, {
        rateId: rate.id,
      });
    }
  } else if (input.currency !== undefined) {
    rate = await activeRate(tx, input.currency);
    if (rate === undefined) {
      throw new AppError('NOT_FOUND', `There is no active conversion rate for ${input.currency}.`, {
        currency: input.currency,
      });
    }
  }
  if (rate === undefined)
    throw new AppError('VALIDATION_ERROR', 'Name the currency or the rate to deactivate.', { field: 'currency' });
  const retired = await retire(call, rate);
  await audit(call, 'rate', rate.id, 'deactivate', rate, retired);
  return retired;
}

/** Active rates (or the whole history) ordered by currency, newest first within a currency. */
export async function listRates(q: AsyncQueries, input: ParsedInput<'rates.list'>): Promise<Page<Rate>> {
  const limit = input.limit ?? DEFAULT_LIMIT;
  let query = q.k.selectFrom('conversion_rates').selectAll();
  if (input.currency !== undefined) query = query.where('currency', '=', input.currency);
  if (input.includeHistory !== true) query = query.where('active', '=', 1);
  if (input.cursor !== undefined) {
    const [currency, id] = decodeCursor(input.cursor, ['string', 'number'] as const);
    query = query.where((eb) =>
      eb.or([eb('currency', '>', currency), eb.and([eb('currency', '=', currency), eb('id', '<', id)])]),
    );
  }
  const rows = await q.all(
    query
      .orderBy('currency')
      .orderBy('id', 'desc')
      .limit(limit + 1),
  );
  return toPage(rows, limit, toRate, (r) => [r.currency, r.id]);
}

/**
 * {@link convert}, refusing a product no balance could ever hold: beyond MAX_CREDITS the
 * credits figure is not even an exact JS integer (10¹² USD at 10¹⁵ credits per dollar came
 * back as 9.99e26 and reached SQLite as a REAL). MAX_CREDITS < 2⁵³, so the comparison is
 * exact even when `credits` is not.
 */
export function convertChargeable(minor: number, currency: string, rate: string, field: string): Conversion {
  const conversion = convert(minor, currency, rate);
  if (conversion.credits > MAX_CREDITS) {
    throw invalid(
      field,
      `${formatMinor(minor, currency)} ${currency} converts to more credits than Credit Desk can hold at the current rate.`,
    );
  }
  return conversion;
}

/** What an amount costs in credits at today's rate (F4). */
export async function quote(q: AsyncQueries, input: ParsedInput<'rates.quote'>): Promise<Quote> {
  const parsed = parseAmount(input.amount, input.currency);
  if (!parsed.ok) throw new AppError('VALIDATION_ERROR', parsed.message, { field: 'amount' });
  const rate = await requireActiveRate(q, input.currency);
  const c = convertChargeable(parsed.minor, input.currency, rate.creditsPerUnit, 'amount');
  return {
    amount: formatMinor(parsed.minor, input.currency),
    currency: input.currency,
    credits: c.credits,
    exactCredits: c.exactCredits,
    creditsPerUnit: rate.creditsPerUnit,
    rateId: rate.id,
  };
}
