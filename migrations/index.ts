/**
 * Every migration, listed statically: bundling and asar break directory scans.
 * Names sort in the order they run.
 */
import type { Migration } from 'kysely/migration';
import * as m0001 from './0001_initial';
import * as m0002 from './0002_sync';
import * as m0003 from './0003_refunds';
import * as m0004 from './0004_language';
import * as m0005 from './0005_users';
import * as m0006 from './0006_bank';

export const migrations: Record<string, Migration> = {
  '0001_initial': m0001,
  '0002_sync': m0002,
  '0003_refunds': m0003,
  '0004_language': m0004,
  '0005_users': m0005,
  '0006_bank': m0006,
};

/** PRAGMA application_id of a Credit Desk database ("CRED"). */
export const CREDIT_DESK_APPLICATION_ID = m0001.APPLICATION_ID;

/** The comment that marks a PostgreSQL database as a Credit Desk ledger (its application_id). */
export const CREDIT_DESK_POSTGRES_MARKER = m0001.POSTGRES_MARKER;
