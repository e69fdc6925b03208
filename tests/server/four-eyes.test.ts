/**
 * Four eyes (PRODUCT F14) where nobody signs in (the desktop app, the CLI): the rule compares
 * the actor who submitted a request with the one deciding it, by name. With the switch on,
 * the submitter's accept or reject is FOUR_EYES_REQUIRED and writes nothing; another person
 * decides as usual. With it off, one person may do both (a one-person desk).
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../electron/db/database';
import { openLedgerDatabase } from '../../electron/db/open';
import { createRouter, type Router } from '../../electron/ipc/router';
import { fileFingerprint, must, seed, tempDir, type Fixtures } from '../reliability/helpers';

const dir = tempDir('four-eyes');
const dbPath = join(dir, 'ledger.db');
let db: Db;
let router: Router;
let fixtures: Fixtures;

beforeAll(async () => {
  db = await openLedgerDatabase(dbPath);
  router = createRouter({ db });
  fixtures = await seed(router, 1);
});
afterAll(() => db.close());

async function submit(actor: string): Promise<number> {
  const result = await router.call(
    'requests.submit',
    { clientId: fixtures.clients[0], packageId: fixtures.packageId, method: 'bank_transfer', paymentReference: 'R-1' },
    { actor },
  );
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return (result.value as { id: number }).id;
}

describe('four eyes without sign-in', () => {
  it('is off by default: the submitter may accept their own request', async () => {
    const id = await submit('solo');
    const result = await router.call('requests.accept', { requestId: id }, { actor: 'solo' });
    expect(result.ok).toBe(true);
  });

  it('on: the submitter (even acting as admin) cannot accept or reject; nothing is written', async () => {
    await must(router, 'settings.update', { fourEyes: true });
    const id = await submit('clara');
    const before = fileFingerprint(db.sqlite, dbPath);
    for (const [channel, input] of [
      ['requests.accept', { requestId: id }],
      ['requests.reject', { requestId: id, reason: 'not paid' }],
    ] as const) {
      const result = await router.call(channel, input, { actor: 'clara', role: 'admin' });
      expect(result).toMatchObject({
        ok: false,
        error: { code: 'FOUR_EYES_REQUIRED', details: { requestId: id, submittedBy: 'clara' } },
      });
    }
    expect(fileFingerprint(db.sqlite, dbPath)).toBe(before);
    const accepted = await router.call('requests.accept', { requestId: id }, { actor: 'abe' });
    expect(accepted).toMatchObject({ ok: true, value: { request: { status: 'accepted', decidedBy: 'abe' } } });
  });

  it('on: another person may reject', async () => {
    const id = await submit('clara');
    const rejected = await router.call('requests.reject', { requestId: id, reason: 'no payment' }, { actor: 'abe' });
    expect(rejected).toMatchObject({ ok: true, value: { request: { status: 'rejected' } } });
  });
});
