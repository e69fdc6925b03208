import { Center, Loader, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { UiError } from '../api';
import type { LoadStatus } from '../stores/paged';
import { ErrorAlert } from './ErrorAlert';

/** Loading, error and empty states for a list; renders `children` once there is something to show. */
export function LoadState(props: {
  status: LoadStatus;
  error: UiError | null;
  empty: boolean;
  emptyText: string;
  label: string;
  onRetry?: () => void;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  if (props.status === 'error') return <ErrorAlert error={props.error} onRetry={props.onRetry} />;
  if (props.status === 'idle' || (props.status === 'loading' && props.empty)) {
    return (
      <Center py="xl" role="status" aria-label={t('common.loading', { what: props.label })}>
        <Loader size="sm" />
      </Center>
    );
  }
  if (props.empty) {
    return (
      <Stack align="center" py="xl">
        <Text c="dimmed">{props.emptyText}</Text>
      </Stack>
    );
  }
  return <>{props.children}</>;
}
