import { Button, Group, Stack } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Action } from '../lib/useAction';
import { ErrorAlert } from './ErrorAlert';

/**
 * The frame every action dialog shares: its fields, the API's refusal in its own words, and
 * Cancel / submit, with submit disabled until the input is complete and while the call is in
 * flight (Enter submits, like a click).
 */
export function ActionForm(props: {
  action: Action;
  onSubmit: () => Promise<void>;
  canSubmit: boolean;
  submitLabel: ReactNode;
  submitColor?: string;
  onCancel: () => void;
  children: ReactNode;
}) {
  const { action } = props;
  const { t } = useTranslation();
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        void props.onSubmit();
      }}
    >
      <Stack>
        {props.children}
        <ErrorAlert error={action.error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={props.onCancel}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" color={props.submitColor} loading={action.pending} disabled={!props.canSubmit}>
            {props.submitLabel}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
