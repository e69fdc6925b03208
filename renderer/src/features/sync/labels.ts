/** Words for the sync screens, from the catalogue (F17) in the user's language. */
import type {
  ReviewResolution,
  SyncCounts,
  SyncCredential,
  SyncPassSummary,
  SyncStreamName,
  SyncStreamStatus,
  UnmatchedReason,
} from '../../../../shared/dto.sync';
import { t } from '../../i18n';
import { credits, decimal } from '../../lib/format';

/** Brand names: the same in every language. */
export const PROVIDER_LABELS = { stripe: 'Stripe', paypal: 'PayPal' } as const;

export function reasonLabel(reason: UnmatchedReason): string {
  return t(`sync.reasons.${reason}`);
}

export function resolutionLabel(resolution: ReviewResolution): string {
  return t(`sync.resolutions.${resolution}`);
}

export function streamStateLabel(state: SyncStreamStatus['state']): string {
  return t(`sync.streamStates.${state}`);
}

/** A stream's name by its id (the API's label is English; it is the fallback for a stream the catalogue lacks). */
export function streamLabel(stream: { stream: SyncStreamName; label: string }): string {
  return t(`sync.streamNames.${stream.stream}`, { defaultValue: stream.label });
}

/** A credential's name by its id, like {@link streamLabel}. */
export function credentialLabel(credential: SyncCredential): string {
  return t(`sync.credentialNames.${credential.name}`, { defaultValue: credential.label });
}

/** A count with its words in the right plural form ("1 duplicate", "2 duplicates"). */
export function countText(key: keyof SyncCounts | 'toReview', value: number): string {
  return t(`sync.counts.${key}`, { count: value, value: credits(value) });
}

/** "3 fetched · 1 credited · 0 duplicates · 2 unmatched · 0 errors". */
export function countsText(c: SyncCounts): string {
  return (['fetched', 'credited', 'duplicates', 'unmatched', 'errors'] as const)
    .map((key) => countText(key, c[key]))
    .join(' · ');
}

/** One pass in a sentence. */
export function passText(p: SyncPassSummary): string {
  const head = `${PROVIDER_LABELS[p.provider]}: ${countsText(p)}${p.reviews > 0 ? ` · ${countText('toReview', p.reviews)}` : ''}`;
  if (p.ok) return head;
  // A failed review stream (refunds, disputes) does not stop payments: say which part failed.
  const paymentsRead = (p.streams ?? []).some((s) => (s.stream === 'sessions' || s.stream === 'transactions') && s.ok);
  const error = p.error ?? t('sync.unknownError');
  return t(paymentsRead ? 'sync.passPartial' : 'sync.passFailed', { head, error });
}

/** An exact credit figure: a decimal ("93.24"), or a fraction that never ends as one ("100/3" → "100/3 ≈ 33.33"). */
export function exactText(exact: string): string {
  const [num, den] = exact.split('/');
  if (den === undefined) return decimal(exact);
  const whole = BigInt(num!) / BigInt(den);
  const hundredths = ((BigInt(num!) * 100n) / BigInt(den)) % 100n;
  // Cut, not rounded: the figure that is taken back is rounded down too.
  return `${num}/${den} ≈ ${decimal(`${whole}.${hundredths.toString().padStart(2, '0')}`)}`;
}
