import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useState } from 'react';
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
  return (
    <Modal
      opened={props.invoice !== null}
      onClose={props.onClose}
      title={props.invoice ? `Void invoice ${props.invoice.number}` : 'Void invoice'}
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
  const [key] = useState(newIdempotencyKey);
  const action = useAction();
  async function voidIt() {
    const result = await action.run(() => call('invoices.void', { invoiceId: invoice.id, idempotencyKey: key }));
    if (result?.ok) onDone(result.value);
  }
  return (
    <Stack>
      <Text size="sm">
        Invoice {invoice.number} for {money(invoice.amount, invoice.currency)} will be marked void. It can no longer be
        paid, and no credits move. This cannot be undone.
      </Text>
      <ErrorAlert error={action.error} />
      <Group justify="flex-end">
        <Button variant="default" onClick={onClose} data-autofocus>
          Keep invoice
        </Button>
        <Button color="red" loading={action.pending} onClick={() => void voidIt()}>
          Void invoice
        </Button>
      </Group>
    </Stack>
  );
}
