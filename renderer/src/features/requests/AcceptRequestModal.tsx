import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Client, CreditRequest } from '../../../../shared/dto';
import { call, newIdempotencyKey, type UiError } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Figures } from '../../components/Figures';
import { credits, creditsText, methodLabel, money } from '../../lib/format';
import { useAction } from '../../lib/useAction';

/** Accept (F6): the confirmation shows the credits to add and the balance they lead to. */
export function AcceptRequestModal(props: { request: CreditRequest | null; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal opened={props.request !== null} onClose={props.onClose} title={t('accept.title')} returnFocus={false}>
      {props.request && <AcceptForm {...props} request={props.request} />}
    </Modal>
  );
}

function AcceptForm({ request, onClose, onDone }: { request: CreditRequest; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const [client, setClient] = useState<Client | null>(null);
  const [loadError, setLoadError] = useState<UiError | null>(null);
  const [key] = useState(newIdempotencyKey);
  const action = useAction();
  useEffect(() => {
    let live = true;
    void call('clients.get', { clientId: request.clientId }).then((r) => {
      if (!live) return;
      if (r.ok) setClient(r.value);
      else setLoadError(r.error);
    });
    return () => {
      live = false;
    };
  }, [request.clientId]);
  async function accept() {
    const result = await action.run(() => call('requests.accept', { requestId: request.id, idempotencyKey: key }));
    if (result?.ok) onDone();
  }
  return (
    <Stack>
      <Text size="sm">
        {t('accept.summary', {
          method: methodLabel(request.method),
          amount: money(request.amount, request.currency),
          packageName: request.packageName,
        })}
        {request.paymentReference !== null && t('accept.reference', { reference: request.paymentReference })}
      </Text>
      <ErrorAlert error={loadError} />
      <Figures
        rows={[
          { label: t('requests.client'), value: client?.name ?? '…' },
          { label: t('requests.amountPaid'), value: money(request.amount, request.currency) },
          { label: t('accept.creditsToAdd'), value: `+${credits(request.credits)}`, strong: true },
          { label: t('adjust.balanceNow'), value: client ? creditsText(client.balance) : '…' },
          {
            label: t('charge.balanceAfter'),
            value: client ? creditsText(client.balance + request.credits) : '…',
            strong: true,
          },
        ]}
      />
      <ErrorAlert error={action.error} />
      <Group justify="flex-end">
        <Button variant="default" onClick={onClose}>
          {t('common.cancel')}
        </Button>
        <Button
          color="teal"
          loading={action.pending}
          // Enabled while the balance loads: the first focus of the dialog lands here (F17).
          onClick={() => void accept()}
          data-autofocus
        >
          {t('accept.submit', { credits: creditsText(request.credits, 'acc') })}
        </Button>
      </Group>
    </Stack>
  );
}
