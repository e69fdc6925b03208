/** Black-box tests of `cli batch`: JSON Lines in, one result line per call out, in order, one connection. */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { cliWithInput } from '../support/cli';
import { tempDir } from '../support/ledger';

vi.setConfig({ testTimeout: 120_000 });

let dir: string;
let cleanup: () => void;
beforeAll(() => ({ dir, cleanup } = tempDir('credit-desk-batch-')));
afterAll(() => cleanup());

interface Line {
  ok: boolean;
  value?: Record<string, unknown>;
  error?: { code: string; message: string; details?: Record<string, unknown> };
}

function lines(stdout: string): Line[] {
  expect(stdout.endsWith('\n')).toBe(true);
  return stdout
    .slice(0, -1)
    .split('\n')
    .map((line) => JSON.parse(line) as Line);
}

const jsonl = (...calls: unknown[]) => calls.map((c) => (typeof c === 'string' ? c : JSON.stringify(c))).join('\n');

describe('batch', () => {
  it('answers every good line in order and exits 0', async () => {
    const db = join(dir, 'good.db');
    const result = await cliWithInput(
      jsonl(
        { channel: 'clients.create', input: { name: 'Northwind' } },
        { channel: 'clients.create', input: { name: 'Contoso' } },
        { channel: 'transactions.adjust', input: { clientId: 2, direction: 'in', credits: 7, reason: 'Welcome' } },
        { channel: 'settings.get' },
      ) + '\n',
      '--db',
      db,
      '--actor',
      'alice',
      'batch',
    );
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toBe('');
    const out = lines(result.stdout);
    expect(out).toHaveLength(4);
    expect(out[0]).toMatchObject({ ok: true, value: { id: 1, name: 'Northwind' } });
    expect(out[1]).toMatchObject({ ok: true, value: { id: 2, name: 'Contoso' } });
    expect(out[2]).toMatchObject({ ok: true, value: { clientId: 2, balanceAfter: 7, actor: 'alice' } });
    expect(out[3]).toEqual({
      ok: true,
      value: { creditPaymentsEnabled: true, agencyName: 'My Agency', timeZone: 'UTC', language: 'en', fourEyes: false },
    });
  });

  it('answers bad lines with VALIDATION_ERROR and refusals in place, goes on, and exits 1', async () => {
    const db = join(dir, 'mixed.db');
    const adjust = (direction: 'in' | 'out', credits: number) => ({
      channel: 'transactions.adjust',
      input: { clientId: 1, direction, credits, reason: 'Batch' },
    });
    const result = await cliWithInput(
      jsonl(
        { channel: 'clients.create', input: { name: 'Northwind' } },
        adjust('in', 10),
        '{"channel": "clients.create", "input": {', // not JSON
        '',
        '   ',
        { channel: 'ledger.drop', input: {} }, // unknown channel
        '[1, 2]', // not an object
        { channel: 'settings.get', input: {}, extra: true }, // extra field
        { input: {} }, // no channel
        adjust('out', 25), // refused: only 10 available
        adjust('out', 4),
        { channel: 'clients.list', input: {} },
      ),
      '--db',
      db,
      'batch',
    );
    expect(result.code, result.stderr).toBe(1);
    expect(result.stderr).toBe('');
    const out = lines(result.stdout);
    // Blank lines are skipped: ten calls, ten answers.
    expect(out).toHaveLength(10);
    expect(out[0]).toMatchObject({ ok: true, value: { id: 1 } });
    expect(out[1]).toMatchObject({ ok: true, value: { balanceAfter: 10 } });
    expect(out[2]).toMatchObject({ ok: false, error: { code: 'VALIDATION_ERROR', details: { field: '', line: 3 } } });
    expect(out[2]!.error!.message).toMatch(/not valid JSON/);
    expect(out[3]).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_ERROR', details: { field: 'channel', channel: 'ledger.drop', line: 6 } },
    });
    expect(out[3]!.error!.message).toMatch(/channel.*ledger\.drop/);
    expect(out[4]).toMatchObject({ ok: false, error: { code: 'VALIDATION_ERROR', details: { field: '', line: 7 } } });
    expect(out[4]!.error!.message).toMatch(/JSON object/);
    expect(out[5]).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_ERROR', details: { field: 'extra', fields: ['extra'], line: 8 } },
    });
    expect(out[5]!.error!.message).toMatch(/"extra"/);
    expect(out[6]).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_ERROR', message: 'channel is required.', details: { field: 'channel', line: 9 } },
    });
    expect(out[7]).toMatchObject({
      ok: false,
      error: { code: 'INSUFFICIENT_CREDITS', details: { needed: 25, available: 10 } },
    });
    // The refusal wrote nothing and did not stop the batch: the later debit sees 10, leaves 6.
    expect(out[8]).toMatchObject({ ok: true, value: { balanceAfter: 6 } });
    expect(out[9]).toMatchObject({ ok: true, value: { items: [{ id: 1, balance: 6 }] } });
  });

  it('answers a line whose input is not an object with VALIDATION_ERROR naming input and the line', async () => {
    const result = await cliWithInput(
      jsonl(
        { channel: 'clients.get', input: 'x' },
        { channel: 'clients.get', input: [1] },
        { channel: 'clients.get', input: 7 },
        { channel: 'settings.get', input: null }, // null is no input, as for `call`
        { channel: 'settings.get' },
      ),
      '--db',
      join(dir, 'input.db'),
      'batch',
    );
    expect(result.code, result.stderr).toBe(1);
    const out = lines(result.stdout);
    expect(out).toHaveLength(5);
    for (const [i, answer] of out.slice(0, 3).entries()) {
      expect(answer).toMatchObject({
        ok: false,
        error: { code: 'VALIDATION_ERROR', details: { field: 'input', line: i + 1 } },
      });
    }
    expect(out[3]).toMatchObject({ ok: true, value: { creditPaymentsEnabled: true } });
    expect(out[4]).toMatchObject({ ok: true, value: { creditPaymentsEnabled: true } });
  });

  it('refuses arguments after batch as a usage error (exit 2)', async () => {
    const result = await cliWithInput('', '--db', join(dir, 'usage.db'), 'batch', 'extra');
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/batch takes no arguments/);
  });
});
