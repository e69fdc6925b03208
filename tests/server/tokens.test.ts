/**
 * The team server's sign-in rules through a real server process on a SQLite file (PRODUCT F14):
 * every channel but auth.login refuses a missing, wrong, expired and revoked token with HTTP
 * 401; a disabled user's open session stops at once; a clerk cannot raise their own role (403,
 * nothing written); the signed-in username is the actor of entries and audit rows; and the
 * password and its hash never appear in a reply, the server's output or the audit log.
 */
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHANNELS } from '../../shared/contract';
import { tempDir } from '../reliability/helpers';
import { addUsers, buildDoors, login, must, PASSWORD, post, startServer, type ServerProcess } from './support';

const dir = tempDir('server-tokens');
const dbPath = join(dir, 'ledger.db');
let server: ServerProcess;
let sqlite: Database.Database;
let ids: number[];
/** Every reply body the tests saw, searched for secrets at the end. */
const replies: string[] = [];
const NEW_PASSWORD = 'Another-Long-Secret-Phrase-77';

const call = async (channel: string, input: unknown, token?: string, authorization?: string) => {
  const reply = await post(server.url, channel, input, token, authorization);
  replies.push(reply.text);
  return reply;
};

beforeAll(async () => {
  await buildDoors();
  // The first start migrates the new file; users are added after, as `cli user-add` would.
  const first = await startServer(dbPath);
  await first.stop();
  ids = await addUsers(dbPath, [
    { username: 'ada', role: 'admin' },
    { username: 'clara', role: 'clerk' },
    { username: 'abe', role: 'approver' },
    { username: 'dora', role: 'clerk' },
  ]);
  server = await startServer(dbPath);
  sqlite = new Database(dbPath);
  sqlite.pragma('busy_timeout = 5000');
});
afterAll(async () => {
  await server?.stop();
  sqlite?.close();
});

const guarded = CHANNELS.filter((c) => c !== 'auth.login');

async function expectRefusedEverywhere(token: string | undefined, authorization?: string): Promise<void> {
  for (const channel of guarded) {
    const reply = await call(channel, {}, token, authorization);
    expect(reply.status, `${channel}: ${reply.text}`).toBe(401);
    expect(reply.body).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
  }
}

describe('team server tokens', () => {
  it('refuses a missing token, a malformed header and a wrong token on every channel (401)', async () => {
    await expectRefusedEverywhere(undefined);
    await expectRefusedEverywhere(undefined, 'Basic YWRhOnB3');
    await expectRefusedEverywhere('x'.repeat(43));
    const real = await login(server.url, 'ada');
    // One character changed is another token.
    await expectRefusedEverywhere(`${real.slice(0, -1)}${real.endsWith('A') ? 'B' : 'A'}`);
    expect((await call('auth.me', {}, real)).status).toBe(200);
  });

  it('refuses an expired token (12 hours idle) and a revoked one (logged out) on every channel', async () => {
    const expired = await login(server.url, 'clara');
    const idle = new Date(Date.now() - 12 * 3600_000 - 60_000).toISOString();
    sqlite.prepare('UPDATE sessions SET last_used_at = ? WHERE id = (SELECT max(id) FROM sessions)').run(idle);
    await expectRefusedEverywhere(expired);

    const revoked = await login(server.url, 'clara');
    expect((await call('auth.logout', {}, revoked)).status).toBe(200);
    await expectRefusedEverywhere(revoked);
  });

  it("stops a disabled user's open session at once, on every channel", async () => {
    const admin = await login(server.url, 'ada');
    const dora = await login(server.url, 'dora');
    expect((await call('clients.list', {}, dora)).status).toBe(200);
    await must(server.url, admin, 'users.update', { userId: ids[3], disabled: true });
    await expectRefusedEverywhere(dora);
    // Signing in again is refused like a wrong password.
    const again = await call('auth.login', { username: 'dora', password: PASSWORD });
    expect(again.status).toBe(401);
  });

  it('a clerk cannot raise their own role or reset a password (403), and nothing is written', async () => {
    const clerk = await login(server.url, 'clara');
    const before = sqlite.prepare('SELECT * FROM users ORDER BY id').all();
    const audits = sqlite.prepare('SELECT count(*) AS n FROM audit_log').get();
    for (const [channel, input] of [
      ['users.update', { userId: ids[1], role: 'admin' }],
      ['users.update', { userId: ids[1], role: 'approver' }],
      ['users.setPassword', { userId: ids[0], password: NEW_PASSWORD }],
      ['users.create', { username: 'mallory', password: NEW_PASSWORD, role: 'admin' }],
      ['settings.update', { fourEyes: false }],
      ['requests.accept', { requestId: 1 }],
    ] as const) {
      const reply = await call(channel, input, clerk);
      expect(reply.status, `${channel}: ${reply.text}`).toBe(403);
      expect(reply.body).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
    expect(sqlite.prepare('SELECT * FROM users ORDER BY id').all()).toEqual(before);
    expect(sqlite.prepare('SELECT count(*) AS n FROM audit_log').get()).toEqual(audits);
    expect(await must(server.url, clerk, 'auth.me', {})).toMatchObject({ user: { username: 'clara', role: 'clerk' } });
  });

  it('records the signed-in username as the actor of entries and audit rows', async () => {
    const admin = await login(server.url, 'ada');
    const approver = await login(server.url, 'abe');
    const client = await must<{ id: number }>(server.url, approver, 'clients.create', { name: 'Acme' });
    const entry = await must<{ id: number; actor: string }>(server.url, approver, 'transactions.adjust', {
      clientId: client.id,
      direction: 'in',
      credits: 50,
      reason: 'opening balance',
    });
    expect(sqlite.prepare('SELECT actor FROM ledger_entries WHERE client_id = ?').all(client.id)).toEqual([
      { actor: 'abe' },
    ]);
    await must(server.url, admin, 'settings.update', { agencyName: 'Team desk' });
    const last = sqlite.prepare('SELECT actor FROM audit_log ORDER BY id DESC LIMIT 1').get();
    expect(last).toEqual({ actor: 'ada' });
    expect(entry.id).toBeGreaterThan(0);
  });

  it('never shows a password or its hash in replies, the server output or the audit log', async () => {
    const admin = await login(server.url, 'ada');
    await must(server.url, admin, 'users.setPassword', { userId: ids[2], password: NEW_PASSWORD });
    const abe = await login(server.url, 'abe', NEW_PASSWORD);
    await must(server.url, abe, 'auth.changePassword', { currentPassword: NEW_PASSWORD, newPassword: PASSWORD });
    // A wrong password is refused without echoing it.
    expect((await call('auth.login', { username: 'abe', password: NEW_PASSWORD })).status).toBe(401);
    replies.push(JSON.stringify(await must(server.url, admin, 'users.list', {})));
    const hashes = (sqlite.prepare('SELECT password_hash FROM users').all() as { password_hash: string }[]).map(
      (r) => r.password_hash,
    );
    const audit = JSON.stringify(sqlite.prepare('SELECT * FROM audit_log').all());
    const haystacks = { replies: replies.join('\n'), output: server.output(), audit };
    for (const [where, text] of Object.entries(haystacks)) {
      for (const secret of [PASSWORD, NEW_PASSWORD, ...hashes]) {
        expect(text.includes(secret), `${where} contains a secret`).toBe(false);
      }
      // Nor any scrypt hash of someone else (the stored format's prefix).
      expect(text).not.toContain('$scrypt$');
    }
  });
});
