import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import type { Client, CreditRequest } from '../../../../shared/dto';
import { call, newIdempotencyKey, type UiError } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Figures } from '../../components/Figures';
import { credits, METHOD_LABELS, money } from '../../lib/format';
import { useAction } from '../../lib/useAction';

/** Accept (F6): the confirmation shows the credits to add and the balance they lead to. */
export function AcceptRequestModal(props: { request: CreditRequest | null; onClose: () => void; onDone: () => void }) {
  return (
    <Modal opened={props.request !== null} onClose={props.onClose} title="Accept credit request">
      {props.request && <AcceptForm {...props} request={props.request} />}
    </Modal>
  );
}

function AcceptForm({ request, onClose, onDone }: { request: CreditRequest; onClose: () => void; onDone: () => void }) {
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
        {METHOD_LABELS[request.method]} of {money(request.amount, request.currency)} for {request.packageName}
        {request.paymentReference !== null && <> · reference {request.paymentReference}</>}.
      </Text>
      <ErrorAlert error={loadError} />
      <Figures
        rows={[
          { label: 'Client', value: client?.name ?? '…' },
          { label: 'Amount paid', value: money(request.amount, request.currency) },
          { label: 'Credits to add', value: `+${credits(request.credits)}`, strong: true },
          { label: 'Balance now', value: client ? `${credits(client.balance)} credits` : '…' },
          {
            label: 'Balance after',
            value: client ? `${credits(client.balance + request.credits)} credits` : '…',
            strong: true,
          },
        ]}
      />
      <ErrorAlert error={action.error} />
      <Group justify="flex-end">
        <Button variant="default" onClick={onClose}>
          Cancel
        </Button>
        <Button
          color="teal"
          loading={action.pending}
          disabled={client === null}
          onClick={() => void accept()}
          data-autofocus
        >
          Accept and add {credits(request.credits)} credits
        </Button>
      </Group>
    </Stack>
  );
}
