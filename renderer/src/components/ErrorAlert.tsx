import { Alert, Button, Text } from '@mantine/core';
import type { UiError } from '../api';
import { credits } from '../lib/format';

const TITLES: Record<UiError['code'], string> = {
  VALIDATION_ERROR: 'Please check the form',
  NOT_FOUND: 'Not found',
  CREDIT_PAYMENTS_DISABLED: 'Credit payments are switched off',
  NO_ACTIVE_RATE: 'No conversion rate',
  INSUFFICIENT_CREDITS: 'Not enough credits',
  REQUEST_NOT_PENDING: 'Already decided',
  INVOICE_NOT_PAYABLE: 'This invoice cannot be paid',
  PACKAGE_ARCHIVED: 'Package archived',
  CONFLICT: 'Conflict',
  UNAVAILABLE: 'Credit Desk is not reachable',
};

/** Shows an API refusal in the API's own words; INSUFFICIENT_CREDITS adds needed and available. */
export function ErrorAlert({ error, onRetry }: { error: UiError | null; onRetry?: () => void }) {
  if (error === null) return null;
  const needed = error.details?.needed;
  const available = error.details?.available;
  return (
    <Alert color="red" variant="light" title={TITLES[error.code]} role="alert">
      <Text size="sm">{error.message}</Text>
      {error.code === 'INSUFFICIENT_CREDITS' && typeof needed === 'number' && typeof available === 'number' && (
        <Text size="sm" mt={4} fw={600}>
          Needed: {credits(needed)} credits · Available: {credits(available)} credits
        </Text>
      )}
      {onRetry && (
        <Button size="xs" variant="light" color="red" mt="xs" onClick={onRetry}>
          Try again
        </Button>
      )}
    </Alert>
  );
}
