/** Black-box: the real CLI in a child process (each spawn costs ~0.8 s, so only a few). */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { openLedger, parseCsv, tempDir } from './helpers';

const root = join(import.meta.dirname, '..', '..');
let dir: string;
let dbPath: string;
let clientId: number;

function cli(...args: string[]) {
  const r = spawnSync(
    process.execPath,
    ['--import', 'tsx', join(root, 'electron', 'cli.ts'), '--db', dbPath, ...args],
    {
      cwd: root,
      encoding: 'utf8',
    },
  );
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(async () => {
  dir = tempDir('cd-cli-');
  dbPath = join(dir, 'ledger.db');
  const l = await openLedger(dbPath);
  clientId = await l.client('Chloé Lefèvre');
  const other = await l.client('Bergmann & Söhne');
  await l.post(clientId, '2026-05-31T22:59:59.999Z', 'in', 100, 'Before (23:59 BST on 31 May)');
  await l.post(clientId, '2026-05-31T23:00:00.000Z', 'in', 50, '=SUM(A1) at 00:00 BST on 1 June');
  await l.post(other, '2026-06-10T10:00:00.000Z', 'in', 7, 'Other client');
  await l.post(clientId, '2026-06-30T22:59:59.999Z', 'out', 20, 'Last instant of June');
  await l.post(clientId, '2026-06-30T23:00:00.000Z', 'out', 1, 'First instant of July');
  l.db.close();
});

describe('cli statement and ledger-export', () => {
  it('statement --format csv writes the file and prints one JSON summary', () => {
    const out = join(dir, 'june.csv');
    const r = cli(
      'statement',
      '--client',
      String(clientId),
      '--from',
      '2026-06-01',
      '--to',
      '2026-06-30',
      '--format',
      'csv',
      '--out',
      out,
    );
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const summary = JSON.parse(r.stdout) as { ok: true; value: { path: string; lines: number; bytes: number } };
    expect(r.stdout.trim().split('\n')).toHaveLength(1);
    expect(summary).toMatchObject({ ok: true, value: { path: out, lines: 2, bytes: statSync(out).size } });
    const rows = parseCsv(readFileSync(out, 'utf8').slice(1));
    const fact = (label: string) => rows.find((x) => x[0] === label)?.[1];
    expect([
      fact('Client'),
      fact('Opening balance'),
      fact('Total in'),
      fact('Total out'),
      fact('Closing balance'),
    ]).toEqual(['Chloé Lefèvre', '100', '50', '20', '130']);
    expect(rows.filter((x) => /^\d+$/.test(x[0]!)).map((x) => x[4])).toEqual([
      "'=SUM(A1) at 00:00 BST on 1 June",
      'Last instant of June',
    ]);
    expect(readdirSync(dir).filter((f) => f.includes('.partial-'))).toEqual([]);
  });

  it('statement --format pdf writes a PDF', () => {
    const out = join(dir, 'june.pdf');
    const r = cli(
      'statement',
      `--client=${clientId}`,
      '--from=2026-06-01',
      '--to=2026-06-30',
      '--format=pdf',
      `--out=${out}`,
    );
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ ok: true, value: { path: out, lines: 2 } });
    expect(readFileSync(out).subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });

  it('ledger-export writes every client’s entries in the period', () => {
    const out = join(dir, 'ledger.csv');
    const r = cli('ledger-export', '--from', '2026-06-01', '--to', '2026-06-30', '--out', out);
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ ok: true, value: { path: out, lines: 3 } });
    const rows = parseCsv(readFileSync(out, 'utf8').slice(1));
    expect(rows.slice(1).map((x) => [x[5], x[10], x[11]])).toEqual([
      ['Chloé Lefèvre', '50', ''],
      ['Chloé Lefèvre', '', '20'],
      ['Bergmann & Söhne', '7', ''],
    ]);
  });

  it('a refusal exits 1 with one JSON error and writes no file; a usage mistake exits 2 with one stderr line', () => {
    const out = join(dir, 'nobody.csv');
    const refused = cli('statement', '--client', '999', '--format', 'csv', '--out', out);
    expect(refused.status).toBe(1);
    expect(JSON.parse(refused.stdout)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(existsSync(out)).toBe(false);
    const usage = cli('statement', '--client', '1', '--format', 'xls');
    expect(usage.status).toBe(2);
    expect(usage.stdout).toBe('');
    expect(usage.stderr.trim().split('\n')).toHaveLength(1);
    expect(usage.stderr).toMatch(/needs --out PATH/);
  });
});
