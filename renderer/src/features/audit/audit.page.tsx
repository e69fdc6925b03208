import { Alert, Badge, Button, Group, List, Select, Stack, Table, Text, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { VerifyReport } from '../../../../shared/dto';
import { call } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { LoadState } from '../../components/LoadState';
import { credits, date, time } from '../../lib/format';
import { useAction } from '../../lib/useAction';
import { AUDIT_ENTITIES, useAuditLog, type AuditEntity } from '../../stores/audit.store';
import { AuditDiff } from './AuditDiff';
import { LoadMore } from '../../components/LoadMore';

/** The integrity check (`ledger.verify`): balances, running balances and the entry hash chain. */
function VerifyLedger() {
  const { t } = useTranslation();
  const action = useAction();
  const [report, setReport] = useState<VerifyReport | null>(null);
  async function verify() {
    setReport(null);
    const result = await action.run(() => call('ledger.verify', {}));
    if (result?.ok) setReport(result.value);
  }
  return (
    <Stack gap="xs">
      <Group>
        <Button variant="light" onClick={() => void verify()} loading={action.pending}>
          {t('audit.verify')}
        </Button>
        <Text size="sm" c="dimmed">
          {t('audit.verifyText')}
        </Text>
      </Group>
      <ErrorAlert error={action.error} />
      {report !== null &&
        (report.ok ? (
          <Alert color="teal" variant="light" title={t('audit.ok')} role="status">
            {t('audit.okText', { entries: credits(report.checkedEntries), clients: credits(report.checkedClients) })}
          </Alert>
        ) : (
          <Alert
            color="red"
            variant="light"
            title={t('audit.problems', { count: report.problems.length, value: credits(report.problems.length) })}
            role="alert"
          >
            <Text size="sm">
              {t('audit.checked', { entries: credits(report.checkedEntries), clients: credits(report.checkedClients) })}
            </Text>
            <List size="sm" mt="xs">
              {report.problems.slice(0, 50).map((p, i) => (
                <List.Item key={i}>
                  {p.entryId !== null
                    ? t('audit.problemEntry', { clientId: p.clientId, entryId: p.entryId })
                    : t('audit.problemClient', { clientId: p.clientId })}
                  : {p.message}
                </List.Item>
              ))}
            </List>
          </Alert>
        ))}
    </Stack>
  );
}

/** F9: who changed settings, packages, rates, services, clients and invoices, when, and from what to what. */
export function AuditPage() {
  const { t } = useTranslation();
  const log = useAuditLog();
  const [entity, setEntity] = useState<AuditEntity | null>(null);
  const load = log.load;
  useEffect(() => {
    void load({ entity });
  }, [entity, load]);
  const current = log.filter?.entity === entity;

  return (
    <Stack>
      <Title order={1} size="h2">
        {t('app.nav.audit')}
      </Title>
      <VerifyLedger />
      <Select
        label={t('audit.showChanges')}
        placeholder={t('audit.everything')}
        clearable
        value={entity}
        onChange={(v) => setEntity(v as AuditEntity | null)}
        data={AUDIT_ENTITIES.map((e) => ({ value: e, label: t(`audit.entities.${e}`) }))}
        maw={260}
      />
      <LoadState
        status={current ? log.status : 'loading'}
        error={log.error}
        empty={!current || log.items.length === 0}
        emptyText={
          entity === null
            ? t('audit.empty')
            : t('audit.emptyFor', { what: t(`audit.entities.${entity}`).toLowerCase() })
        }
        label={t('app.nav.audit')}
        onRetry={() => void log.reload()}
      >
        <Table.ScrollContainer minWidth={820}>
          <Table aria-label={t('app.nav.audit')} verticalSpacing={6}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('audit.when')}</Table.Th>
                <Table.Th>{t('audit.who')}</Table.Th>
                <Table.Th>{t('audit.what')}</Table.Th>
                <Table.Th>{t('audit.changes')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {log.items.map((r) => (
                <Table.Tr key={r.id} style={{ verticalAlign: 'top' }}>
                  <Table.Td className="nowrap">
                    <Text size="sm">{date(r.at)}</Text>
                    <Text size="xs" c="dimmed">
                      {time(r.at)}
                    </Text>
                  </Table.Td>
                  <Table.Td className="nowrap">{r.actor}</Table.Td>
                  <Table.Td className="nowrap">
                    <Badge variant="light" color="gray" style={{ textTransform: 'none' }}>
                      {r.entity}
                      {r.entityId !== null ? ` #${r.entityId}` : ''}
                    </Badge>{' '}
                    <Text span size="sm">
                      {r.action}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <AuditDiff before={r.before} after={r.after} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        <LoadMore
          hasMore={log.nextCursor !== null}
          loading={log.loadingMore}
          onLoad={log.loadMore}
          label={t('audit.loadMore')}
        />
      </LoadState>
    </Stack>
  );
}
