/**
 * F13: text holding a NUL character (U+0000) is refused the same way on both engines. PostgreSQL
 * cannot store it in a text column (it failed with "invalid byte sequence for encoding UTF8:
 * 0x00" and the CLI exited 2) while SQLite stored it: found by an engine-to-engine CLI walk.
 */
import { afterEach, beforeEach, expect, it } from 'vitest';
import { forEachEngine, type EngineLedger } from '../support/engines';
import { fundedClient } from '../support/fixtures';

forEachEngine((engine) => {
  let l: EngineLedger;
  beforeEach(async () => {
    l = await engine.open();
  });
  afterEach(() => l.close());

  it('refuses a NUL character with VALIDATION_ERROR naming the field, writing nothing', async () => {
    const { clientId } = await fundedClient(l, 100);
    const before = await l.dump();
    const cases: [string, Record<string, unknown>, string][] = [
      ['clients.create', { name: 'Nul\u0000Co' }, 'name'],
      ['clients.update', { clientId, company: 'A\u0000' }, 'company'],
      ['transactions.adjust', { clientId, direction: 'in', credits: 1, reason: 'x\u0000' }, 'reason'],
      ['clients.create', { name: 'Fine', idempotencyKey: 'k\u0000' }, 'idempotencyKey'],
      ['settings.update', { agencyName: '\u0000Agency' }, 'agencyName'],
    ];
    for (const [channel, input, field] of cases) {
      const error = await l.refused(channel, input, 'VALIDATION_ERROR');
      expect(error.details, channel).toMatchObject({ field });
      expect(error.message).toMatch(new RegExp(`^${field} `));
    }
    expect(await l.dump()).toBe(before);
  });
});
