import { describe, expect, it } from 'vitest';
import { cli } from '../support/cli';
import { DbLocationError, maskedLocation, maskUrl, parseDbLocation } from '../../electron/db/location';

describe('a database location', () => {
  it('is a SQLite file for a path, :memory: or a Windows drive path', () => {
    for (const path of ['/tmp/ledger.db', 'ledger.db', ':memory:', 'C:\\Users\\me\\ledger.db', 'C://ledger.db']) {
      expect(parseDbLocation(path)).toEqual({ engine: 'sqlite', path });
    }
  });

  it('is PostgreSQL for postgres:// and postgresql:// URLs, in any case', () => {
    for (const url of [
      'postgres://alice:secret@db.example:5432/ledger',
      'postgresql://alice@localhost/ledger?sslmode=require',
      'POSTGRES://alice:secret@10.0.0.5/ledger',
      'postgresql:///ledger?host=/var/run/postgresql',
    ]) {
      expect(parseDbLocation(url)).toEqual({ engine: 'postgres', url });
    }
  });

  it('refuses an empty value, a URL without a database, a malformed URL and other schemes, never echoing a password', () => {
    const refused = (value: string) => {
      try {
        parseDbLocation(value);
      } catch (error) {
        expect(error).toBeInstanceOf(DbLocationError);
        return (error as Error).message;
      }
      throw new Error(`${value} was accepted`);
    };
    expect(refused('  ')).toMatch(/empty/);
    expect(refused('postgres://alice:hunter2@db.example:5432/')).toBe(
      'the PostgreSQL URL names no database (postgres://alice:***@db.example:5432/)',
    );
    expect(refused('postgres://alice:hunter2@db example/ledger')).not.toContain('hunter2');
    expect(refused('mysql://root:hunter2@db/ledger')).toBe(
      "'mysql://' is not a supported database: use a SQLite file path or a postgres:// or postgresql:// URL",
    );
  });

  it('prints with the password masked and everything else intact', () => {
    expect(maskedLocation({ engine: 'postgres', url: 'postgres://alice:s%40cret@db.example:5433/ledger' })).toBe(
      'postgres://alice:***@db.example:5433/ledger',
    );
    expect(maskUrl('postgresql://alice@db.example/ledger?sslmode=require&password=hunter2')).toBe(
      'postgresql://alice@db.example/ledger?sslmode=require&password=***',
    );
    expect(maskUrl('postgres://alice@db.example/ledger')).toBe('postgres://alice@db.example/ledger');
    expect(maskUrl('postgres://alice:hunter2@db example/ledger')).toBe('postgres://alice:***@db example/ledger');
    expect(maskedLocation({ engine: 'sqlite', path: '/tmp/ledger.db' })).toBe('/tmp/ledger.db');
  });

  it('refuses another scheme by name at the command line (exit 2), never echoing a password', async () => {
    const result = await cli('--db', 'mysql://finance:s3cret@db.example/ledger', 'call', 'clients.list', '{}');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("'mysql://' is not a supported database");
    expect(result.stderr + result.stdout).not.toContain('s3cret');
  });
});
