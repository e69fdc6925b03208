/**
 * SWIFT MT940 customer statements, as banks export them: with or without the {1:}{2:}{3:}{4:
 * block wrappers, several statements in one file, CRLF or LF, a ":86:" after each ":61:".
 *
 * :61: is 6!n[4!n]2a[1!a]15d1!a3!c16x[//16x][34x]: value date YYMMDD, optional entry (booking)
 * date MMDD, C/D/RC/RD (RC: a credit reversed, so money out), an optional funds-code letter,
 * the amount with a decimal comma, the transaction type, the customer reference, the optional
 * bank reference after "//", and supplementary details on the next line.
 */
import { bankAmount } from './amount';
import { malformed, type StatementError } from './errors';
import { tidyAccountId } from './iban';
import { parseMt940Details } from './mt940.details';
import { addAccount } from './accounts';
import type { BankRow, ParsedStatement, StatementAccount } from './types';

interface Field {
  tag: string;
  lines: string[];
  line: number;
}

const FIELD_START = /^:(\d{2}[A-Z]?):(.*)$/;
const LINE_61 = /^(\d{2})(\d{2})(\d{2})(\d{4})?(RC|RD|EC|ED|C|D)([A-Z])?(\d{1,12},\d{0,3})([A-Z0-9])([A-Z0-9]{3})(.*)$/;

/** Splits the text into fields, keeping each field's first line number; drops the SWIFT block wrappers. */
function fieldsOf(text: string): Field[] {
  const fields: Field[] = [];
  let current: Field | null = null;
  text.split('\n').forEach((rawLine, i) => {
    const line = rawLine
      // SWIFT transmissions frame messages with SOH (0x01) and ETX (0x03).
      .replaceAll('\u0001', '')
      .replaceAll('\u0003', '')
      .replaceAll('\r', '')
      .replace(/\{[1235]:(?:[^{}]|\{[^{}]*\})*\}/g, '')
      .replace(/^\{4:/, '')
      .trimEnd();
    const start = FIELD_START.exec(line);
    if (start !== null) {
      current = { tag: start[1]!, lines: [start[2]!], line: i + 1 };
      fields.push(current);
    } else if (line === '-' || line === '-}' || line === '}' || line === '') {
      current = null; // end of a message: what follows belongs to no field
    } else if (current !== null) {
      current.lines.push(line);
    }
  });
  return fields;
}

function fullYear(yy: string): number {
  const n = Number(yy);
  return n < 80 ? 2000 + n : 1900 + n; // SWIFT's window: 80–99 → 19xx
}

function isoDate(year: number, month: string, day: string): string | null {
  const m = Number(month);
  const d = Number(day);
  if (m < 1 || m > 12 || d < 1 || d > 31) return null;
  return `${String(year).padStart(4, '0')}-${month}-${day}`;
}

function truncated(line: number): StatementError {
  return malformed('mt940', `line ${line}`, 'the statement has no closing balance (:62F:): the file is truncated');
}

/** Reads MT940 text (already decoded) into rows. */
export function parseMt940(text: string): ParsedStatement {
  const rows: BankRow[] = [];
  const accounts: StatementAccount[] = [];
  let accountId: string | null = null;
  let currency: string | null = null;
  let last: BankRow | null = null;
  let statements = 0;
  // Line of the :20: whose closing balance (:62F:/:62M:) has not been seen yet: a statement
  // without one was cut short, and importing half of it would look complete.
  let open: number | null = null;
  for (const field of fieldsOf(text)) {
    const where = `line ${field.line}`;
    const value = field.lines[0]!.trim();
    switch (field.tag) {
      case '20':
        if (open !== null) throw truncated(open);
        open = field.line;
        statements++;
        accountId = null;
        currency = null;
        last = null;
        break;
      case '25':
        accountId = tidyAccountId(value);
        break;
      case '60F':
      case '60M': {
        const m = /^[CD]\d{6}([A-Z]{3})/.exec(value);
        if (m === null)
          throw malformed('mt940', where, `the opening balance "${value}" is not D/C, date, currency, amount`);
        currency = m[1]!;
        if (accountId !== null) addAccount(accounts, accountId, currency);
        break;
      }
      case '61': {
        if (accountId === null) throw malformed('mt940', where, 'a :61: line comes before the :25: account');
        if (currency === null) throw malformed('mt940', where, 'a :61: line comes before the :60F: opening balance');
        last = statementLine(field, accountId, currency);
        rows.push(last);
        break;
      }
      case '86':
        // A :86: right after a :61: describes it; one after :62F: describes the whole statement.
        if (last !== null) {
          const d = parseMt940Details(field.lines);
          Object.assign(last, {
            remittance: d.remittance ?? last.remittance,
            payerName: d.payerName,
            payerAccount: d.payerAccount,
            endToEndId: d.endToEndId,
          });
          last = null;
        }
        break;
      case '62F':
      case '62M':
        open = null;
        last = null;
        break;
      default:
        last = field.tag.startsWith('6') ? null : last;
    }
  }
  if (statements === 0) throw malformed('mt940', 'line 1', 'no :20: statement header found');
  if (open !== null) throw truncated(open);
  return { format: 'mt940', version: null, accounts, rows };
}

function statementLine(field: Field, accountId: string, currency: string): BankRow {
  const where = `line ${field.line}`;
  const m = LINE_61.exec(field.lines[0]!.trim());
  if (m === null) {
    throw malformed(
      'mt940',
      where,
      `the :61: line "${field.lines[0]}" is not date, [entry date], C/D/RC/RD, amount, type`,
    );
  }
  const [, yy, mm, dd, entry, mark, , amountText, , , rest] = m;
  const year = fullYear(yy!);
  const valueDate = isoDate(year, mm!, dd!);
  if (valueDate === null) throw malformed('mt940', where, `the value date ${yy}${mm}${dd} is not a date`);
  let bookingDate: string | null = null;
  if (entry !== undefined) {
    const em = entry.slice(0, 2);
    // The entry date has no year: it is the value date's, unless the two straddle New Year.
    const ey =
      Number(em) === 12 && Number(mm) === 1 ? year - 1 : Number(em) === 1 && Number(mm) === 12 ? year + 1 : year;
    bookingDate = isoDate(ey, em, entry.slice(2));
    if (bookingDate === null) throw malformed('mt940', where, `the entry date ${entry} is not a date`);
  }
  const amount = bankAmount(amountText!.replace(',', '.'), currency);
  if (!amount.ok) throw malformed('mt940', where, amount.message);
  const slash = rest!.indexOf('//');
  const customerRef = (slash === -1 ? rest! : rest!.slice(0, slash)).trim();
  const bankRef =
    slash === -1
      ? null
      : (rest!
          .slice(slash + 2)
          .trim()
          .split(/\s+/)[0] ?? '');
  const supplementary = field.lines.slice(1).join(' ').trim();
  const ref = (s: string | null) => (s === null || s === '' || /^NONREF$/i.test(s) ? null : s);
  return {
    accountId,
    // RD undoes a debit (money comes back in); RC undoes a credit (money goes out). EC/ED are
    // expected credits/debits (MT942): booked the same way.
    direction: mark === 'C' || mark === 'RD' || mark === 'EC' ? 'credit' : 'debit',
    reversal: mark === 'RC' || mark === 'RD',
    amount: amount.amount,
    currency,
    bookingDate,
    valueDate,
    bankReference: ref(bankRef),
    entryReference: ref(customerRef),
    endToEndId: null,
    remittance: supplementary === '' ? null : supplementary,
    payerName: null,
    payerAccount: null,
    bankId: ref(bankRef),
    sourceLocation: where,
  };
}
