/**
 * Roles on every channel (PRODUCT F14): every channel × every role through the router,
 * compared with the one table in README.md. The probe input carries an unknown field, so a
 * caller the role allows gets VALIDATION_ERROR naming it (the input was parsed) and one it
 * does not gets FORBIDDEN (refused before parsing); nothing runs, and nothing is written.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHANNELS, contract } from '../../shared/contract';
import { ROLES, roleAllows, type Role } from '../../shared/roles';
import { forEachEngine, type EngineLedger } from '../support/engines';
import { parseRolesTable, renderRolesTable } from '../support/roles-table';

const README = readFileSync(join(import.meta.dirname, '..', '..', 'README.md'), 'utf8');
const PROBE = { notAFieldOfAnyChannel: 1 };

describe('the README roles table', () => {
  const table = parseRolesTable(README);

  it('lists every channel of the contract exactly once, and nothing else', () => {
    expect(table.map((row) => row.channel).sort()).toEqual([...CHANNELS].sort());
  });

  it('is the table the contract renders (regenerate: npx tsx tests/support/write-roles-table.ts)', () => {
    expect(README).toContain(renderRolesTable());
  });

  it('gives each channel its contract role, each role including the one before', () => {
    for (const row of table) {
      expect(row.least, row.channel).toBe(contract[row.channel as keyof typeof contract].role);
      const allowed = ROLES.map((role) => row.allowed[role]);
      // Once allowed, every higher role is allowed too; admin may do everything.
      expect(allowed.indexOf(true), row.channel).toBeGreaterThanOrEqual(0);
      expect(allowed.slice(allowed.indexOf(true)).every(Boolean), row.channel).toBe(true);
    }
  });
});

forEachEngine((engine) => {
  let l: EngineLedger;
  beforeAll(async () => {
    l = await engine.open();
  });
  afterAll(() => l.close());

  describe('the router checks the role before the input', () => {
    const table = parseRolesTable(README);

    it('answers every channel × role as the README table says, writing nothing', async () => {
      const before = await l.dump();
      const answers: string[] = [];
      const expected: string[] = [];
      for (const row of table) {
        for (const role of ROLES) {
          const result = await l.router.call(row.channel, PROBE, {
            actor: `${role}-user`,
            role,
            username: `${role}-user`,
          });
          const code = result.ok ? 'ok' : result.error.code;
          answers.push(`${row.channel} ${role} ${code}`);
          expected.push(`${row.channel} ${role} ${row.allowed[role] ? 'VALIDATION_ERROR' : 'FORBIDDEN'}`);
        }
      }
      expect(answers).toEqual(expected);
      expect(answers).toHaveLength(CHANNELS.length * ROLES.length);
      expect(await l.dump()).toBe(before);
    });

    it('treats a call without a role (desktop, CLI) as admin', async () => {
      for (const channel of CHANNELS) {
        const result = await l.router.call(channel, PROBE, { actor: 'desk' });
        expect(result.ok ? 'ok' : result.error.code, channel).toBe('VALIDATION_ERROR');
      }
    });

    it('refuses with FORBIDDEN naming both roles, whatever the input, and writes nothing', async () => {
      const before = await l.dump();
      const attempts: [string, unknown, Role][] = [
        ['settings.update', { creditPaymentsEnabled: false }, 'approver'],
        ['transactions.adjust', { clientId: 1, direction: 'in', credits: 5, reason: 'x' }, 'clerk'],
        ['clients.create', { name: 'Someone' }, 'viewer'],
        ['users.create', { username: 'mallory', password: 'x', role: 'admin' }, 'clerk'],
        ['clients.create', 'not even an object', 'viewer'],
      ];
      for (const [channel, input, role] of attempts) {
        const result = await l.router.call(channel, input, { actor: 'someone', role });
        expect(result.ok).toBe(false);
        if (result.ok) continue;
        expect(result.error.code).toBe('FORBIDDEN');
        expect(result.error.details).toMatchObject({ channel, role });
        expect(roleAllows(role, result.error.details?.requiredRole as Role)).toBe(false);
        expect(result.error.message).toBe('Your role does not allow this action.');
      }
      expect(await l.dump()).toBe(before);
    });

    it('lets a role do what it may: a clerk creates a client, a viewer lists it', async () => {
      const created = await l.router.call('clients.create', { name: 'Walk-in' }, { actor: 'clerk', role: 'clerk' });
      expect(created.ok).toBe(true);
      const listed = await l.router.call('clients.list', {}, { actor: 'viewer', role: 'viewer' });
      expect(listed.ok && (listed.value as { items: unknown[] }).items).toHaveLength(1);
    });
  });
});
