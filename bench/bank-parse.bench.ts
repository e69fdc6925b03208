/**
 * Bank statements (issue 14, PRODUCT F15): parse a generated 10,000-transaction camt.053 and
 * score every row against 5,000 pending requests. Pure work only (no database yet): detect,
 * decode, XML well-formedness check, parse, import keys, proposals.
 *
 *   npx tsx bench/bank-parse.bench.ts            prints a table and one JSON line
 *
 * Not wired into bench/run.ts; the import benchmark there comes with the storage work.
 */
import { loadavg } from 'node:os';
import { importKeys } from '../electron/bank/import-key';
import { indexRequests, proposeMatches, type PendingRequest } from '../electron/bank/matching';
import { parseStatement } from '../electron/bank/parse';
import { median, now, round } from './stats';

const TRANSACTIONS = 10_000;
const REQUESTS = 5_000;
const RUNS = 5;

const NAMES = ['Northwind Studio', 'Contoso Ltd', 'Fabrikam GmbH', 'Hans Müller', 'Ozols un Bērzs', 'Jane Roe'];

/** A deterministic amount: 2,000 distinct values, so each shares its amount with a few requests. */
function amountFor(i: number): string {
  return `${10 + (i % 2000)}.${String((i * 7) % 100).padStart(2, '0')}`;
}

/** A camt.053.001.08 with `count` transactions: every tenth entry a batch of three details. */
export function generateCamt053(count: number): Buffer {
  const parts: string[] = [
    '<?xml version="1.0" encoding="UTF-8"?>\n<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08">\n',
    '<BkToCstmrStmt><GrpHdr><MsgId>BENCH</MsgId><CreDtTm>2026-03-03T06:00:00+01:00</CreDtTm></GrpHdr>\n',
    '<Stmt><Id>BENCH-1</Id><Acct><Id><IBAN>DE89370400440532013000</IBAN></Id><Ccy>EUR</Ccy></Acct>\n',
  ];
  const detail = (i: number) =>
    `<TxDtls><Refs><AcctSvcrRef>TX${i}</AcctSvcrRef><EndToEndId>E2E-${i}</EndToEndId></Refs>` +
    `<Amt Ccy="EUR">${amountFor(i)}</Amt><CdtDbtInd>CRDT</CdtDbtInd>` +
    `<RltdPties><Dbtr><Pty><Nm>${NAMES[i % NAMES.length]!.toUpperCase()}</Nm></Pty></Dbtr>` +
    `<DbtrAcct><Id><IBAN>DE44500105175407324931</IBAN></Id></DbtrAcct></RltdPties>` +
    `<RmtInf><Ustrd>Credit request CD-${String(i).padStart(6, '0')} prepaid credits</Ustrd></RmtInf></TxDtls>`;
  let i = 0;
  let entry = 0;
  while (i < count) {
    const size = entry % 10 === 9 && count - i >= 3 ? 3 : 1;
    const day = String(1 + (entry % 28)).padStart(2, '0');
    let total = 0n;
    const details: string[] = [];
    for (let k = 0; k < size; k++) {
      total += BigInt(amountFor(i + k).replace('.', ''));
      details.push(detail(i + k));
    }
    const sum = `${total / 100n}.${String(total % 100n).padStart(2, '0')}`;
    parts.push(
      `<Ntry><NtryRef>${entry}</NtryRef><Amt Ccy="EUR">${sum}</Amt><CdtDbtInd>CRDT</CdtDbtInd>` +
        `<Sts><Cd>BOOK</Cd></Sts><BookgDt><Dt>2026-03-${day}</Dt></BookgDt><ValDt><Dt>2026-03-${day}</Dt></ValDt>` +
        `<AcctSvcrRef>E${entry}</AcctSvcrRef><NtryDtls>${size > 1 ? `<Btch><NbOfTxs>${size}</NbOfTxs></Btch>` : ''}` +
        `${details.join('')}</NtryDtls></Ntry>\n`,
    );
    i += size;
    entry++;
  }
  parts.push('</Stmt></BkToCstmrStmt></Document>\n');
  return Buffer.from(parts.join(''));
}

/** Pending requests: every other one pays a row of the statement (same amount, its reference). */
export function generateRequests(count: number): PendingRequest[] {
  return Array.from({ length: count }, (_, k) => {
    const i = k * 2;
    return {
      id: k + 1,
      clientName: NAMES[(k + 1) % NAMES.length]!,
      clientCompany: k % 3 === 0 ? NAMES[i % NAMES.length]! : null,
      amount: amountFor(i),
      currency: 'EUR',
      paymentReference: `CD-${String(i).padStart(6, '0')}`,
      submittedAt: `2026-03-${String(1 + (k % 28)).padStart(2, '0')}T10:00:00Z`,
    };
  });
}

function main(): void {
  const bytes = generateCamt053(TRANSACTIONS);
  const requests = generateRequests(REQUESTS);
  const parse: number[] = [];
  const score: number[] = [];
  const total: number[] = [];
  const cpu: number[] = [];
  let proposals = 0;
  for (let run = 0; run < RUNS; run++) {
    const c0 = process.cpuUsage();
    const t0 = now();
    const { rows } = parseStatement('bench.xml', bytes);
    importKeys(rows);
    const t1 = now();
    const index = indexRequests(requests);
    proposals = 0;
    for (const row of rows) proposals += proposeMatches(row, index).length;
    const t2 = now();
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
    if (rows.length !== TRANSACTIONS) throw new Error(`parsed ${rows.length} rows, expected ${TRANSACTIONS}`);
    parse.push(t1 - t0);
    score.push(t2 - t1);
    total.push(t2 - t0);
  }
  const result = {
    transactions: TRANSACTIONS,
    pendingRequests: REQUESTS,
    fileMB: round(bytes.length / (1024 * 1024), 1),
    proposals,
    runs: RUNS,
    parseAndKeysMsMedian: round(median(parse), 1),
    scoringMsMedian: round(median(score), 1),
    totalMsMedian: round(median(total), 1),
    totalMsFirstRun: round(total[0]!, 1),
    // On a shared, loaded machine wall time counts the waits for a core; CPU time does not.
    totalCpuMsMedian: round(median(cpu), 1),
    loadAverage1m: round(loadavg()[0]!, 2),
  };
  process.stdout.write(
    `bank parse + match: ${TRANSACTIONS} camt.053 transactions (${result.fileMB} MB) × ${REQUESTS} pending requests\n` +
      `  parse + import keys  ${result.parseAndKeysMsMedian} ms (median of ${RUNS})\n` +
      `  proposals            ${result.scoringMsMedian} ms (${proposals} proposals)\n` +
      `  total                ${result.totalMsMedian} ms wall (first run ${result.totalMsFirstRun} ms), ` +
      `${result.totalCpuMsMedian} ms CPU; load average ${result.loadAverage1m}\n` +
      `${JSON.stringify(result)}\n`,
  );
}

if (process.argv[1]?.endsWith('bank-parse.bench.ts')) main();
