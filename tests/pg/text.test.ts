/**
 * Case-insensitive order, comparison and search give the same answers on both engines
 * (SQLite's NOCASE and LIKE; PostgreSQL's lower() and ILIKE over text COLLATE "C").
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { AsyncDb } from '../../electron/db/async-db';
import { openAsyncLedger } from '../../electron/db/async-db.open';
import { foldCase, likeIgnoringCase } from '../../electron/db/async-db.text';
import { describeWithPostgres } from '../support/pg-cluster';
import { freshLedgerUrl, NOW } from './support';

const NAMES = ['b', 'B', 'a_', 'A[', 'Émile', 'émile', 'ab', 'Zed', 'zed', '50% off', 'Ab', 'ß'];

async function answers(db: AsyncDb) {
  for (const name of NAMES) {
    await db.run(db.k.insertInto('clients').values({ name, created_at: NOW, updated_at: NOW }));
  }
  const name = sql.ref('name');
  const ordered = await db.all(
    db.k.selectFrom('clients').select(['name', 'id']).orderBy(foldCase(db.engine, name)).orderBy('id'),
  );
  const after = await db.all(
    db.k
      .selectFrom('clients')
      .select('name')
      .where(sql<boolean>`${foldCase(db.engine, name)} > ${foldCase(db.engine, 'AB')}`)
      .orderBy(foldCase(db.engine, name))
      .orderBy('id'),
  );
  const search = async (pattern: string) =>
    (
      await db.all(
        db.k
          .selectFrom('clients')
          .select('name')
          .where(likeIgnoringCase(db.engine, sql.ref('name'), pattern))
          .orderBy('id'),
      )
    ).map((r) => r.name);
  return {
    ordered: ordered.map((r) => r.name),
    after: after.map((r) => r.name),
    zed: await search('%ZE%'),
    accents: await search('%MILE%'),
    percent: await search('%50\\%%'),
    underscore: await search('%\\_%'),
  };
}

const handles: AsyncDb[] = [];
let sqlite: Awaited<ReturnType<typeof answers>>;
beforeAll(async () => {
  const db = await openAsyncLedger(join(mkdtempSync(join(tmpdir(), 'cd-text-')), 'ledger.db'));
  handles.push(db);
  sqlite = await answers(db);
});
afterAll(async () => {
  await Promise.all(handles.map((db) => db.close()));
});

it('SQLite folds ASCII case only, as NOCASE and LIKE do', () => {
  expect(sqlite.ordered).toEqual(['50% off', 'A[', 'a_', 'ab', 'Ab', 'b', 'B', 'Zed', 'zed', 'Émile', 'ß', 'émile']);
  expect(sqlite.zed).toEqual(['Zed', 'zed']);
  expect(sqlite.accents).toEqual(['Émile', 'émile']);
  expect(sqlite.percent).toEqual(['50% off']);
  expect(sqlite.underscore).toEqual(['a_']);
});

describeWithPostgres('text on PostgreSQL', (cluster) => {
  it('orders, compares and searches exactly as SQLite does', async () => {
    const db = await openAsyncLedger(await freshLedgerUrl(cluster()));
    handles.push(db);
    expect(await answers(db)).toEqual(sqlite);
  });
});
