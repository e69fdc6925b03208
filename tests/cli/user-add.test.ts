/** `cli user-add`: the first admin from the command line, the password from stdin, never echoed. */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { cli, cliWithInput, oneJsonObject } from '../support/cli';
import { tempDir } from '../support/ledger';

vi.setConfig({ testTimeout: 180_000 });

const PASSWORD = 'first admin password';
let dir: string;
let cleanup: () => void;
beforeAll(() => ({ dir, cleanup } = tempDir('credit-desk-user-add-')));
afterAll(() => cleanup());

describe('user-add', () => {
  it('creates a user with the password from stdin, who can then sign in', async () => {
    const db = join(dir, 'team.db');
    const added = await cliWithInput(
      `${PASSWORD}\n`,
      '--db',
      db,
      '--actor',
      'installer',
      'user-add',
      '--username',
      'Anna',
      '--role=admin',
      '--display-name',
      'Anna Ozola',
    );
    expect(added.code, added.stderr).toBe(0);
    expect(oneJsonObject(added.stdout)).toMatchObject({
      ok: true,
      value: { username: 'anna', displayName: 'Anna Ozola', role: 'admin', disabled: false },
    });
    expect(added.stdout + added.stderr).not.toContain(PASSWORD);

    const signIn = await cli(
      '--db',
      db,
      'call',
      'auth.login',
      JSON.stringify({ username: 'anna', password: PASSWORD }),
    );
    expect(signIn.code, signIn.stderr).toBe(0);
    expect(oneJsonObject(signIn.stdout)).toMatchObject({ ok: true, value: { user: { role: 'admin' } } });

    const audit = oneJsonObject((await cli('--db', db, 'call', 'audit.list', '{}')).stdout);
    expect(JSON.stringify(audit)).toContain('"actor":"installer"');
    expect(JSON.stringify(audit)).not.toContain(PASSWORD);
  });

  it('refuses a short password naming the field, and bad options as usage errors', async () => {
    const db = join(dir, 'short.db');
    const short = await cliWithInput('too short\n', '--db', db, 'user-add', '--username', 'bob', '--role', 'clerk');
    expect(short.code).toBe(1);
    expect(oneJsonObject(short.stdout)).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_ERROR', details: { field: 'password' } },
    });
    const usage = await cli('--db', db, 'user-add', '--username', 'bob', '--password', 'on the command line');
    expect(usage.code).toBe(2);
    expect(usage.stdout).toBe('');
    expect(usage.stderr).toMatch(/user-add does not take "--password"/);
  });
});
