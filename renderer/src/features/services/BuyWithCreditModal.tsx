import { Button, Group, Modal, Stack } from '@mantine/core';
import { useState } from 'react';
import type { Order, Service } from '../../../../shared/dto';
import { call, newIdempotencyKey } from '../../api';
import { ChargeFigures, useChargePreview } from '../../components/ChargePreview';
import { ClientSelect } from '../../components/ClientSelect';
import { ErrorAlert } from '../../components/ErrorAlert';
import { credits } from '../../lib/format';
import { useAction } from '../../lib/useAction';

/** F7 Buy with Credit: choose the client, see the numbers, confirm. */
export function BuyWithCreditModal(props: {
  service: Service | null;
  onClose: () => void;
  onDone: (o: Order) => void;
}) {
  return (
    <Modal
      opened={props.service !== null}
      onClose={props.onClose}
      title={`Buy with Credit · ${props.service?.name ?? ''}`}
    >
      {props.service && <BuyForm {...props} service={props.service} />}
    </Modal>
  );
}

function BuyForm({ service, onClose, onDone }: { service: Service; onClose: () => void; onDone: (o: Order) => void }) {
  const [clientId, setClientId] = useState<number | null>(null);
  // One key per (dialog, client): re-sending the same purchase returns the first order.
  const [key, setKey] = useState(newIdempotencyKey);
  const preview = useChargePreview(clientId, service.price, service.currency);
  const action = useAction();
  async function buy() {
    if (clientId === null) return;
    const result = await action.run(() =>
      call('services.buyWithCredits', { clientId, serviceId: service.id, idempotencyKey: key }),
    );
    if (result?.ok) onDone(result.value.order);
  }
  return (
    <Stack>
      <ClientSelect
        label="Client"
        required
        value={clientId}
        onChange={(id) => {
          setClientId(id);
          setKey(newIdempotencyKey());
          action.reset();
        }}
      />
      {clientId !== null && (
        <ChargeFigures label="Price" amount={service.price} currency={service.currency} {...preview} />
      )}
      <ErrorAlert error={action.error} />
      <Group justify="flex-end">
        <Button variant="default" onClick={onClose}>
          Cancel
        </Button>
        <Button loading={action.pending} disabled={preview.charge === null} onClick={() => void buy()}>
          {preview.charge ? `Confirm: charge ${credits(preview.charge.quote.credits)} credits` : 'Confirm purchase'}
        </Button>
      </Group>
    </Stack>
  );
}
