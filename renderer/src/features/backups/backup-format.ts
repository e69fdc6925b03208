/** Labels and figures for the Backups screen, through Intl like src/lib/format.ts. */
import type { BackupInfo, BackupKind, RestoreReport } from '../../../../shared/contract.backup';
import { credits, dateTime } from '../../lib/format';
import { currentLocale, t } from '../../i18n';

/** Why a backup was taken, in a finance person's words (in the user's language). */
export function backupKindLabel(kind: BackupKind): string {
  return t(`backups.kinds.${kind}`);
}

export const BACKUP_KIND_COLORS: Record<BackupKind, string> = {
  daily: 'gray',
  'pre-migration': 'grape',
  manual: 'blue',
  'pre-restore': 'orange',
};

const UNITS = ['byte', 'kilobyte', 'megabyte', 'gigabyte'] as const;

/** 1536 → "1.5 kB", in the user's locale (1 kB = 1,024 bytes, as file managers show them). */
export function fileSize(bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  return new Intl.NumberFormat(currentLocale(), {
    style: 'unit',
    unit: UNITS[unit],
    unitDisplay: unit === 0 ? 'long' : 'short',
    maximumFractionDigits: unit === 0 || value >= 100 ? 0 : 1,
  }).format(value);
}

/** "3 clients and 1,204 ledger entries checked". */
export function checkedSummary(b: { checkedClients: number; checkedEntries: number }): string {
  const clients = t('backups.clients', { count: b.checkedClients, value: credits(b.checkedClients) });
  const entries = t('backups.entries', { count: b.checkedEntries, value: credits(b.checkedEntries) });
  return t('backups.checked', { clients, entries });
}

/** The folder the backups are in, from a backup's full path (no Node path module in the renderer). */
export function backupFolder(backup: BackupInfo): string {
  const cut = Math.max(backup.path.lastIndexOf('/'), backup.path.lastIndexOf('\\'));
  return cut > 0 ? backup.path.slice(0, cut) : backup.path;
}

const RESTORED_KEY = 'credit-desk:restored';

/**
 * What the screen says after a restore. The page reloads right after restoring (every store
 * starts afresh), so the report crosses the reload in sessionStorage and is shown once.
 */
export function rememberRestore(report: RestoreReport): void {
  try {
    sessionStorage.setItem(RESTORED_KEY, JSON.stringify(report));
  } catch {
    // Storage refused (private mode): the list after the reload still shows the safety copy.
  }
}

/** The report saved by {@link rememberRestore}, once. */
export function takeRememberedRestore(): RestoreReport | null {
  try {
    const text = sessionStorage.getItem(RESTORED_KEY);
    sessionStorage.removeItem(RESTORED_KEY);
    return text === null ? null : (JSON.parse(text) as RestoreReport);
  } catch {
    return null;
  }
}

/** "the backup taken 26 Nov 2026, 09:14 (Manual)". */
export function backupTitle(backup: BackupInfo): string {
  return `${dateTime(backup.createdAt)} (${backupKindLabel(backup.kind)})`;
}
