import { Alert, Button, Text } from '@mantine/core';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { UiError } from '../api';
import { credits, creditsText } from '../lib/format';

/**
 * The body of a refusal in the user's language, from its code and details (F17). The API's
 * English `message` stays for the CLI and logs; in English it is shown when the catalogue has
 * only a generic sentence for the code, because it names the record and the rule exactly.
 */
export function errorText(error: UiError, t: TFunction, language: string): string {
  const d = error.details ?? {};
  const specific = (): string | null => {
    switch (error.code) {
      case 'INSUFFICIENT_CREDITS':
        return typeof d.needed === 'number' && typeof d.available === 'number'
          ? t('errors.body.INSUFFICIENT_CREDITS', {
              needed: creditsText(d.needed, 'acc'),
              available: credits(d.available),
            })
          : null;
      case 'NO_ACTIVE_RATE':
        return typeof d.currency === 'string' ? t('errors.body.NO_ACTIVE_RATE', { currency: d.currency }) : null;
      case 'REQUEST_NOT_PENDING':
        return d.requestId !== undefined && typeof d.status === 'string'
          ? t('errors.body.REQUEST_NOT_PENDING', {
              requestId: String(d.requestId),
              status: t(`requestStatus.${d.status}`).toLowerCase(),
            })
          : null;
      case 'NOT_FOUND':
        if (d.clientId !== undefined) return t('errors.body.notFoundClient', { clientId: String(d.clientId) });
        if (d.requestId !== undefined) return t('errors.body.notFoundRequest', { requestId: String(d.requestId) });
        if (typeof d.fileName === 'string') return t('errors.body.notFoundBackup', { fileName: d.fileName });
        return null;
      case 'UNAVAILABLE':
        // A desktop connected to a team server names the server it could not reach.
        return typeof d.server === 'string'
          ? t('errors.body.unavailableServer', { server: d.server })
          : t('errors.body.UNAVAILABLE');
      case 'CREDIT_PAYMENTS_DISABLED':
        return t(`errors.body.${error.code}`);
      default:
        return null;
    }
  };
  const found = specific();
  if (found !== null) return found;
  if (language === 'en') return error.message;
  switch (error.code) {
    case 'VALIDATION_ERROR': {
      // A field without a name on screen (the whole input, a technical field) is not shown by its identifier.
      const field = typeof d.field === 'string' ? t(`fields.${d.field}`, { defaultValue: '' }) : '';
      return field === '' ? t('errors.body.invalidInput') : t('errors.body.VALIDATION_ERROR', { field });
    }
    // Their sentences need details the refusal did not carry.
    case 'INSUFFICIENT_CREDITS':
      return t('errors.body.insufficientCredits');
    case 'NO_ACTIVE_RATE':
      return t('errors.body.noActiveRate');
    case 'REQUEST_NOT_PENDING':
      return t('errors.body.requestNotPending');
    default:
      return t(`errors.body.${error.code}`);
  }
}

/** Shows an API refusal in the user's language; INSUFFICIENT_CREDITS adds needed and available. */
export function ErrorAlert({ error, onRetry }: { error: UiError | null; onRetry?: () => void }) {
  const { t, i18n } = useTranslation();
  if (error === null) return null;
  const needed = error.details?.needed;
  const available = error.details?.available;
  const reason = error.details?.reason;
  return (
    <Alert color="red" variant="light" title={t(`errors.title.${error.code}`)} role="alert">
      <Text size="sm">{errorText(error, t, i18n.language)}</Text>
      {error.code === 'INSUFFICIENT_CREDITS' && typeof needed === 'number' && typeof available === 'number' && (
        <Text size="sm" mt={4} fw={600}>
          {t('errors.neededAvailable', { needed: creditsText(needed, 'acc'), available: creditsText(available) })}
        </Text>
      )}
      {error.code === 'UNAVAILABLE' && typeof reason === 'string' && (
        <Text size="xs" mt={4} c="dimmed">
          {t('errors.reason', { reason })}
        </Text>
      )}
      {onRetry && (
        <Button size="xs" variant="light" color="red" mt="xs" onClick={onRetry}>
          {t('common.tryAgain')}
        </Button>
      )}
    </Alert>
  );
}
