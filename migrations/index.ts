/**
 * Every migration, listed statically: bundling and asar break directory scans.
 * Names sort in the order they run.
 */
import type { Migration } from 'kysely/migration';
import * as m0001 from './0001_initial';
import * as m0002 from './0002_sync';

export const migrations: Record<string, Migration> = {
  '0001_initial': m0001,
  '0002_sync': m0002,
};

/** PRAGMA application_id of a Credit Desk database ("CRED"). */
export const CREDIT_DESK_APPLICATION_ID = m0001.APPLICATION_ID;
