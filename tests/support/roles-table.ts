/**
 * The README's "Roles" table, rendered from the contract and read back from the README. The
 * test in tests/ledger/roles.test.ts walks every channel × role through the router and
 * compares the answers with the table parsed from the README, so the README, the contract and
 * the router cannot drift apart. `npx tsx tests/support/write-roles-table.ts` rewrites it.
 */
import { CHANNELS, contract, type Channel } from '../../shared/contract';
import { ROLES, roleAllows, type Role } from '../../shared/roles';

export const TABLE_BEGIN = '<!-- roles-table:begin (generated: npx tsx tests/support/write-roles-table.ts) -->';
export const TABLE_END = '<!-- roles-table:end -->';

/** One row: the channel, its least role, and for each role whether it may call the channel. */
export interface RoleRow {
  channel: string;
  least: string;
  allowed: Record<Role, boolean>;
}

/** The table as markdown, one row per channel in contract order. */
export function renderRolesTable(): string {
  const head = `| channel | least role | ${ROLES.join(' | ')} |`;
  const rule = `| --- | --- | ${ROLES.map(() => ':---:').join(' | ')} |`;
  const rows = CHANNELS.map((channel: Channel) => {
    const least = contract[channel].role;
    const marks = ROLES.map((role) => (roleAllows(role, least) ? 'yes' : 'no'));
    return `| \`${channel}\` | ${least} | ${marks.join(' | ')} |`;
  });
  return [head, rule, ...rows].join('\n');
}

/** The rows between the markers of `readme`; throws when the markers or the header are missing. */
export function parseRolesTable(readme: string): RoleRow[] {
  const start = readme.indexOf(TABLE_BEGIN);
  const end = readme.indexOf(TABLE_END);
  if (start < 0 || end < start) throw new Error('README.md has no roles table between its markers');
  const lines = readme
    .slice(start + TABLE_BEGIN.length, end)
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.startsWith('|'));
  const header = (lines[0] ?? '').split('|').map((cell) => cell.trim());
  if (header.slice(3, 3 + ROLES.length).join(',') !== ROLES.join(',')) {
    throw new Error(`the roles table's columns must be channel, least role, ${ROLES.join(', ')}`);
  }
  return lines.slice(2).map((line) => {
    const cells = line
      .split('|')
      .slice(1, -1)
      .map((cell) => cell.trim());
    const [channel = '', least = ''] = cells;
    const allowed = Object.fromEntries(ROLES.map((role, i) => [role, cells[2 + i] === 'yes'])) as Record<Role, boolean>;
    return { channel: channel.replace(/`/g, ''), least, allowed };
  });
}

/** `readme` with the table between its markers replaced by a fresh rendering. */
export function withRolesTable(readme: string): string {
  const start = readme.indexOf(TABLE_BEGIN);
  const end = readme.indexOf(TABLE_END);
  if (start < 0 || end < start) throw new Error('README.md has no roles table markers');
  return `${readme.slice(0, start + TABLE_BEGIN.length)}\n\n${renderRolesTable()}\n\n${readme.slice(end)}`;
}
