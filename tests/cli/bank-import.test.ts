/** `cli bank-import --file PATH`: the same import as the Bank page, from a script. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { camt053 } from '../bank/camt-builder';
import { cli, oneJsonObject } from '../support/cli';
import { tempDir } from '../support/ledger';

vi.setConfig({ testTimeout: 180_000 });

let dir: string;
let cleanup: () => void;
beforeAll(() => ({ dir, cleanup } = tempDir('credit-desk-bank-import-')));
afterAll(() => cleanup());

describe('bank-import', () => {
  it('imports a camt.053 once; the same file again adds nothing; a bad file is refused naming content', async () => {
    const db = join(dir, 'desk.db');
    const file = join(dir, 'statement.xml');
    writeFileSync(file, camt053([{ ref: 'TX-1', amount: '250.00', remittance: 'CD-2026-0042' }]));
    const first = await cli('--db', db, 'bank-import', '--file', file);
    expect(first.code, first.stderr).toBe(0);
    expect(oneJsonObject(first.stdout)).toMatchObject({
      ok: true,
      value: { format: 'camt.053', transactions: 1, new: 1 },
    });
    const again = await cli('--db', db, 'bank-import', `--file=${file}`);
    expect(oneJsonObject(again.stdout)).toMatchObject({ ok: true, value: { new: 0, duplicates: 1 } });
    const junk = join(dir, 'junk.xml');
    writeFileSync(junk, '<Document><Stmt>');
    const refused = await cli('--db', db, 'bank-import', '--file', junk);
    expect(refused.code).toBe(1);
    expect(oneJsonObject(refused.stdout)).toMatchObject({ ok: false, error: { code: 'VALIDATION_ERROR' } });
    const usage = await cli('--db', db, 'bank-import');
    expect(usage.code).not.toBe(0);
    expect(usage.stderr).toContain('--file');
  });
});
