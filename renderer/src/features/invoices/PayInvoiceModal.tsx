import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Invoice } from '../../../../shared/dto';
import { call, newIdempotencyKey } from '../../api';
import { ChargeFigures, useChargePreview } from '../../components/ChargePreview';
import { ErrorAlert } from '../../components/ErrorAlert';
import { creditsText } from '../../lib/format';
import { useAction } from '../../lib/useAction';

/** F7 Pay with Credit: the whole invoice, converted at the active rate, confirmed with the numbers. */
export function PayInvoiceModal(props: { invoice: Invoice | null; onClose: () => void; onDone: (i: Invoice) => void }) {
  const { t } = useTranslation();
  return (
    <Modal
      opened={props.invoice !== null}
      onClose={props.onClose}
      title={t('pay.title', { number: props.invoice?.number ?? '' })}
    >
      {props.invoice && <PayForm {...props} invoice={props.invoice} />}
    </Modal>
  );
}

function PayForm({
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
  const preview = useChargePreview(invoice.clientId, invoice.amount, invoice.currency);
  const action = useAction();
  async function pay() {
    const result = await action.run(() =>
      call('invoices.payWithCredits', { invoiceId: invoice.id, idempotencyKey: key }),
    );
    if (result?.ok) onDone(result.value.invoice);
  }
  return (
    <Stack>
      {preview.charge && <Text size="sm">{t('pay.client', { name: preview.charge.client.name })}</Text>}
      <ChargeFigures label={t('pay.amount')} amount={invoice.amount} currency={invoice.currency} {...preview} />
      <ErrorAlert error={action.error} />
      <Group justify="flex-end">
        <Button variant="default" onClick={onClose}>
          {t('common.cancel')}
        </Button>
        <Button loading={action.pending} disabled={preview.charge === null} onClick={() => void pay()} data-autofocus>
          {preview.charge
            ? t('pay.confirmCharge', { credits: creditsText(preview.charge.quote.credits, 'ins') })
            : t('pay.confirm')}
        </Button>
      </Group>
    </Stack>
  );
}
