import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Invoice } from '../../../../shared/dto';
import { call, newIdempotencyKey } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { money } from '../../lib/format';
import { useAction } from '../../lib/useAction';

/** Voids an unpaid invoice (F12): no credits move, and a void invoice can never be paid. */
export function VoidInvoiceModal(props: {
  invoice: Invoice | null;
  onClose: () => void;
  onDone: (invoice: Invoice) => void;
}) {
  const { t } = useTranslation();
  return (
    <Modal
      opened={props.invoice !== null}
      onClose={props.onClose}
      title={t('void.title', { number: props.invoice?.number ?? '' })}
    >
      {props.invoice && <VoidForm {...props} invoice={props.invoice} />}
    </Modal>
  );
}

function VoidForm({
  invoice,
  onClose,
  onDone,
}: {
  invoice: Invoice;
  onClose: () => void;
  onDone: (i: Invoice) => void;
}) {
  const { t } = useTranslation();
  const [key] = useState(newIdempotencyKey);
  const action = useAction();
  async function voidIt() {
    const result = await action.run(() => call('invoices.void', { invoiceId: invoice.id, idempotencyKey: key }));
    if (result?.ok) onDone(result.value);
  }
  return (
    <Stack>
      <Text size="sm">
        {t('void.text', { number: invoice.number, amount: money(invoice.amount, invoice.currency) })}
      </Text>
      <ErrorAlert error={action.error} />
      <Group justify="flex-end">
        <Button variant="default" onClick={onClose} data-autofocus>
          {t('void.keep')}
        </Button>
        <Button color="red" loading={action.pending} onClick={() => void voidIt()}>
          {t('void.submit')}
        </Button>
      </Group>
    </Stack>
  );
}
