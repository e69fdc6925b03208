/** Words for the sync screens. */
import type { SyncCounts, SyncPassSummary, UnmatchedReason } from '../../../../shared/dto.sync';
import { credits } from '../../lib/format';

export const REASON_LABELS: Record<UnmatchedReason, string> = {
  missing_reference: 'No client or package named',
  unknown_client: 'Unknown client',
  ambiguous_client: 'Several clients match',
  unknown_package: 'Unknown package',
  currency_mismatch: 'Currency differs',
  amount_mismatch: 'Amount differs',
  conflict: 'Conflict',
};

export const PROVIDER_LABELS = { stripe: 'Stripe', paypal: 'PayPal' } as const;

/** "3 fetched · 1 credited · 0 duplicates · 2 unmatched · 0 errors". */
export function countsText(c: SyncCounts): string {
  return [
    `${credits(c.fetched)} fetched`,
    `${credits(c.credited)} credited`,
    `${credits(c.duplicates)} ${c.duplicates === 1 ? 'duplicate' : 'duplicates'}`,
    `${credits(c.unmatched)} unmatched`,
    `${credits(c.errors)} ${c.errors === 1 ? 'error' : 'errors'}`,
  ].join(' · ');
}

/** One pass in a sentence. */
export function passText(p: SyncPassSummary): string {
  const head = `${PROVIDER_LABELS[p.provider]}: ${countsText(p)}`;
  const reviews = p.reviews > 0 ? ` · ${credits(p.reviews)} to review` : '';
  return p.ok ? `${head}${reviews}` : `${head}${reviews}. The pass did not finish: ${p.error ?? 'unknown error'}`;
}
