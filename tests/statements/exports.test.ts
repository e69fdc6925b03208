import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { csvField, csvRecord } from '../../electron/ledger/csv';
import { asyncDbOf } from '../../electron/db/async-db.sqlite';
import { exportStatement } from '../../electron/ledger/exports.service';
import { FIRST_PAGE_ROWS, OTHER_PAGE_ROWS, statementPageCount } from '../../electron/ledger/statement-pdf';
import { entryTypeText, formatLocalDateTime, type ExportFile, type Statement } from '../../shared/statements';
import { openLedger, parseCsv, tempDir, type Ledger } from './helpers';

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

const HOUR = 3600 * 1000;
const T0 = Date.parse('2026-05-01T08:00:00Z');
const csvText = (file: ExportFile) => {
  expect(file.encoding).toBe('utf8');
  expect(file.content.startsWith('\uFEFF')).toBe(true);
  return file.content.slice(1);
};
/** What a text cell reads as after neutralisation. */
const safe = (text: string) => (/^[=+\-@\t\r]/.test(text) ? `'${text}` : text);

describe('CSV', () => {
  it('writes RFC 4180 fields and neutralises formulas in text but not numbers', () => {
    expect(csvField('=SUM(A1)')).toBe("'=SUM(A1)");
    expect(csvField('+1')).toBe("'+1");
    expect(csvField('-2')).toBe("'-2");
    expect(csvField(-2)).toBe('-2');
    expect(csvField('@x')).toBe("'@x");
    expect(csvField('\tTab')).toBe("'\tTab");
    expect(csvField('\rCR')).toBe('"\'\rCR"');
    expect(csvField('=HYPERLINK("http://evil.example","Click")')).toBe(
      '"\'=HYPERLINK(""http://evil.example"",""Click"")"',
    );
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('line\nbreak')).toBe('"line\nbreak"');
    expect(csvField('plain – Chloé €')).toBe('plain – Chloé €');
    expect(csvField(null)).toBe('');
    expect(csvRecord(['a', 1], 4)).toBe('a,1,,\r\n');
  });

  it('a statement parsed back equals statements.get, with formula cells neutralised', async () => {
    const l = await ledger();
    const evil = '=HYPERLINK("http://evil.example","Click")';
    const clientId = await l.client(evil);
    const memos = [
      '=SUM(A1)',
      '+1',
      '-2',
      '@x',
      '\tTab start',
      '\rCR start',
      'Comma, "quotes" and\nnewline',
      'Café €5 £3 ¥7 ₹9',
    ];
    for (const [i, memo] of memos.entries()) await l.post(clientId, T0 + i * HOUR, 'in', 10 + i, memo);
    await l.post(clientId, T0 + 20 * HOUR, 'out', 5, '-5');
    await l.post(clientId, T0 - 30 * 24 * HOUR > 0 ? T0 + 21 * HOUR : 0, 'in', 1, 'after');
    const input = { clientId, from: '2026-05-01', to: '2026-05-01' };
    l.at('2026-06-01T10:00:00Z');
    const s: Statement = await l.call('statements.get', input);
    const file = await l.callAsync('statements.export', { ...input, format: 'csv' });
    expect(file).toMatchObject({
      fileName: `statement-${clientId}-hyperlink-http-evil-example-click-2026-05-01-to-2026-05-01.csv`,
      mimeType: 'text/csv; charset=utf-8',
      lines: s.lines.length,
    });
    expect(file.bytes).toBe(Buffer.byteLength(file.content));
    const rows = parseCsv(csvText(file));
    expect(new Set(rows.map((r) => r.length))).toEqual(new Set([8]));
    const fact = (label: string) => rows.find((r) => r[0] === label)?.[1];
    expect(fact('Agency')).toBe('Brightline Creative Agency');
    expect(fact('Client')).toBe(safe(evil));
    expect(fact('Client ID')).toBe(String(clientId));
    expect(fact('Period')).toBe('2026-05-01 to 2026-05-01');
    expect(fact('Time zone')).toBe('Europe/London');
    expect(fact('Opening balance')).toBe(String(s.openingBalance));
    expect(fact('Total in')).toBe(String(s.totalIn));
    expect(fact('Total out')).toBe(String(s.totalOut));
    expect(fact('Closing balance')).toBe(String(s.closingBalance));
    const header = rows.findIndex((r) => r[0] === 'Entry ID');
    expect(rows[header]).toEqual([
      'Entry ID',
      'Date',
      'Type',
      'Reference',
      'Memo',
      'Credits in',
      'Credits out',
      'Balance',
    ]);
    const body = rows.slice(header + 1, header + 1 + s.lines.length);
    expect(body).toEqual(
      s.lines.map((x) => [
        String(x.id),
        formatLocalDateTime(x.date, 'Europe/London'),
        entryTypeText(x.type),
        x.reference,
        safe(x.memo ?? ''),
        x.creditsIn === 0 ? '' : String(x.creditsIn),
        x.creditsOut === 0 ? '' : String(x.creditsOut),
        String(x.balance),
      ]),
    );
    expect(rows[header + 1 + s.lines.length]).toEqual(['', '', '', '', '', '', '', '']);
    // No cell of the file starts a formula.
    for (const cell of rows.flat()) {
      if (/^[=+@\t\r]/.test(cell) || (/^-/.test(cell) && !/^-?\d+$/.test(cell))) throw new Error(`unsafe cell ${cell}`);
    }
  });

  it('walks in chunks with the same result, reports progress, and ignores entries added meanwhile', async () => {
    const l = await ledger();
    const clientId = await l.client('Chunky');
    for (let i = 0; i < 57; i++) await l.post(clientId, T0 + i * HOUR, i % 5 === 4 ? 'out' : 'in', 3);
    const progress: number[] = [];
    const chunks: Uint8Array[] = [];
    let added = false;
    const summary = await exportStatement(
      asyncDbOf(l.db),
      { clientId, format: 'csv' },
      '2026-06-01T00:00:00.000Z',
      {
        async write(chunk) {
          chunks.push(chunk);
          // An entry posted while the export runs is not part of it (bounded by the max id).
          if (!added) {
            added = true;
            await l.post(clientId, T0 + 100 * HOUR, 'in', 999);
          }
        },
      },
      { chunkSize: 10, onProgress: (p) => progress.push(p.done) },
    );
    expect(summary.lines).toBe(57);
    expect(progress).toEqual([0, 10, 20, 30, 40, 50, 57]);
    const whole = await l.callAsync('statements.export', { clientId, format: 'csv', to: '2026-05-04' });
    const body = (text: string) => text.split('\r\n').filter((r) => /^(\d|Total|Closing|Opening)/.test(r));
    expect(body(whole.content)).toHaveLength(57 + 4);
    expect(body(Buffer.concat(chunks).toString('utf8'))).toEqual(body(whole.content));
  });

  it('progress of a running export can be polled from the UI', async () => {
    const l = await ledger();
    const clientId = await l.client('Progress Ltd');
    // One router call per entry (each its own transaction).
    for (let i = 0; i < 4500; i++) await l.post(clientId, T0 + i * 1000, 'in', 1);
    const running = l.callAsync('statements.export', { clientId, format: 'csv', progressId: 'job-1' });
    const seen: string[] = [];
    for (let i = 0; i < 50 && seen.at(-1) !== 'done'; i++) {
      await new Promise((r) => setImmediate(r));
      const p = await l.call('exports.progress', { progressId: 'job-1' });
      seen.push(p.phase === 'writing' ? `writing ${p.done}/${p.total}` : p.phase);
    }
    expect(seen).toContain('writing 2000/4500');
    expect(seen.at(-1)).toBe('done');
    expect((await running).lines).toBe(4500);
    expect(await l.call('exports.progress', { progressId: 'job-1' })).toEqual({
      progressId: 'job-1',
      phase: 'done',
      done: 4500,
      total: 4500,
    });
    expect(await l.call('exports.progress', { progressId: 'never' })).toMatchObject({ phase: 'unknown' });
  });

  it('exports the whole ledger and the credit requests for the accountant', async () => {
    const l = await ledger('America/New_York');
    l.at('2026-05-01T00:00:00Z');
    const a = await l.client('Amelia Hart');
    const b = await l.client('@Bruno "B" Costa');
    await l.call('rates.set', { currency: 'USD', creditsPerUnit: '10' });
    const pkg = (
      await l.call('packages.create', { name: 'Starter 100', credits: 100, currency: 'USD', price: '10.00' })
    ).id;
    l.at('2026-05-02T03:00:00Z'); // 1 May, 23:00 in New York
    await l.call('purchases.record', {
      clientId: a,
      packageId: pkg,
      provider: 'stripe',
      providerPaymentId: 'pi_1',
      amount: '10.00',
      currency: 'USD',
    });
    await l.post(b, '2026-05-03T12:00:00Z', 'in', 50, '=cmd|" /C calc"!A0');
    await l.post(a, '2026-05-04T12:00:00Z', 'out', 30, 'Correction');
    await l.post(a, '2026-06-04T12:00:00Z', 'out', 1, 'Later');
    l.at('2026-05-05T09:00:00Z');
    const r1 = await l.call('requests.submit', {
      clientId: b,
      packageId: pkg,
      method: 'bank_transfer',
      paymentReference: '+44 ref',
    });
    await l.call('requests.reject', { requestId: r1.id, reason: '-not received' });
    await l.call('requests.submit', { clientId: a, packageId: pkg, method: 'crypto', note: 'tx 0xabc' });

    const ledgerFile = await l.callAsync('ledger.export', { from: '2026-05-01', to: '2026-05-31' });
    expect(ledgerFile.fileName).toBe('ledger-2026-05-01-to-2026-05-31.csv');
    const rows = parseCsv(csvText(ledgerFile));
    expect(rows[0]).toEqual([
      'Entry ID',
      'Date',
      'Time zone',
      'Created at (UTC)',
      'Client ID',
      'Client name',
      'Direction',
      'Type',
      'Reference',
      'Memo',
      'Credits in',
      'Credits out',
      'Balance after',
      'Amount',
      'Currency',
      'Credits per unit',
      'Exact credits',
      'Actor',
    ]);
    expect(rows.slice(1).map((r) => [r[1], r[4], r[5], r[6], r[9], r[10], r[11], r[12]])).toEqual([
      ['2026-05-01 23:00', String(a), 'Amelia Hart', 'In', 'Starter 100 (10.00 USD)', '100', '', '100'],
      ['2026-05-04 08:00', String(a), 'Amelia Hart', 'Out', 'Correction', '', '30', '70'],
      ['2026-05-03 08:00', String(b), `'@Bruno "B" Costa`, 'In', `'=cmd|" /C calc"!A0`, '50', '', '50'],
    ]);
    expect(ledgerFile.lines).toBe(3);

    const requests = await l.callAsync('requests.export', {});
    const reqRows = parseCsv(csvText(requests));
    expect(reqRows).toHaveLength(3);
    expect(reqRows[1]!.slice(0, 13)).toEqual([
      String(r1.id),
      '2026-05-05T09:00:00.000Z',
      'tester',
      String(b),
      `'@Bruno "B" Costa`,
      'Starter 100',
      'bank transfer',
      '10.00',
      'USD',
      '100',
      "'+44 ref",
      '',
      'rejected',
    ]);
    expect(reqRows[1]![15]).toBe("'-not received");
    const pending = await l.callAsync('requests.export', { status: 'pending', clientId: a });
    expect(
      parseCsv(csvText(pending))
        .slice(1)
        .map((r) => [r[4], r[11], r[12]]),
    ).toEqual([['Amelia Hart', 'tx 0xabc', 'pending']]);
    expect(await l.refusal('requests.export', { clientId: 999 })).toMatchObject({ code: 'NOT_FOUND' });
    expect(await l.refusal('ledger.export', { from: '2026-06-01', to: '2026-05-01' })).toMatchObject({
      code: 'VALIDATION_ERROR',
      details: { field: 'from' },
    });

    // In Latvian, the request's method and status are Latvian words too, as the ledger's direction and type are.
    await l.call('settings.update', { language: 'lv' });
    const lvRows = parseCsv(csvText(await l.callAsync('requests.export', {}))).slice(1);
    expect(lvRows.map((r) => [r[6], r[12]])).toEqual([
      ['Bankas pārskaitījums', 'Noraidīts'],
      ['Kriptovalūta', 'Gaida lēmumu'],
    ]);
  });
});

describe('PDF', () => {
  const pdftotext = (file: string, page: number) =>
    execFileSync('pdftotext', ['-layout', '-f', String(page), '-l', String(page), file, '-'], { encoding: 'utf8' });
  const n = (x: number) => x.toLocaleString('en-US');

  it('shows the figures on the right pages with page numbers and every symbol', async () => {
    const l = await ledger();
    const clientId = await l.client('Chloé Lefèvre');
    await l.post(clientId, '2026-04-30T12:00:00Z', 'in', 5000, 'Before the period');
    const count = FIRST_PAGE_ROWS + OTHER_PAGE_ROWS + 25;
    // One router call per entry (each its own transaction).
    for (let i = 0; i < count; i++) {
      await l.post(clientId, T0 + i * HOUR, i % 3 === 2 ? 'out' : 'in', 7 + (i % 11), `L${i + 1} €£¥₹ Ørsted`);
    }
    await l.post(clientId, '2026-07-01T12:00:00Z', 'in', 1, 'After the period');
    l.at('2026-07-02T09:30:00Z');
    const input = { clientId, from: '2026-05-01', to: '2026-06-30' };
    const s = await l.call('statements.get', input);
    expect(s.lines).toHaveLength(count);
    const file = await l.callAsync('statements.export', { ...input, format: 'pdf' });
    expect(file).toMatchObject({ mimeType: 'application/pdf', encoding: 'base64', lines: count });
    const bytes = Buffer.from(file.content, 'base64');
    expect(bytes.length).toBe(file.bytes);
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const path = join(tempDir(), file.fileName);
    writeFileSync(path, bytes);
    expect(statementPageCount(count)).toBe(3);
    expect(execFileSync('pdfinfo', [path], { encoding: 'utf8' })).toMatch(/Pages:\s+3\n/);

    const p1 = pdftotext(path, 1);
    expect(p1).toContain('Brightline Creative Agency');
    expect(p1).toContain('Chloé Lefèvre');
    expect(p1).toContain('2026-05-01 to 2026-06-30');
    expect(p1).toContain('Generated 2026-07-02 10:30 (Europe/London)');
    expect(p1).toMatch(
      new RegExp(
        `Opening balance\\s+Credits in\\s+Credits out\\s+Closing balance\\s+${n(5000)}\\s+${n(s.totalIn)}\\s+${n(s.totalOut)}\\s+${n(s.closingBalance)}`,
      ),
    );
    expect(p1).toContain('Page 1 of 3');
    expect(p1).toContain('€£¥₹');
    const line = (i: number) => {
      const x = s.lines[i]!;
      return new RegExp(
        `${formatLocalDateTime(x.date, 'Europe/London')}\\s+Adjustment\\s+.*?\\s${n(x.creditsIn || x.creditsOut)}\\s+${n(x.balance)}\\n`,
      );
    };
    expect(p1).toMatch(line(0));
    expect(p1).toMatch(line(FIRST_PAGE_ROWS - 1));
    expect(p1).not.toMatch(line(FIRST_PAGE_ROWS));
    const p2 = pdftotext(path, 2);
    expect(p2).toContain('Page 2 of 3');
    expect(p2).toMatch(line(FIRST_PAGE_ROWS));
    expect(p2).toMatch(line(FIRST_PAGE_ROWS + OTHER_PAGE_ROWS - 1));
    const p3 = pdftotext(path, 3);
    expect(p3).toContain('Page 3 of 3');
    expect(p3).toMatch(line(count - 1));
    expect(p3).toMatch(new RegExp(`Totals for the period\\s+${n(s.totalIn)}\\s+${n(s.totalOut)}\\n`));
    expect(p3).toMatch(new RegExp(`Closing balance\\s+${n(s.closingBalance)}\\n`));
    expect(p3).not.toContain('After the period');

    // A page as an image, for a person to look at (see the README).
    execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', path, join(tempDir(), 'page')]);
  });

  it('an empty period still has its header, summary and totals on one page', async () => {
    const l = await ledger();
    const clientId = await l.client('Quiet Client');
    await l.post(clientId, '2026-01-10T12:00:00Z', 'in', 40);
    const file = await l.callAsync('statements.export', {
      clientId,
      from: '2026-03-01',
      to: '2026-03-31',
      format: 'pdf',
    });
    const path = join(tempDir(), file.fileName);
    writeFileSync(path, Buffer.from(file.content, 'base64'));
    const text = pdftotext(path, 1);
    expect(text).toContain('No transactions in this period.');
    expect(text).toMatch(/Closing balance\s+40\n/);
    expect(text).toContain('Page 1 of 1');
  });

  it('in Latvian: every word from the catalogue, long references wrap whole, a line is never split', async () => {
    const l = await ledger();
    await l.call('settings.update', { language: 'lv' });
    const clientId = await l.client('Jānis Bērziņš');
    const long =
      'Pārskaitījums no SIA “Ķekavas Ēdnīca” (Čiekurkalns, Žagari) par ļoti īpašu gada apkalpošanu, līgums Nr. 2026/ĢŅ-17, rēķins 00042';
    // Enough lines that some long ones meet the first page's last rows.
    for (let i = 0; i < FIRST_PAGE_ROWS + 10; i++) {
      await l.post(clientId, T0 + i * HOUR, 'in', 1000 + i, i % 7 === 0 ? `${long} #${i}` : `Īss ${i}`);
    }
    l.at('2026-07-02T09:30:00Z');
    const file = await l.callAsync('statements.export', {
      clientId,
      from: '2026-05-01',
      to: '2026-06-30',
      format: 'pdf',
    });
    const path = join(tempDir(), file.fileName);
    writeFileSync(path, Buffer.from(file.content, 'base64'));
    const all = execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' });
    expect(all).toContain('Konta izraksts');
    expect(all).toContain('Jānis Bērziņš');
    expect(all).toContain('2026. gada 1. maijs – 2026. gada 30. jūnijs');
    expect(all).toMatch(/Sākuma atlikums\s+Ienākošie kredīti\s+Izejošie kredīti\s+Beigu atlikums/);
    expect(all).toMatch(/1\. lapa no \d/);
    expect(all).toContain('Korekcija');
    expect(all).toContain('Kopā par periodu');
    expect(all).not.toContain('…');
    // The whole reference survives, wrapped: every word of it is on the page, in order.
    const flat = execFileSync('pdftotext', ['-raw', path, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    expect(flat).toContain('līgums Nr. 2026/ĢŅ-17, rēķins 00042 #7');
    // No line is split across pages: each long reference's last word is on its first word's page.
    const pages = all.split('\f');
    for (const i of [0, 7, 14, 21, 28, 35, 42, 49]) {
      const first = pages.findIndex((p) => p.includes('Pārskaitījums') && p.includes(`#${i}`));
      if (first === -1) continue;
      expect(pages[first]).toContain('Ēdnīca”');
    }
    // The Latvian letters are embedded as text, not lost.
    for (const ch of 'āčēģīķļņšūž') expect(all.toLowerCase()).toContain(ch);
  });

  it('in Latvian: a period up to the moment of generation is written whole, not cut with "…"', async () => {
    const l = await ledger();
    await l.call('settings.update', { language: 'lv', timeZone: 'America/Argentina/Buenos_Aires' });
    const clientId = await l.client('Jānis Bērziņš');
    await l.post(clientId, T0, 'in', 1000, 'Īss');
    l.at('2026-07-02T09:30:00Z');
    // No `to`: the period runs to the statement's generation, "(sagatavošanas brīdis)".
    const file = await l.callAsync('statements.export', { clientId, format: 'pdf' });
    const path = join(tempDir(), file.fileName);
    writeFileSync(path, Buffer.from(file.content, 'base64'));
    const flat = execFileSync('pdftotext', ['-raw', path, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    expect(flat).not.toContain('…');
    expect(flat).toContain('Konta sākums – 2026-07-02 06:30 (sagatavošanas brīdis)');
    // The footer keeps the time zone, and the line "Sagatavots … (time zone)" does not run into the agency's name.
    expect(flat).toContain('sagatavots 2026-07-02 06:30 (America/Argentina/Buenos_Aires)');
    const layout = execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' });
    expect(layout.split('\n')[0]!.trim()).toBe('Brightline Creative Agency');
  });

  it('numbers pages exactly at the page-break edges', () => {
    expect(statementPageCount(0)).toBe(1);
    expect(statementPageCount(FIRST_PAGE_ROWS - 3)).toBe(1);
    expect(statementPageCount(FIRST_PAGE_ROWS - 2)).toBe(2);
    expect(statementPageCount(FIRST_PAGE_ROWS)).toBe(2);
    expect(statementPageCount(FIRST_PAGE_ROWS + OTHER_PAGE_ROWS - 3)).toBe(2);
    expect(statementPageCount(FIRST_PAGE_ROWS + OTHER_PAGE_ROWS)).toBe(3);
  });
});
