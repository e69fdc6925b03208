/** Invoices (F12): what a client owes; paid with credits by spending.service. */
import { AppError, invalid } from '../../shared/result';
import { parseAmount } from '../../shared/money';
import type { Invoice, Page } from '../../shared/dto';
import type { ParsedInput } from '../../shared/contract';
import { defineQuery } from '../db/database';
import { insertedId, type AsyncQueries } from '../db/async-db';
import type { Call } from './context';
import { audit } from './audit';
import { requireClient } from './clients.service';
import { DEFAULT_LIMIT, decodeCursor, toPage } from './cursor';
import { toInvoice } from './mappers';

/** The first free "INV-00042"-style number at or after the next id. */
async function nextInvoiceNumber(q: AsyncQueries): Promise<string> {
  const row = await q.get(q.k.selectFrom('invoices').select((eb) => eb.fn.max('id').as('maxId')));
  for (let n = (row?.maxId ?? 0) + 1; ; n++) {
    const candidate = `INV-${String(n).padStart(5, '0')}`;
    if ((await q.get(q.k.selectFrom('invoices').select('id').where('number', '=', candidate))) === undefined)
      return candidate;
  }
}

/** Loads an invoice or throws NOT_FOUND. */
const invoiceById = defineQuery(1, (k, id: number) => k.selectFrom('invoices').selectAll().where('id', '=', id));

export async function requireInvoice(q: AsyncQueries, invoiceId: number): Promise<Invoice> {
  const row = await q.prepared(invoiceById).get(invoiceId);
  if (row === undefined) throw new AppError('NOT_FOUND', `Invoice ${invoiceId} does not exist.`, { invoiceId });
  return toInvoice(row);
}

export async function createInvoice(call: Call, input: ParsedInput<'invoices.create'>): Promise<Invoice> {
  const { tx } = call;
  await requireClient(tx, input.clientId);
  const amount = parseAmount(input.amount, input.currency);
  if (!amount.ok) throw invalid('amount', amount.message);
  const number = input.number ?? (await nextInvoiceNumber(tx));
  const taken = await tx.get(tx.k.selectFrom('invoices').select('id').where('number', '=', number));
  if (taken !== undefined) {
    throw new AppError('CONFLICT', `Invoice number ${number} is already used.`, { field: 'number' });
  }
  const lastInsertRowid = await insertedId(
    tx,
    tx.k
      .insertInto('invoices')
      .values({
        number,
        client_id: input.clientId,
        amount_minor: amount.minor,
        currency: input.currency,
        status: 'unpaid',
        created_at: call.nowIso,
        paid_at: null,
      })
      .returning('id'),
  );
  const id = Number(lastInsertRowid);
  return await requireInvoice(tx, id);
}

export async function voidInvoice(call: Call, input: ParsedInput<'invoices.void'>): Promise<Invoice> {
  const before = await requireInvoice(call.tx, input.invoiceId);
  if (before.status !== 'unpaid') {
    throw new AppError('INVOICE_NOT_PAYABLE', `Invoice ${before.number} is ${before.status} and cannot be voided.`, {
      invoiceId: before.id,
      status: before.status,
    });
  }
  await call.tx.run(call.tx.k.updateTable('invoices').set({ status: 'void' }).where('id', '=', before.id));
  const after = await requireInvoice(call.tx, before.id);
  await audit(call, 'invoice', after.id, 'void', before, after);
  return after;
}

/** Invoices newest first, by client and/or status. */
export async function listInvoices(q: AsyncQueries, input: ParsedInput<'invoices.list'>): Promise<Page<Invoice>> {
  const limit = input.limit ?? DEFAULT_LIMIT;
  let query = q.k.selectFrom('invoices').selectAll();
  if (input.clientId !== undefined) query = query.where('client_id', '=', input.clientId);
  if (input.status !== undefined) query = query.where('status', '=', input.status);
  if (input.cursor !== undefined) {
    const [id] = decodeCursor(input.cursor, ['number'] as const);
    query = query.where('id', '<', id);
  }
  const rows = await q.all(query.orderBy('id', 'desc').limit(limit + 1));
  return toPage(rows, limit, toInvoice, (r) => [r.id]);
}
