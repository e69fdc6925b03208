import { Badge, Button, Card, Group, Stack, Switch, Table, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CreditPackage } from '../../../../shared/dto';
import { call, newIdempotencyKey } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { LoadState } from '../../components/LoadState';
import { credits, date, money } from '../../lib/format';
import { useAction } from '../../lib/useAction';
import { usePackages } from '../../stores/catalog.store';
import { PackageFormModal } from './PackageFormModal';
import { Gate } from '../../components/Gate';

/** F2: packages with create, edit, archive and unarchive (never deleted). */
export function PackagesSection() {
  const { t } = useTranslation();
  const list = usePackages();
  const [showArchived, setShowArchived] = useState(false);
  const [editing, setEditing] = useState<CreditPackage | 'new' | null>(null);
  const action = useAction();
  const load = list.load;
  useEffect(() => {
    void load({ includeArchived: showArchived });
  }, [showArchived, load]);

  async function setArchived(p: CreditPackage, archived: boolean) {
    const result = await action.run(() =>
      call(archived ? 'packages.archive' : 'packages.unarchive', {
        packageId: p.id,
        idempotencyKey: newIdempotencyKey(),
      }),
    );
    if (result?.ok) {
      notifications.show({
        message: t(archived ? 'packages.archivedText' : 'packages.unarchivedText', { name: p.name }),
      });
      void list.reload();
    }
  }

  return (
    <Card withBorder>
      <Stack>
        <Group justify="space-between">
          <Title order={2} size="h4">
            {t('packages.title')}
          </Title>
          <Group>
            <Switch
              label={t('packages.showArchived')}
              checked={showArchived}
              onChange={(e) => setShowArchived(e.currentTarget.checked)}
            />
            <Gate channel="packages.create">
              <Button onClick={() => setEditing('new')}>{t('packages.add')}</Button>
            </Gate>
          </Group>
        </Group>
        <ErrorAlert error={action.error} />
        <LoadState
          status={list.status}
          error={list.error}
          empty={list.items.length === 0}
          emptyText={t('packages.empty')}
          label={t('packages.loading')}
          onRetry={() => void list.reload()}
        >
          <Table.ScrollContainer minWidth={640}>
            <Table aria-label={t('packages.title')}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('packages.name')}</Table.Th>
                  <Table.Th className="num">{t('requests.credits')}</Table.Th>
                  <Table.Th className="num">{t('services.price')}</Table.Th>
                  <Table.Th>{t('services.status')}</Table.Th>
                  <Table.Th>{t('packages.updated')}</Table.Th>
                  <Table.Th>
                    <span className="sr-only">{t('requests.actions')}</span>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list.items.map((p) => (
                  <Table.Tr key={p.id}>
                    <Table.Td>{p.name}</Table.Td>
                    <Table.Td className="num">{credits(p.credits)}</Table.Td>
                    <Table.Td className="num">{money(p.price, p.currency)}</Table.Td>
                    <Table.Td>
                      <Badge variant="light" color={p.archived ? 'gray' : 'teal'}>
                        {p.archived ? t('packages.archived') : t('services.active')}
                      </Badge>
                    </Table.Td>
                    <Table.Td className="nowrap">{date(p.updatedAt)}</Table.Td>
                    <Table.Td>
                      <Group gap="xs" justify="flex-end" wrap="nowrap">
                        <Gate channel="packages.update">
                          <Button
                            size="xs"
                            variant="default"
                            onClick={() => setEditing(p)}
                            aria-label={t('services.editAria', { name: p.name })}
                          >
                            {t('services.editButton')}
                          </Button>
                        </Gate>
                        <Gate channel="packages.archive">
                          <Button
                            size="xs"
                            variant="light"
                            color={p.archived ? 'teal' : 'gray'}
                            disabled={action.pending}
                            onClick={() => void setArchived(p, !p.archived)}
                            aria-label={t(p.archived ? 'packages.unarchiveAria' : 'packages.archiveAria', {
                              name: p.name,
                            })}
                          >
                            {p.archived ? t('packages.unarchive') : t('packages.archive')}
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
      </Stack>
      <PackageFormModal
        opened={editing !== null}
        pkg={editing === 'new' || editing === null ? undefined : editing}
        onClose={() => setEditing(null)}
        onSaved={(p) => {
          notifications.show({ color: 'teal', message: t('services.saved', { name: p.name }) });
          setEditing(null);
          void list.reload();
        }}
      />
    </Card>
  );
}
