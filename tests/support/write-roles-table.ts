/** Rewrites README.md's roles table from the contract: `npx tsx tests/support/write-roles-table.ts`. */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { withRolesTable } from './roles-table';

const readme = join(import.meta.dirname, '..', '..', 'README.md');
writeFileSync(readme, withRolesTable(readFileSync(readme, 'utf8')));
