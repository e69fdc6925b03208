/**
 * Proposals: which pending requests a bank transaction may pay (PRODUCT F15). Pure scoring;
 * nothing is accepted here, staff confirm.
 *
 * Hard gates: the row is an incoming credit and not a reversal; the request has the same
 * currency and exactly the same amount. Then points, chosen so the order of the reasons can
 * never be overturned by the lesser ones: the request's payment reference found in the
 * remittance or the references (100) ≫ payer name like the client's name or company (up to
 * 20) > booking date near the request's submission (up to 5). Equal scores stay equal and keep
 * the order the requests were given in (pass them oldest first): a tie is shown as a tie.
 */
import { bankAmount } from './amount';
import { nameSimilarity, nameWords } from './names';
import type { BankRow } from './types';

/** A pending request as the scorer needs it. */
export interface PendingRequest {
  id: number;
  clientName: string;
  clientCompany: string | null;
  amount: string;
  currency: string;
  paymentReference: string | null;
  /** ISO timestamp or date. */
  submittedAt: string;
}

/** Why a request was proposed: a code for the UI's catalogue, its points and the facts in words. */
export interface ProposalReason {
  code: 'amount' | 'reference' | 'payer_name' | 'date';
  points: number;
  detail: string;
}

/** One proposed request for a bank transaction. */
export interface Proposal {
  requestId: number;
  score: number;
  reasons: ProposalReason[];
}

/** The points each kind of evidence can give. */
export const MATCH_POINTS = { reference: 100, payerName: 20, date: 5 } as const;

/** References shorter than this (after normalising) match too much by chance to count. */
export const MIN_REFERENCE_LENGTH = 4;

/** Case, spaces, hyphens, dots and slashes ignored: "bank-0042" ≡ "BANK 00.42" ≡ "BANK/0042". */
export function normaliseReference(text: string): string {
  return text.toUpperCase().replace(/[\s\-./\\]+/g, '');
}

interface IndexedRequest {
  request: PendingRequest;
  reference: string | null;
  nameWords: string[];
  companyWords: string[];
  submittedDay: number | null;
}

/** Pending requests grouped by currency and exact amount, prepared once per import. */
export interface RequestIndex {
  byAmount: Map<string, IndexedRequest[]>;
}

function dayNumber(date: string | null): number | null {
  if (date === null) return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(date);
  return m === null ? null : Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / 86_400_000;
}

/** Indexes `requests` (a request with an unreadable amount can never match and is left out). */
export function indexRequests(requests: readonly PendingRequest[]): RequestIndex {
  const byAmount = new Map<string, IndexedRequest[]>();
  for (const request of requests) {
    const amount = bankAmount(request.amount, request.currency);
    if (!amount.ok) continue;
    const key = `${request.currency}|${amount.amount}`;
    const ref = request.paymentReference === null ? '' : normaliseReference(request.paymentReference);
    const list = byAmount.get(key) ?? [];
    list.push({
      request,
      reference: ref.length >= MIN_REFERENCE_LENGTH ? ref : null,
      nameWords: nameWords(request.clientName),
      companyWords: nameWords(request.clientCompany),
      submittedDay: dayNumber(request.submittedAt),
    });
    byAmount.set(key, list);
  }
  return { byAmount };
}

/** True when a row may pay a request at all: money in, not a reversal. */
export function isMatchCandidate(row: BankRow): boolean {
  return row.direction === 'credit' && !row.reversal;
}

/** What is compared of a bank row, normalised once per row rather than once per candidate. */
interface RowFacts {
  places: [string, string][];
  payerWords: string[];
  day: number | null;
}

function factsOf(row: BankRow): RowFacts {
  const places: [string, string | null][] = [
    ['the remittance', row.remittance],
    ['the end-to-end id', row.endToEndId],
    ["the bank's reference", row.bankReference],
    ['the entry reference', row.entryReference],
  ];
  return {
    places: places.filter((p): p is [string, string] => p[1] !== null).map(([w, t]) => [w, normaliseReference(t)]),
    payerWords: nameWords(row.payerName),
    day: dayNumber(row.bookingDate ?? row.valueDate),
  };
}

function referenceReason(facts: RowFacts, ref: string, raw: string): ProposalReason | null {
  for (const [where, text] of facts.places) {
    if (text.includes(ref)) {
      return {
        code: 'reference',
        points: MATCH_POINTS.reference,
        detail: `payment reference ${raw} found in ${where}`,
      };
    }
  }
  return null;
}

function nameReason(row: BankRow, facts: RowFacts, r: IndexedRequest): ProposalReason | null {
  const payer = facts.payerWords;
  const byName = nameSimilarity(payer, r.nameWords);
  const byCompany = nameSimilarity(payer, r.companyWords);
  const best = Math.max(byName, byCompany);
  if (best < 0.5) return null;
  const whose =
    byCompany > byName ? `the client's company ${r.request.clientCompany}` : `the client ${r.request.clientName}`;
  return {
    code: 'payer_name',
    points: Math.round(MATCH_POINTS.payerName * best),
    detail: `payer ${row.payerName} is like ${whose} (${Math.round(best * 100)}%)`,
  };
}

function dateReason(facts: RowFacts, r: IndexedRequest): ProposalReason | null {
  const day = facts.day;
  if (day === null || r.submittedDay === null) return null;
  const gap = Math.abs(day - r.submittedDay);
  const points = gap <= 3 ? 5 : gap <= 7 ? 4 : gap <= 14 ? 3 : gap <= 30 ? 2 : gap <= 60 ? 1 : 0;
  if (points === 0) return null;
  return { code: 'date', points, detail: `booked ${gap} day${gap === 1 ? '' : 's'} from the request's submission` };
}

/** Proposals for one bank row, best first; empty when it passes no gate. */
export function proposeMatches(row: BankRow, index: RequestIndex): Proposal[] {
  if (!isMatchCandidate(row)) return [];
  const candidates = index.byAmount.get(`${row.currency}|${row.amount}`);
  if (candidates === undefined) return [];
  const facts = factsOf(row);
  const proposals = candidates.map((r) => {
    const reasons: ProposalReason[] = [
      { code: 'amount', points: 0, detail: `same amount ${row.amount} ${row.currency}` },
    ];
    const ref = r.reference === null ? null : referenceReason(facts, r.reference, r.request.paymentReference!);
    const name = nameReason(row, facts, r);
    const date = dateReason(facts, r);
    for (const reason of [ref, name, date]) if (reason !== null) reasons.push(reason);
    return { requestId: r.request.id, score: reasons.reduce((s, x) => s + x.points, 0), reasons };
  });
  // Array.prototype.sort is stable: equal scores keep the requests' given order.
  return proposals.sort((a, b) => b.score - a.score);
}
