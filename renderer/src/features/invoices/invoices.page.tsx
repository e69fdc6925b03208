import { Anchor, Badge, Button, Group, SegmentedControl, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Invoice, InvoiceStatus } from '../../../../shared/dto';
import { LoadState } from '../../components/LoadState';
import { dateTime, invoiceStatusLabel, money } from '../../lib/format';
import { href } from '../../lib/route';
import { useClientNames } from '../../stores/clients.store';
import { useInvoiceList } from '../../stores/invoices.store';
import { NewInvoiceModal } from './NewInvoiceModal';
import { PayInvoiceModal } from './PayInvoiceModal';
import { VoidInvoiceModal } from './VoidInvoiceModal';
import { LoadMore } from '../../components/LoadMore';
import { Gate } from '../../components/Gate';

const STATUS_COLORS: Record<InvoiceStatus, string> = { unpaid: 'blue', paid: 'teal', void: 'gray' };

export function InvoicesPage() {
  const { t } = useTranslation();
  const list = useInvoiceList();
  const names = useClientNames((s) => s.names);
  const ensureNames = useClientNames((s) => s.ensure);
  const [status, setStatus] = useState<InvoiceStatus | 'all'>('all');
  const [creating, setCreating] = useState(false);
  const [paying, setPaying] = useState<Invoice | null>(null);
  const [voiding, setVoiding] = useState<Invoice | null>(null);
  const load = list.load;
  useEffect(() => {
    void load({ status: status === 'all' ? null : status });
  }, [status, load]);
  useEffect(() => {
    void ensureNames(list.items.map((i) => i.clientId));
  }, [list.items, ensureNames]);

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1} size="h2">
          {t('invoices.title')}
        </Title>
        <Gate channel="invoices.create">
          <Button onClick={() => setCreating(true)}>{t('invoices.add')}</Button>
        </Gate>
      </Group>
      <Stack gap={4}>
        <Text size="sm" fw={500} id="invoice-status-filter">
          {t('services.status')}
        </Text>
        <SegmentedControl
          aria-labelledby="invoice-status-filter"
          value={status}
          onChange={(v) => setStatus(v as InvoiceStatus | 'all')}
          data={[
            { value: 'all', label: t('invoices.all') },
            { value: 'unpaid', label: invoiceStatusLabel('unpaid') },
            { value: 'paid', label: invoiceStatusLabel('paid') },
            { value: 'void', label: invoiceStatusLabel('void') },
          ]}
          style={{ alignSelf: 'flex-start' }}
        />
      </Stack>
      <LoadState
        status={list.status}
        error={list.error}
        empty={list.items.length === 0}
        emptyText={t(`invoices.empty.${status}`)}
        label={t('invoices.loading')}
        onRetry={() => void list.reload()}
      >
        <Table.ScrollContainer minWidth={760}>
          <Table aria-label={t('invoices.title')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('invoices.number')}</Table.Th>
                <Table.Th>{t('requests.client')}</Table.Th>
                <Table.Th className="num">{t('invoices.amount')}</Table.Th>
                <Table.Th>{t('services.status')}</Table.Th>
                <Table.Th>{t('invoices.created')}</Table.Th>
                <Table.Th>{t('invoices.paidAt')}</Table.Th>
                <Table.Th>
                  <span className="sr-only">{t('requests.actions')}</span>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.items.map((i) => (
                <Table.Tr key={i.id} h={48}>
                  <Table.Td className="nowrap">{i.number}</Table.Td>
                  <Table.Td className="nowrap">
                    <Anchor href={href(`/clients/${i.clientId}`)} size="sm">
                      {names[i.clientId] ?? t('common.clientNumber', { id: i.clientId })}
                    </Anchor>
                  </Table.Td>
                  <Table.Td className="num">{money(i.amount, i.currency)}</Table.Td>
                  <Table.Td>
                    <Badge variant="light" color={STATUS_COLORS[i.status]}>
                      {invoiceStatusLabel(i.status)}
                    </Badge>
                  </Table.Td>
                  <Table.Td className="nowrap">{dateTime(i.createdAt)}</Table.Td>
                  <Table.Td className="nowrap">{i.paidAt ? dateTime(i.paidAt) : '—'}</Table.Td>
                  <Table.Td>
                    {i.status === 'unpaid' && (
                      <Group justify="flex-end" gap="xs" wrap="nowrap">
                        <Gate channel="invoices.payWithCredits">
                          <Button
                            size="xs"
                            onClick={() => setPaying(i)}
                            aria-label={t('invoices.payAria', { number: i.number })}
                          >
                            {t('invoices.pay')}
                          </Button>
                        </Gate>
                        <Gate channel="invoices.void">
                          <Button
                            size="xs"
                            variant="subtle"
                            color="red"
                            onClick={() => setVoiding(i)}
                            aria-label={t('invoices.voidAria', { number: i.number })}
                          >
                            {t('invoices.void')}
                          </Button>
                        </Gate>
                      </Group>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        <LoadMore
          hasMore={list.nextCursor !== null}
          loading={list.loadingMore}
          onLoad={list.loadMore}
          label={t('invoices.loadMore')}
        />
      </LoadState>
      <NewInvoiceModal
        opened={creating}
        onClose={() => setCreating(false)}
        onSaved={(i) => {
          notifications.show({ color: 'teal', message: t('invoices.createdText', { number: i.number }) });
          setCreating(false);
          void list.reload();
        }}
      />
      <PayInvoiceModal
        invoice={paying}
        onClose={() => setPaying(null)}
        onDone={(i) => {
          notifications.show({
            color: 'teal',
            title: t('invoices.paid'),
            message: t('invoices.paidText', { number: i.number }),
          });
          setPaying(null);
          void list.reload();
        }}
      />
      <VoidInvoiceModal
        invoice={voiding}
        onClose={() => setVoiding(null)}
        onDone={(i) => {
          notifications.show({
            color: 'gray',
            title: t('invoices.voided'),
            message: t('invoices.voidedText', { number: i.number }),
          });
          setVoiding(null);
          void list.reload();
        }}
      />
    </Stack>
  );
}
