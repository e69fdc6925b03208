/**
 * What finance staff read when the ledger cannot be opened at start. The app then stops:
 * it never falls back to a new, empty database (balances would silently read as zero), and it
 * never moves, replaces or repairs the file. Pure: no 'electron' import.
 */
import { DatabaseFileError } from '../../db/open';

/** The text of the blocking error dialog. */
export interface StartupFailure {
  title: string;
  message: string;
  detail: string;
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function errorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

const UNTOUCHED = 'Credit Desk did not change, move or replace this file.';

/** Turns whatever stopped the start into a message for a finance person, with the facts below it. */
export function describeStartupFailure(error: unknown, databasePath: string): StartupFailure {
  const title = 'Credit Desk cannot start';
  const technical = `Database file: ${databasePath}\nReason: ${errorText(error)}`;
  const code = errorCode(error);

  if (error instanceof DatabaseFileError) {
    const messages: Record<DatabaseFileError['problem'], string> = {
      'not-sqlite': 'The ledger file is not a Credit Desk database.',
      'foreign-sqlite': 'The ledger file belongs to another program.',
      damaged: 'The ledger file is damaged.',
      'missing-with-backups': 'The ledger file is missing, but backups of it exist.',
      'pre-migration-backup-failed': 'The ledger could not be backed up before updating it, so it was not updated.',
    };
    return {
      title,
      message: messages[error.problem],
      detail: `${UNTOUCHED} If it belongs to another program, move it out of this folder; if it is a damaged ledger, restore it from a backup.\n\n${technical}`,
    };
  }
  if (errorText(error).startsWith('Database migration ')) {
    return {
      title,
      message: 'The ledger could not be updated for this version of Credit Desk.',
      detail: `${UNTOUCHED} Keep a copy of it and contact support before trying again.\n\n${technical}`,
    };
  }
  if (code === 'ERR_DLOPEN_FAILED' || code === 'MODULE_NOT_FOUND' || /better_sqlite3\.node/.test(errorText(error))) {
    return {
      title,
      message: "The app's database engine is missing or was built for another version of Electron.",
      detail: `Reinstall Credit Desk. In a development copy, run "npm start", which builds better-sqlite3 for Electron into out/native/electron.\n\n${technical}`,
    };
  }
  if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED') {
    return {
      title,
      message: 'The ledger file is in use by another program.',
      detail: `Close the other program (or another copy of Credit Desk run from elsewhere) and start again.\n\n${technical}`,
    };
  }
  if (code === 'SQLITE_CANTOPEN' || code === 'SQLITE_READONLY' || code === 'EACCES' || code === 'EPERM') {
    return {
      title,
      message: 'The ledger file cannot be opened for writing.',
      detail: `Check that this folder exists and that your account may write to it.\n\n${technical}`,
    };
  }
  return {
    title,
    message: 'The ledger could not be opened.',
    detail: `${UNTOUCHED}\n\n${technical}`,
  };
}
