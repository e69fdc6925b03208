import { Modal, Select, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import type { Client } from '../../../../shared/dto';
import type { UnmatchedPayment } from '../../../../shared/dto.sync';
import { call, newIdempotencyKey } from '../../api';
import { ClientSelect } from '../../components/ClientSelect';
import { Figures } from '../../components/Figures';
import { credits, money } from '../../lib/format';
import { useAction } from '../../lib/useAction';
import { usePackages } from '../../stores/catalog.store';
import { ActionForm } from '../../components/ActionForm';

/** Resolve: staff name the client and package; the confirmation shows the credits to add. Credited once. */
export function ResolveUnmatchedModal(props: {
  item: UnmatchedPayment | null;
  onClose: () => void;
  onDone: (credited: number, client: string) => void;
}) {
  return (
    <Modal opened={props.item !== null} onClose={props.onClose} title="Resolve unmatched payment" size="lg">
      {props.item && <ResolveForm {...props} item={props.item} />}
    </Modal>
  );
}

function ResolveForm({
  item,
  onClose,
  onDone,
}: {
  item: UnmatchedPayment;
  onClose: () => void;
  onDone: (credited: number, client: string) => void;
}) {
  const packages = usePackages();
  const loadPackages = packages.load;
  const [clientId, setClientId] = useState<number | null>(null);
  const [fetched, setFetched] = useState<Client | null>(null);
  const [packageId, setPackageId] = useState<number | null>(null);
  const [key] = useState(newIdempotencyKey);
  const action = useAction();
  useEffect(() => {
    void loadPackages({ includeArchived: false });
  }, [loadPackages]);
  useEffect(() => {
    if (clientId === null) return;
    let live = true;
    void call('clients.get', { clientId }).then((r) => live && r.ok && setFetched(r.value));
    return () => {
      live = false;
    };
  }, [clientId]);
  // Packages priced like the payment first: those are the ones the ledger will accept.
  const options = [...packages.items].sort(
    (a, b) => Number(b.currency === item.currency) - Number(a.currency === item.currency),
  );
  const client = fetched !== null && fetched.id === clientId ? fetched : null;
  const pkg = packages.items.find((p) => p.id === packageId) ?? null;

  async function resolve() {
    if (clientId === null || packageId === null) return;
    const result = await action.run(() =>
      call('sync.unmatched.resolve', { unmatchedId: item.id, clientId, packageId, idempotencyKey: key }),
    );
    if (result?.ok) onDone(result.value.transaction.credits, client?.name ?? `Client ${clientId}`);
  }

  return (
    <ActionForm
      action={action}
      onSubmit={resolve}
      canSubmit={clientId !== null && pkg !== null}
      submitLabel={pkg === null ? 'Confirm' : `Confirm: add ${credits(pkg.credits)} credits`}
      submitColor="teal"
      onCancel={onClose}
    >
      <Text size="sm">
        {item.provider === 'stripe' ? 'Stripe' : 'PayPal'} payment {item.providerPaymentId}
        {item.amount !== null && item.currency !== null ? ` of ${money(item.amount, item.currency)}` : ''}
        {item.email !== null ? ` from ${item.email}` : ''}. {item.detail}
      </Text>
      <ClientSelect label="Client" value={clientId} onChange={setClientId} required autoFocus />
      <Select
        label="Package"
        placeholder="Choose the package that was bought"
        required
        value={packageId === null ? null : String(packageId)}
        onChange={(v) => setPackageId(v === null ? null : Number(v))}
        data={options.map((p) => ({
          value: String(p.id),
          label: `${p.name} · ${money(p.price, p.currency)} · ${credits(p.credits)} credits`,
        }))}
      />
      {pkg !== null && (
        <Figures
          rows={[
            {
              label: 'Amount paid',
              value: item.amount !== null && item.currency !== null ? money(item.amount, item.currency) : '—',
            },
            { label: 'Package price', value: money(pkg.price, pkg.currency) },
            { label: 'Credits to add', value: `${credits(pkg.credits)} credits`, strong: true },
            ...(client !== null
              ? [
                  { label: 'Balance now', value: `${credits(client.balance)} credits` },
                  { label: 'Balance after', value: `${credits(client.balance + pkg.credits)} credits` },
                ]
              : []),
          ]}
        />
      )}
    </ActionForm>
  );
}
