/**
 * Credit packages (F2). Editing changes only future purchases: purchases and requests keep a
 * snapshot of the package. A package is never deleted, only archived; every change is audited.
 */
import { AppError, invalid } from '../../shared/result';
import { parseAmount } from '../../shared/money';
import type { CreditPackage, Page } from '../../shared/dto';
import type { ParsedInput } from '../../shared/contract';
import { defineQuery } from '../db/database';
import { insertedId, type AsyncQueries } from '../db/async-db';
import type { Call } from './context';
import { audit } from './audit';
import { DEFAULT_LIMIT, decodeCursor, toPage } from './cursor';
import { toPackage } from './mappers';

/** Loads a package or throws NOT_FOUND. */
const packageById = defineQuery(1, (k, id: number) => k.selectFrom('credit_packages').selectAll().where('id', '=', id));

export async function requirePackage(q: AsyncQueries, packageId: number): Promise<CreditPackage> {
  const row = await q.prepared(packageById).get(packageId);
  if (row === undefined) throw new AppError('NOT_FOUND', `Credit package ${packageId} does not exist.`, { packageId });
  return toPackage(row);
}

/** Minor units of a price already validated against its currency. */
function priceMinor(price: string, currency: string, field = 'price'): number {
  const parsed = parseAmount(price, currency);
  if (!parsed.ok) throw invalid(field, parsed.message);
  return parsed.minor;
}

export async function createPackage(call: Call, input: ParsedInput<'packages.create'>): Promise<CreditPackage> {
  const { tx } = call;
  const lastInsertRowid = await insertedId(
    tx,
    tx.k
      .insertInto('credit_packages')
      .values({
        name: input.name,
        credits: input.credits,
        currency: input.currency,
        price_minor: priceMinor(input.price, input.currency),
        archived: 0,
        created_at: call.nowIso,
        updated_at: call.nowIso,
      })
      .returning('id'),
  );
  const created = await requirePackage(tx, Number(lastInsertRowid));
  await audit(call, 'package', created.id, 'create', null, created);
  return created;
}

export async function updatePackage(call: Call, input: ParsedInput<'packages.update'>): Promise<CreditPackage> {
  const { tx } = call;
  const before = await requirePackage(tx, input.packageId);
  const currency = input.currency ?? before.currency;
  // A currency change without a new price must still fit the new currency (USD 3.51 is not a JPY price).
  const price = input.price ?? before.price;
  const minor = priceMinor(price, currency, input.price === undefined ? 'currency' : 'price');
  await tx.run(
    tx.k
      .updateTable('credit_packages')
      .set({
        name: input.name ?? before.name,
        credits: input.credits ?? before.credits,
        currency,
        price_minor: minor,
        updated_at: call.nowIso,
      })
      .where('id', '=', input.packageId),
  );
  const after = await requirePackage(tx, input.packageId);
  await audit(call, 'package', after.id, 'update', before, after);
  return after;
}

/** Archives or unarchives; doing what is already done changes nothing. */
export async function setArchived(call: Call, packageId: number, archived: boolean): Promise<CreditPackage> {
  const { tx } = call;
  const before = await requirePackage(tx, packageId);
  if (before.archived === archived) return before;
  await tx.run(
    tx.k
      .updateTable('credit_packages')
      .set({ archived: archived ? 1 : 0, updated_at: call.nowIso })
      .where('id', '=', packageId),
  );
  const after = await requirePackage(tx, packageId);
  await audit(call, 'package', packageId, archived ? 'archive' : 'unarchive', before, after);
  return after;
}

/** Packages in creation order; archived ones only when asked for. */
export async function listPackages(q: AsyncQueries, input: ParsedInput<'packages.list'>): Promise<Page<CreditPackage>> {
  const limit = input.limit ?? DEFAULT_LIMIT;
  let query = q.k.selectFrom('credit_packages').selectAll();
  if (input.includeArchived !== true) query = query.where('archived', '=', 0);
  if (input.cursor !== undefined) {
    const [id] = decodeCursor(input.cursor, ['number'] as const);
    query = query.where('id', '>', id);
  }
  const rows = await q.all(query.orderBy('id').limit(limit + 1));
  return toPage(rows, limit, toPackage, (r) => [r.id]);
}

/** A package as it was on offer: what a payment of that price bought. */
export type PackageVersion = Pick<CreditPackage, 'id' | 'name' | 'credits' | 'currency' | 'price'>;

/**
 * The package as it was sold for exactly `amountMinor` of `currency`: the current version
 * when it costs that, else the latest earlier version (read from the audit log, which keeps
 * every package as it was after each change) that did. A card payment started before a price
 * change arrives after it; it buys what was on offer when the client paid (F2: editing a
 * package changes only future purchases). Undefined when no version ever had that price.
 */
export async function packageVersionSoldAt(
  q: AsyncQueries,
  pkg: CreditPackage,
  amountMinor: number,
  currency: string,
): Promise<PackageVersion | undefined> {
  const costs = (v: PackageVersion) => {
    if (v.currency !== currency) return false;
    const price = parseAmount(v.price, v.currency);
    return price.ok && price.minor === amountMinor;
  };
  if (costs(pkg)) return pkg;
  const history = await q.all(
    q.k
      .selectFrom('audit_log')
      .select('after_json')
      .where('entity', '=', 'package')
      .where('entity_id', '=', pkg.id)
      .where('after_json', 'is not', null)
      .orderBy('id', 'desc'),
  );
  for (const { after_json } of history) {
    const version = JSON.parse(after_json!) as PackageVersion;
    if (costs(version)) return { ...version, id: pkg.id };
  }
  return undefined;
}
