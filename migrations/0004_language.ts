/**
 * F17: the agency's language for statements (PDF, print view, CSV headers). Frozen in time:
 * imports only kysely. Existing ledgers keep English, the language their statements had.
 * On PostgreSQL the column compares byte-wise (COLLATE "C"), as every text column there does.
 */
import { sql, type Kysely } from 'kysely';

/** True on PostgreSQL, told by the query compiler's placeholders ($1 there, ? on SQLite): public API only. */
function isPostgres(db: Kysely<unknown>): boolean {
  return sql`${0}`.compile(db).sql === '$1';
}

export async function up(db: Kysely<unknown>): Promise<void> {
  if (isPostgres(db)) {
    await sql`ALTER TABLE settings ADD COLUMN language text COLLATE "C" NOT NULL DEFAULT 'en' CHECK (language IN ('en', 'lv'))`.execute(
      db,
    );
    return;
  }
  await sql`ALTER TABLE settings ADD COLUMN language TEXT NOT NULL DEFAULT 'en' CHECK (language IN ('en', 'lv'))`.execute(
    db,
  );
}
