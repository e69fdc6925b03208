import { Badge, Button, Group, Stack, Switch, Table, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Service } from '../../../../shared/dto';
import { LoadState } from '../../components/LoadState';
import { creditsText, money } from '../../lib/format';
import { useServices } from '../../stores/catalog.store';
import { BuyWithCreditModal } from './BuyWithCreditModal';
import { ServiceFormModal } from './ServiceFormModal';
import { Gate } from '../../components/Gate';

export function ServicesPage() {
  const { t } = useTranslation();
  const list = useServices();
  const [showInactive, setShowInactive] = useState(true);
  const [editing, setEditing] = useState<Service | 'new' | null>(null);
  const [buying, setBuying] = useState<Service | null>(null);
  const load = list.load;
  useEffect(() => {
    void load({ includeInactive: showInactive });
  }, [showInactive, load]);

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1} size="h2">
          {t('services.title')}
        </Title>
        <Group>
          <Switch
            label={t('services.showInactive')}
            checked={showInactive}
            onChange={(e) => setShowInactive(e.currentTarget.checked)}
          />
          <Gate channel="services.create">
            <Button onClick={() => setEditing('new')}>{t('services.add')}</Button>
          </Gate>
        </Group>
      </Group>
      <LoadState
        status={list.status}
        error={list.error}
        empty={list.items.length === 0}
        emptyText={t('services.empty')}
        label={t('services.loading')}
        onRetry={() => void list.reload()}
      >
        <Table.ScrollContainer minWidth={640}>
          <Table aria-label={t('services.title')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('services.service')}</Table.Th>
                <Table.Th className="num">{t('services.price')}</Table.Th>
                <Table.Th>{t('common.currency')}</Table.Th>
                <Table.Th>{t('services.status')}</Table.Th>
                <Table.Th>
                  <span className="sr-only">{t('requests.actions')}</span>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.items.map((s) => (
                <Table.Tr key={s.id}>
                  <Table.Td>{s.name}</Table.Td>
                  <Table.Td className="num">{money(s.price, s.currency)}</Table.Td>
                  <Table.Td>{s.currency}</Table.Td>
                  <Table.Td>
                    <Badge variant="light" color={s.active ? 'teal' : 'gray'}>
                      {s.active ? t('services.active') : t('services.inactive')}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    <Group gap="xs" justify="flex-end" wrap="nowrap">
                      <Gate channel="services.update">
                        <Button
                          size="xs"
                          variant="default"
                          onClick={() => setEditing(s)}
                          aria-label={t('services.editAria', { name: s.name })}
                        >
                          {t('services.editButton')}
                        </Button>
                      </Gate>
                      <Gate channel="services.buyWithCredits">
                        <Button
                          size="xs"
                          disabled={!s.active}
                          onClick={() => setBuying(s)}
                          aria-label={t('services.buyAria', { name: s.name })}
                        >
                          {t('services.buy')}
                        </Button>
                      </Gate>
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </LoadState>
      <ServiceFormModal
        opened={editing !== null}
        service={editing === 'new' || editing === null ? undefined : editing}
        onClose={() => setEditing(null)}
        onSaved={(s) => {
          notifications.show({ color: 'teal', message: t('services.saved', { name: s.name }) });
          setEditing(null);
          void list.reload();
        }}
      />
      <BuyWithCreditModal
        service={buying}
        onClose={() => setBuying(null)}
        onDone={(order) => {
          notifications.show({
            color: 'teal',
            title: t('services.bought'),
            message: t('services.boughtText', {
              name: order.serviceName,
              credits: creditsText(order.credits),
              id: order.id,
            }),
          });
          setBuying(null);
        }}
      />
    </Stack>
  );
}
