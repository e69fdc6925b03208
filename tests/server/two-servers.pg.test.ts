/**
 * Two team-server processes on one PostgreSQL database, as behind a load balancer (PRODUCT
 * F14): sessions and the lockout live in the database, so five failures spread over both
 * processes lock the user on both; decisions and spending stay exactly-once across processes
 * (the PostgreSQL issue's figures: 30 concurrent spends against a balance covering 10 succeed
 * exactly 10 times); four eyes holds through the door; and the payment-provider poller runs in
 * exactly one process, the other taking over when it stops.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeWithPostgres } from '../support/pg-cluster';
import { freshLedgerUrl } from '../pg/support';
import { addUsers, buildDoors, login, must, PASSWORD, post, startServer, type ServerProcess } from './support';

const HOLDS = 'this server process holds the poller lock';
const WAITS = 'another server process holds the poller lock';

describeWithPostgres('two team-server processes on one PostgreSQL database', (cluster) => {
  let url = '';
  let a: ServerProcess;
  let b: ServerProcess;
  const env = { CREDIT_DESK_POLLER_LOCK_RETRY_MS: '100' };

  beforeAll(async () => {
    await buildDoors();
    url = await freshLedgerUrl(cluster());
    await addUsers(url, [
      { username: 'ada', role: 'admin' },
      { username: 'clara', role: 'clerk' },
      { username: 'abe', role: 'approver' },
      { username: 'aria', role: 'approver' },
      { username: 'lou', role: 'viewer' },
    ]);
    a = await startServer(url, [], env);
    await a.waitFor(HOLDS);
    b = await startServer(url, [], env);
    await b.waitFor(WAITS);
  }, 120_000);
  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
  });

  it('five failed sign-ins spread over both processes lock the user on both', async () => {
    for (const server of [a, b, a, b, a]) {
      const reply = await post(server.url, 'auth.login', { username: 'lou', password: 'not-the-password-1' });
      expect(reply.status).toBe(401);
    }
    for (const server of [b, a]) {
      const reply = await post(server.url, 'auth.login', { username: 'lou', password: PASSWORD });
      expect(reply.status).toBe(401);
      expect(reply.body).toMatchObject({
        ok: false,
        error: { code: 'UNAUTHENTICATED', details: { lockedUntil: expect.any(String) } },
      });
    }
  });

  it('racing accepts of one request over both processes credit it exactly once', async () => {
    const admin = await login(a.url, 'ada');
    const clerk = await login(b.url, 'clara');
    const approvers = [await login(a.url, 'abe'), await login(b.url, 'aria')];
    await must(a.url, admin, 'rates.set', { currency: 'USD', creditsPerUnit: '10' });
    const pkg = await must<{ id: number }>(a.url, admin, 'packages.create', {
      name: 'Starter',
      credits: 100,
      currency: 'USD',
      price: '9.99',
    });
    const client = await must<{ id: number }>(b.url, clerk, 'clients.create', { name: 'Northwind' });
    for (let round = 0; round < 5; round++) {
      const request = await must<{ id: number }>(b.url, clerk, 'requests.submit', {
        clientId: client.id,
        packageId: pkg.id,
        method: 'bank_transfer',
        paymentReference: `R-${round}`,
      });
      const replies = await Promise.all(
        Array.from({ length: 8 }, (_, i) =>
          post(i % 2 === 0 ? a.url : b.url, 'requests.accept', { requestId: request.id }, approvers[i % 2]),
        ),
      );
      expect(replies.filter((r) => r.body.ok)).toHaveLength(1);
      for (const r of replies.filter((x) => !x.body.ok)) {
        expect(r.status).toBe(200);
        expect(['REQUEST_NOT_PENDING', 'CONFLICT']).toContain(r.body.ok ? '' : r.body.error.code);
      }
      const after = await must<{ balance: number }>(a.url, admin, 'clients.get', { clientId: client.id });
      expect(after.balance).toBe(100 * (round + 1));
    }
  }, 120_000);

  it("30 concurrent spends of one client's balance over both processes: exactly 10 succeed", async () => {
    const clerk = await login(a.url, 'clara');
    const approver = await login(b.url, 'abe');
    const service = await must<{ id: number }>(a.url, clerk, 'services.create', {
      name: 'Logo refresh',
      price: '3.51',
      currency: 'USD',
    });
    const client = await must<{ id: number }>(a.url, clerk, 'clients.create', { name: 'Contoso' });
    await must(b.url, approver, 'transactions.adjust', {
      clientId: client.id,
      direction: 'in',
      credits: 360,
      reason: 'Opening',
    });
    const replies = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        post(
          i % 2 === 0 ? a.url : b.url,
          'services.buyWithCredits',
          { clientId: client.id, serviceId: service.id },
          clerk,
        ),
      ),
    );
    expect(replies.filter((r) => r.body.ok)).toHaveLength(10);
    expect(replies.filter((r) => !r.body.ok).map((r) => (r.body.ok ? '' : r.body.error.code))).toEqual(
      Array.from({ length: 20 }, () => 'INSUFFICIENT_CREDITS'),
    );
    expect(await must(a.url, clerk, 'clients.get', { clientId: client.id })).toMatchObject({ balance: 0 });
    expect(await must(b.url, clerk, 'ledger.verify', {})).toMatchObject({ ok: true, problems: [] });
  }, 120_000);

  it('four eyes through the door: the submitter (admin included) cannot decide; another approver can', async () => {
    const admin = await login(a.url, 'ada');
    const approver = await login(b.url, 'abe');
    await must(a.url, admin, 'settings.update', { fourEyes: true });
    const client = await must<{ id: number }>(a.url, admin, 'clients.create', { name: 'Fabrikam' });
    const pkg = await must<{ items: { id: number }[] }>(a.url, admin, 'packages.list', {});
    const request = await must<{ id: number }>(a.url, admin, 'requests.submit', {
      clientId: client.id,
      packageId: pkg.items[0]!.id,
      method: 'crypto',
      paymentReference: '0xabc',
    });
    for (const [channel, input] of [
      ['requests.accept', { requestId: request.id }],
      ['requests.reject', { requestId: request.id, reason: 'mine' }],
    ] as const) {
      const reply = await post(b.url, channel, input, admin);
      expect(reply.status).toBe(200);
      expect(reply.body).toMatchObject({ ok: false, error: { code: 'FOUR_EYES_REQUIRED' } });
    }
    const accepted = await must(a.url, approver, 'requests.accept', { requestId: request.id });
    expect(accepted).toMatchObject({ request: { status: 'accepted', submittedBy: 'ada', decidedBy: 'abe' } });
    expect(await must(a.url, approver, 'transactions.list', { clientId: client.id })).toMatchObject({
      items: [{ actor: 'abe', credits: 100 }],
    });
  });

  it('the poller runs in one process; the other takes it over when that one stops', async () => {
    expect(a.output()).toContain(HOLDS);
    expect(b.output()).not.toContain(HOLDS);
    expect(await a.stop()).toBe(0);
    await b.waitFor(HOLDS);
    // A third process now waits behind b.
    a = await startServer(url, [], env);
    await a.waitFor(WAITS);
    expect(a.output()).not.toContain(HOLDS);
  });
});
