import { Modal, SegmentedControl, Select, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CreditRequest, RequestMethod } from '../../../../shared/dto';
import { call, newIdempotencyKey } from '../../api';
import { ClientSelect } from '../../components/ClientSelect';
import { Figures } from '../../components/Figures';
import { credits, creditsText, methodLabel, money } from '../../lib/format';
import { useAction } from '../../lib/useAction';
import { usePackages } from '../../stores/catalog.store';
import { ActionForm } from '../../components/ActionForm';

/** Records a bank transfer or crypto payment that arrived, as a Pending request (F6). */
export function NewRequestModal(props: { opened: boolean; onClose: () => void; onDone: (r: CreditRequest) => void }) {
  const { t } = useTranslation();
  return (
    <Modal opened={props.opened} onClose={props.onClose} title={t('newRequest.title')} size="lg">
      {props.opened && <NewRequestForm {...props} />}
    </Modal>
  );
}

function NewRequestForm({ onClose, onDone }: { onClose: () => void; onDone: (r: CreditRequest) => void }) {
  const { t } = useTranslation();
  const packages = usePackages();
  const loadPackages = packages.load;
  useEffect(() => {
    void loadPackages({ includeArchived: false });
  }, [loadPackages]);
  const [clientId, setClientId] = useState<number | null>(null);
  const [packageId, setPackageId] = useState<string | null>(null);
  const [method, setMethod] = useState<RequestMethod>('bank_transfer');
  const [reference, setReference] = useState('');
  const [note, setNote] = useState('');
  const [key] = useState(newIdempotencyKey);
  const action = useAction();
  const active = packages.items.filter((p) => !p.archived);
  const pkg = active.find((p) => String(p.id) === packageId);
  async function submit() {
    if (clientId === null || pkg === undefined) return;
    const result = await action.run(() =>
      call('requests.submit', {
        clientId,
        packageId: pkg.id,
        method,
        paymentReference: reference,
        note,
        idempotencyKey: key,
      }),
    );
    if (result?.ok) onDone(result.value);
  }
  return (
    <ActionForm
      action={action}
      onSubmit={submit}
      canSubmit={clientId !== null && pkg !== undefined}
      submitLabel={t('newRequest.submit')}
      onCancel={onClose}
    >
      <ClientSelect label={t('requests.client')} required value={clientId} onChange={setClientId} />
      <Select
        label={t('newRequest.package')}
        required
        placeholder={packages.status === 'loading' ? t('newRequest.loadingPackages') : t('newRequest.choosePackage')}
        data={active.map((p) => ({
          value: String(p.id),
          label: t('newRequest.packageOption', {
            name: p.name,
            credits: creditsText(p.credits),
            price: money(p.price, p.currency),
          }),
        }))}
        value={packageId}
        onChange={setPackageId}
        nothingFoundMessage={t('newRequest.noPackage')}
      />
      <Stack gap={4}>
        <Text size="sm" fw={500} id="request-method">
          {t('requests.method')}
        </Text>
        <SegmentedControl
          aria-labelledby="request-method"
          value={method}
          onChange={(v) => setMethod(v as RequestMethod)}
          data={[
            { value: 'bank_transfer', label: methodLabel('bank_transfer') },
            { value: 'crypto', label: methodLabel('crypto') },
          ]}
        />
      </Stack>
      <TextInput
        label={method === 'crypto' ? t('newRequest.hash') : t('newRequest.bankReference')}
        value={reference}
        onChange={(e) => setReference(e.currentTarget.value)}
      />
      <Textarea
        label={t('newRequest.note')}
        autosize
        minRows={1}
        value={note}
        onChange={(e) => setNote(e.currentTarget.value)}
      />
      {pkg && (
        <Figures
          rows={[
            { label: t('requests.amountPaid'), value: money(pkg.price, pkg.currency) },
            { label: t('newRequest.creditsRequested'), value: credits(pkg.credits), strong: true },
          ]}
        />
      )}
    </ActionForm>
  );
}
