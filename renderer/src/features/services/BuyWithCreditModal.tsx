import { Button, Group, Modal, Stack } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Order, Service } from '../../../../shared/dto';
import { call, newIdempotencyKey } from '../../api';
import { ChargeFigures, useChargePreview } from '../../components/ChargePreview';
import { ClientSelect } from '../../components/ClientSelect';
import { ErrorAlert } from '../../components/ErrorAlert';
import { creditsText } from '../../lib/format';
import { useAction } from '../../lib/useAction';

/** F7 Buy with Credit: choose the client, see the numbers, confirm. */
export function BuyWithCreditModal(props: {
  service: Service | null;
  onClose: () => void;
  onDone: (o: Order) => void;
}) {
  const { t } = useTranslation();
  return (
    <Modal
      opened={props.service !== null}
      onClose={props.onClose}
      title={t('buy.title', { name: props.service?.name ?? '' })}
    >
      {props.service && <BuyForm {...props} service={props.service} />}
    </Modal>
  );
}

function BuyForm({ service, onClose, onDone }: { service: Service; onClose: () => void; onDone: (o: Order) => void }) {
  const { t } = useTranslation();
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
        label={t('requests.client')}
        required
        autoFocus
        value={clientId}
        onChange={(id) => {
          setClientId(id);
          setKey(newIdempotencyKey());
          action.reset();
        }}
      />
      {clientId !== null && (
        <ChargeFigures label={t('services.price')} amount={service.price} currency={service.currency} {...preview} />
      )}
      <ErrorAlert error={action.error} />
      <Group justify="flex-end">
        <Button variant="default" onClick={onClose}>
          {t('common.cancel')}
        </Button>
        <Button loading={action.pending} disabled={preview.charge === null} onClick={() => void buy()}>
          {preview.charge
            ? t('buy.confirmCharge', { credits: creditsText(preview.charge.quote.credits, 'acc') })
            : t('buy.confirm')}
        </Button>
      </Group>
    </Stack>
  );
}
