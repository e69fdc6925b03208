import { Modal, Select, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Client } from '../../../../shared/dto';
import type { UnmatchedPayment } from '../../../../shared/dto.sync';
import { call, newIdempotencyKey } from '../../api';
import { ClientSelect } from '../../components/ClientSelect';
import { Figures } from '../../components/Figures';
import { creditsText, money } from '../../lib/format';
import { useAction } from '../../lib/useAction';
import { usePackages } from '../../stores/catalog.store';
import { ActionForm } from '../../components/ActionForm';
import { PROVIDER_LABELS } from './labels';

/** Resolve: staff name the client and package; the confirmation shows the credits to add. Credited once. */
export function ResolveUnmatchedModal(props: {
  item: UnmatchedPayment | null;
  onClose: () => void;
  onDone: (credited: number, client: string) => void;
}) {
  const { t } = useTranslation();
  return (
    <Modal opened={props.item !== null} onClose={props.onClose} title={t('sync.resolve.title')} size="lg">
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
  const { t } = useTranslation();
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
    if (result?.ok)
      onDone(result.value.transaction.credits, client?.name ?? t('common.clientNumber', { id: clientId }));
  }

  return (
    <ActionForm
      action={action}
      onSubmit={resolve}
      canSubmit={clientId !== null && pkg !== null}
      submitLabel={
        pkg === null
          ? t('sync.resolve.confirm')
          : t('sync.resolve.confirmAdd', { credits: creditsText(pkg.credits, 'acc') })
      }
      submitColor="teal"
      onCancel={onClose}
    >
      <Text size="sm">
        {t('sync.resolve.payment', { provider: PROVIDER_LABELS[item.provider], id: item.providerPaymentId })}
        {item.amount !== null && item.currency !== null
          ? t('sync.resolve.of', { amount: money(item.amount, item.currency) })
          : ''}
        {item.email !== null ? t('sync.resolve.from', { email: item.email }) : ''}. {item.detail}
      </Text>
      <ClientSelect label={t('sync.resolve.client')} value={clientId} onChange={setClientId} required autoFocus />
      <Select
        label={t('sync.resolve.package')}
        placeholder={t('sync.resolve.choosePackage')}
        required
        value={packageId === null ? null : String(packageId)}
        onChange={(v) => setPackageId(v === null ? null : Number(v))}
        data={options.map((p) => ({
          value: String(p.id),
          label: t('sync.resolve.packageOption', {
            name: p.name,
            price: money(p.price, p.currency),
            credits: creditsText(p.credits),
          }),
        }))}
      />
      {pkg !== null && (
        <Figures
          rows={[
            {
              label: t('sync.resolve.amountPaid'),
              value: item.amount !== null && item.currency !== null ? money(item.amount, item.currency) : '—',
            },
            { label: t('sync.resolve.packagePrice'), value: money(pkg.price, pkg.currency) },
            { label: t('sync.resolve.toAdd'), value: creditsText(pkg.credits), strong: true },
            ...(client !== null
              ? [
                  { label: t('sync.resolve.balanceNow'), value: creditsText(client.balance) },
                  { label: t('sync.resolve.balanceAfter'), value: creditsText(client.balance + pkg.credits) },
                ]
              : []),
          ]}
        />
      )}
    </ActionForm>
  );
}
