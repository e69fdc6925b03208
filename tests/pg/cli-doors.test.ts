/**
 * PRODUCT F13, "every door takes either": the real command-line door (`node scripts/door.mjs
 * cli`, what `npm run --silent cli` runs) against a fresh PostgreSQL database for every verb,
 * with the same JSON and exit codes as on SQLite, migrations run on open, a foreign database
 * refused (exit 2) and left untouched, `restore` refused naming pg_restore, and the password
 * never in anything the door prints. Browser mode (`node scripts/door.mjs browser --db URL`)
 * serves the same ledger over HTTP. One cluster for the whole file (the machine is small); a
 * fresh database per test.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { cli as runCli, cliWithInput, oneJsonObject, type Run } from '../support/cli';
import { describeWithPostgres, type PgCluster } from '../support/pg-cluster';
import { FakeStripe, paidSession } from '../sync/fakes/stripe';
import { STRIPE_KEY } from '../sync/helpers';
import { REPO_ROOT, run } from '../support/cli';

const dir = mkdtempSync(join(tmpdir(), 'cli-doors-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describeWithPostgres('every CLI verb on a PostgreSQL URL', (cluster) => {
  /** Every output of the door, checked for the password as it comes. */
  function clean(result: Run): Run {
    expect(`${result.stdout}${result.stderr}`).not.toContain(cluster().password);
    return result;
  }
  const cli = async (...args: string[]) => clean(await runCli(...args));
  const value = <T>(result: Run): T => {
    expect(result.code, result.stderr).toBe(0);
    const parsed = oneJsonObject(result.stdout);
    expect(parsed.ok).toBe(true);
    return parsed.value as T;
  };
  const tableNames = async (c: PgCluster, database: string) =>
    (
      await c.admin<{ t: string }>(
        "SELECT table_name AS t FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1",
        [],
        database,
      )
    ).rows.map((r) => r.t);

  it('call and batch migrate an empty database on open and answer exactly as on SQLite', async () => {
    const { name, url } = await cluster().createDatabase();
    const file = join(dir, 'call.db');
    const created = await cli('--db', url, '--actor', 'ana', 'call', 'clients.create', '{"name":"Acme"}');
    const onSqlite = await runCli('--db', file, '--actor', 'ana', 'call', 'clients.create', '{"name":"Acme"}');
    const client = value<{ id: number; name: string; balance: number; createdAt: string }>(created);
    expect(client).toMatchObject({ id: 1, name: 'Acme', balance: 0 });
    // Same shape and values on both engines (timestamps aside).
    const withoutTimes = (v: unknown) => JSON.stringify(v, (k, x: unknown) => (/At$/.test(k) ? 't' : x));
    expect(withoutTimes(client)).toBe(withoutTimes(value(onSqlite)));
    expect(await tableNames(cluster(), name)).toContain('ledger_entries');

    const refused = await cli('--db', url, 'call', 'clients.create', '{"name":""}');
    expect(refused.code).toBe(1);
    expect(oneJsonObject(refused.stdout)).toMatchObject({ ok: false, error: { code: 'VALIDATION_ERROR' } });
    const unknown = await cli('--db', url, 'call', 'no.such.channel');
    expect(unknown.code).toBe(2);
    expect(unknown.stdout).toBe('');

    const lines = [
      '{"channel":"clients.create","input":{"name":"Beta"}}',
      'not json',
      '{"channel":"clients.list"}',
    ].join('\n');
    const batch = clean(await cliWithInput(lines, '--db', url, 'batch'));
    expect(batch.code).toBe(1);
    const results = batch.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { ok: boolean });
    expect(results.map((r) => r.ok)).toEqual([true, false, true]);
    expect(JSON.stringify(results[2])).toContain('Beta');
  });

  it('demo fills the ledger with the same summary as on SQLite; verify passes; exports stream to files', async () => {
    const { url } = await cluster().createDatabase();
    const file = join(dir, 'demo.db');
    const [demo, sqliteDemo] = await Promise.all([cli('--db', url, 'demo'), runCli('--db', file, 'demo')]);
    expect(value(demo)).toEqual(value(sqliteDemo));
    const again = await cli('--db', url, 'demo');
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('empty database');

    const verify = await cli('--db', url, 'verify');
    expect(value<{ ok: boolean }>(verify).ok).toBe(true);

    const ledgerOut = join(dir, 'ledger.csv');
    const requestsOut = join(dir, 'requests.csv');
    const statementOut = join(dir, 'statement.csv');
    const [ledger, requests, statement] = await Promise.all([
      cli('--db', url, 'ledger-export', '--out', ledgerOut),
      cli('--db', url, 'requests-export', '--status', 'pending', '--out', requestsOut),
      cli('--db', url, 'statement', '--client', '1', '--format', 'csv', '--out', statementOut),
    ]);
    expect(value<{ lines: number }>(ledger).lines).toBeGreaterThan(100);
    expect(value<{ lines: number }>(requests).lines).toBeGreaterThan(0);
    expect(value<{ path: string }>(statement).path).toBe(statementOut);
    expect(readFileSync(statementOut, 'utf8')).toContain('Amelia Hart');
    const refused = await cli(
      '--db',
      url,
      'statement',
      '--client',
      '999',
      '--format',
      'csv',
      '--out',
      join(dir, 'x.csv'),
    );
    expect(refused.code).toBe(1);
    expect(oneJsonObject(refused.stdout).error?.code).toBe('NOT_FOUND');
    expect(existsSync(join(dir, 'x.csv'))).toBe(false);
  });

  it('user-add reads the password from stdin; sync runs one pass against the provider', async () => {
    const { url } = await cluster().createDatabase();
    const user = clean(
      await cliWithInput('correct horse battery\n', '--db', url, 'user-add', '--username', 'ines', '--role', 'admin'),
    );
    expect(value<{ username: string }>(user).username).toBe('ines');
    expect(user.stdout).not.toContain('correct horse');

    value(await cli('--db', url, 'call', 'clients.create', '{"name":"Payer"}'));
    value(
      await cli(
        '--db',
        url,
        'call',
        'packages.create',
        '{"name":"Starter","credits":100,"currency":"USD","price":"10.00"}',
      ),
    );
    const fake = new FakeStripe(STRIPE_KEY);
    await fake.start();
    try {
      fake.sessions = [
        paidSession({
          created: Math.floor(Date.now() / 1000) - 3600,
          metadata: { credit_desk_client_id: '1', credit_desk_package_id: '1' },
        }),
      ];
      const env = { ...process.env, STRIPE_SECRET_KEY: STRIPE_KEY, CREDIT_DESK_STRIPE_API_BASE: fake.origin };
      const args = ['scripts/door.mjs', 'cli', '--db', url, '--actor', 'sync', 'sync', '--provider', 'stripe'];
      const sync = clean(await run(process.execPath, args, env));
      expect(sync.code, sync.stderr).toBe(0);
      expect(JSON.parse(sync.stdout)).toMatchObject({ provider: 'stripe', ok: true, credited: 1 });
      const again = clean(await run(process.execPath, args, env));
      expect(JSON.parse(again.stdout)).toMatchObject({ ok: true, credited: 0 });
    } finally {
      await fake.close();
    }
    const balance = value<{ balance: number }>(await cli('--db', url, 'call', 'clients.get', '{"clientId":1}'));
    expect(balance.balance).toBe(100);
  });

  it('backup is pg_dump, restore is refused naming pg_restore, a foreign database is left untouched', async () => {
    const { name, url } = await cluster().createDatabase();
    value(await cli('--db', url, 'call', 'clients.create', '{"name":"Kept"}'));
    const out = join(dir, 'ledger.dump');
    const backup = await cli('--db', url, 'backup', '--out', out);
    expect(value<{ database: string; format: string }>(backup)).toMatchObject({ format: 'pg_dump custom' });
    expect(backup.stdout).toContain(':***@127.0.0.1');
    expect(existsSync(out)).toBe(true);

    const restore = await cli('--db', url, 'restore', '--from', out);
    expect(restore.code).toBe(2);
    expect(restore.stdout).toBe('');
    expect(restore.stderr).toContain('pg_restore');

    const foreign = await cluster().createDatabase();
    await cluster().admin(
      `CREATE TABLE customers (id int); ALTER TABLE customers OWNER TO ${cluster().role}`,
      [],
      foreign.name,
    );
    const refused = await cli('--db', foreign.url, 'call', 'clients.list');
    expect(refused.code).toBe(2);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toContain('public.customers');
    expect(refused.stderr).toContain(':***@127.0.0.1');
    expect(await tableNames(cluster(), foreign.name)).toEqual(['customers']);
    expect((await cluster().admin('SELECT count(*)::int AS n FROM clients', [], name)).rows).toEqual([{ n: 1 }]);
  });

  it('a wrong password or an unreachable server: one stderr line, exit 2, no password in it', async () => {
    const { name } = await cluster().createDatabase();
    const wrong = `postgres://${cluster().role}:Wr0ngSecret-42@127.0.0.1:${cluster().port}/${name}`;
    const refused = await cli('--db', wrong, 'verify');
    expect(refused.code).toBe(2);
    expect(refused.stderr).not.toContain('Wr0ngSecret-42');
    expect(refused.stderr.trim().split('\n')).toHaveLength(1);
    const unreachable = await cli('--db', 'postgres://nobody:Unre4chable-77@127.0.0.1:1/ledger', 'verify');
    expect(unreachable.code).toBe(2);
    expect(unreachable.stdout).toBe('');
    expect(unreachable.stderr).not.toContain('Unre4chable-77');
    const usage = await cli('--db', cluster().urlFor(name), 'frobnicate');
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('--db FILE|postgres://…');
  });

  it('browser mode serves a PostgreSQL ledger: the printed line masks the password; calls write and read back', async () => {
    const { url } = await cluster().createDatabase();
    // The background poller syncs against a fake Stripe (it finds nothing until a session is added).
    const fake = new FakeStripe(STRIPE_KEY);
    await fake.start();
    // A stand-in renderer in the child's working folder: the door injects its token into any page.
    const cwd = join(dir, 'browser');
    mkdirSync(join(cwd, 'out', 'renderer'), { recursive: true });
    writeFileSync(join(cwd, 'out', 'renderer', 'index.html'), '<!doctype html><html><head></head><body></body></html>');
    const child = spawn(process.execPath, [join(REPO_ROOT, 'scripts/door.mjs'), 'browser', '--no-build', '--db', url], {
      cwd,
      env: { ...process.env, STRIPE_SECRET_KEY: STRIPE_KEY, CREDIT_DESK_STRIPE_API_BASE: fake.origin },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
    try {
      // Synchronise on the printed "database:" line, the last of the start-up lines.
      await new Promise<void>((ready, fail) => {
        child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
          stdout += chunk;
          if (/^database: .*$/m.test(stdout)) ready();
        });
        void exited.then((code) => fail(new Error(`browser mode exited (${code}): ${stderr}`)));
      });
      const origin = /on (http:\/\/127\.0\.0\.1:\d+)/.exec(stdout)![1]!;
      expect(stdout).toContain(`database: postgres://${cluster().role}:***@127.0.0.1:${cluster().port}/`);
      const page = await (await fetch(`${origin}/`)).text();
      const token = /name="credit-desk-token" content="([0-9a-f]+)"/.exec(page)![1]!;
      const api = async <T>(channel: string, input: unknown): Promise<T> => {
        const reply = await fetch(`${origin}/api/${channel}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-credit-desk-token': token, origin },
          body: JSON.stringify(input),
        });
        expect(reply.status).toBe(200);
        const result = (await reply.json()) as { ok: boolean; value: T };
        expect(result.ok, JSON.stringify(result)).toBe(true);
        return result.value;
      };
      const created = await api<{ id: number }>('clients.create', { name: 'Browser client' });
      const list = await api<{ items: { id: number; name: string }[] }>('clients.list', {});
      expect(JSON.stringify(list)).toContain('Browser client');
      await api('transactions.adjust', {
        clientId: created.id,
        direction: 'in',
        credits: 25,
        reason: 'Opening credit',
      });
      expect((await api<{ ok: boolean }>('ledger.verify', {})).ok).toBe(true);
      const exported = await api<{ fileName: string; content?: string }>('requests.export', {});
      expect(exported.fileName).toMatch(/\.csv$/);
      // The poller's pass, asked for through the door: a paid Checkout Session is credited once.
      const pkg = await api<{ id: number }>('packages.create', {
        name: 'Starter',
        credits: 100,
        currency: 'USD',
        price: '10.00',
      });
      // The poller runs a pass at start-up; a run asked for meanwhile joins it. Once this one
      // returns, that pass is over and the next run fetches again.
      await api('sync.run', { provider: 'stripe' });
      fake.sessions = [
        paidSession({
          created: Math.floor(Date.now() / 1000) - 60,
          metadata: { credit_desk_client_id: String(created.id), credit_desk_package_id: String(pkg.id) },
        }),
      ];
      const synced = await api<{ passes: { ok: boolean; credited: number }[] }>('sync.run', { provider: 'stripe' });
      expect(
        synced.passes.reduce((n, p) => n + p.credited, 0),
        JSON.stringify(synced),
      ).toBe(1);
      // The same rows are in PostgreSQL, read back through another door.
      const balance = value<{ balance: number }>(
        await cli('--db', url, 'call', 'clients.get', `{"clientId":${created.id}}`),
      );
      expect(balance.balance).toBe(125);
    } finally {
      child.kill('SIGTERM');
      await exited;
      await fake.close();
    }
    expect(`${stdout}${stderr}`).not.toContain(cluster().password);
  });
});
