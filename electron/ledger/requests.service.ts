/**
 * Credit requests (F6): bank transfers and crypto payments wait for staff. Decisions are
 * final and exactly-once: the status moves from pending only through a conditional UPDATE
 * (`WHERE status = 'pending'`), a trigger refuses any change to a decided request, and a
 * unique index allows one ledger entry per request. Works offline: nothing here needs the
 * network.
 */
import { AppError } from '../../shared/result';
import type { CreditRequest, LedgerEntry, Page } from '../../shared/dto';
import type { ParsedInput } from '../../shared/contract';
import { parseAmount } from '../../shared/money';
import { defineQuery } from '../db/database';
import { insertedId, type AsyncQueries } from '../db/async-db';
import type { Call } from './context';
import { requireClient } from './clients.service';
import { DEFAULT_LIMIT, decodeCursor, toPage } from './cursor';
import { toRequest } from './mappers';
import { requirePackage } from './packages.service';
import type { Poster } from './posting';
import { assertFourEyes } from '../auth/four-eyes';
import { assertCreditPaymentsEnabled, getSettings } from './settings.service';
import { methodLabel } from './words';

const requestById = defineQuery(1, (k, id: number) => k.selectFrom('credit_requests').selectAll().where('id', '=', id));
// Only a pending request moves: the WHERE is what makes a decision exactly-once.
const decideRequest = defineQuery(
  5,
  (k, status: 'accepted' | 'rejected', reason: string | null, at: string, by: string, id: number) =>
    k
      .updateTable('credit_requests')
      .set({ status, rejection_reason: reason, decided_at: at, decided_by: by })
      .where('id', '=', id)
      .where('status', '=', 'pending'),
);

/** Loads a request or throws NOT_FOUND. */
export async function requireRequest(q: AsyncQueries, requestId: number): Promise<CreditRequest> {
  const row = await q.prepared(requestById).get(requestId);
  if (row === undefined) throw new AppError('NOT_FOUND', `Credit request ${requestId} does not exist.`, { requestId });
  return toRequest(row);
}

export async function submitRequest(call: Call, input: ParsedInput<'requests.submit'>): Promise<CreditRequest> {
  const { tx } = call;
  await assertCreditPaymentsEnabled(tx);
  const client = await requireClient(tx, input.clientId);
  const pkg = await requirePackage(tx, input.packageId);
  if (pkg.archived) {
    throw new AppError('PACKAGE_ARCHIVED', `Package "${pkg.name}" is archived and can no longer be bought.`, {
      packageId: pkg.id,
    });
  }
  const price = parseAmount(pkg.price, pkg.currency);
  if (!price.ok) throw new Error(`Package ${pkg.id} has an invalid stored price`);
  const lastInsertRowid = await insertedId(
    tx,
    tx.k
      .insertInto('credit_requests')
      .values({
        client_id: client.id,
        package_id: pkg.id,
        package_name: pkg.name,
        method: input.method,
        amount_minor: price.minor,
        currency: pkg.currency,
        credits: pkg.credits,
        payment_reference: input.paymentReference ?? null,
        note: input.note ?? null,
        status: 'pending',
        rejection_reason: null,
        submitted_at: call.nowIso,
        submitted_by: call.actor,
        decided_at: null,
        decided_by: null,
      })
      .returning('id'),
  );
  return await requireRequest(tx, Number(lastInsertRowid));
}

function notPending(request: CreditRequest): AppError {
  return new AppError(
    'REQUEST_NOT_PENDING',
    `Credit request ${request.id} was already ${request.status}${request.decidedBy === null ? '' : ` by ${request.decidedBy}`}; decisions are final.`,
    { requestId: request.id, status: request.status },
  );
}

/**
 * FOUR_EYES_REQUIRED when four eyes is on and the caller submitted `request` (PRODUCT F14:
 * admin included). Compared by name: the signed-in username on the team server, the
 * desktop/CLI actor otherwise. Checked before anything is written.
 */
async function assertAnotherPerson(call: Call, request: CreditRequest): Promise<void> {
  const { fourEyes } = await getSettings(call.tx);
  assertFourEyes(fourEyes, request.submittedBy, call.actor, { requestId: request.id });
}

/** Moves a pending request to its final status, or throws REQUEST_NOT_PENDING. */
async function decide(
  call: Call,
  request: CreditRequest,
  status: 'accepted' | 'rejected',
  reason: string | null,
): Promise<void> {
  const { changes } = await call.tx.prepared(decideRequest).run(status, reason, call.nowIso, call.actor, request.id);
  if (changes !== 1) throw notPending(request);
}

export async function acceptRequest(
  call: Call,
  poster: Poster,
  input: ParsedInput<'requests.accept'>,
): Promise<{ request: CreditRequest; transaction: LedgerEntry }> {
  const request = await requireRequest(call.tx, input.requestId);
  if (request.status !== 'pending') throw notPending(request);
  await assertAnotherPerson(call, request);
  await decide(call, request, 'accepted', null);
  const reference = request.paymentReference === null ? '' : `, ref ${request.paymentReference}`;
  const transaction = await poster.post(call, {
    clientId: request.clientId,
    direction: 'in',
    type: 'request_approved',
    credits: request.credits,
    reference: `Request #${request.id}`,
    memo: `${request.packageName} paid by ${methodLabel(request.method)} (${request.amount} ${request.currency}${reference})`,
    requestId: request.id,
  });
  return { request: await requireRequest(call.tx, request.id), transaction };
}

export async function rejectRequest(
  call: Call,
  input: ParsedInput<'requests.reject'>,
): Promise<{ request: CreditRequest }> {
  const request = await requireRequest(call.tx, input.requestId);
  if (request.status !== 'pending') throw notPending(request);
  await assertAnotherPerson(call, request);
  await decide(call, request, 'rejected', input.reason);
  return { request: await requireRequest(call.tx, request.id) };
}

/** The request queue's page query (exported for the query-plan tests). */
export function requestsPageQuery(q: Pick<AsyncQueries, 'k'>, input: ParsedInput<'requests.list'>) {
  const limit = input.limit ?? DEFAULT_LIMIT;
  let query = q.k.selectFrom('credit_requests').selectAll();
  if (input.status !== undefined) query = query.where('status', '=', input.status);
  if (input.clientId !== undefined) query = query.where('client_id', '=', input.clientId);
  if (input.cursor !== undefined) {
    const [id] = decodeCursor(input.cursor, ['number'] as const);
    query = query.where('id', '<', id);
  }
  return query.orderBy('id', 'desc').limit(limit + 1);
}

/** Requests newest first, by status and/or client. */
export async function listRequests(q: AsyncQueries, input: ParsedInput<'requests.list'>): Promise<Page<CreditRequest>> {
  const rows = await q.all(requestsPageQuery(q, input));
  return toPage(rows, input.limit ?? DEFAULT_LIMIT, toRequest, (r) => [r.id]);
}
