/** The accounts list every parser reports beside its rows. */
import type { StatementAccount } from './types';

/** Adds an account once (a file may hold several statements, or days, of the same account). */
export function addAccount(accounts: StatementAccount[], accountId: string, currency: string | null): void {
  if (!accounts.some((a) => a.accountId === accountId)) accounts.push({ accountId, currency });
}
