import { Alert, Badge, Button, Group, List, Select, Stack, Table, Text, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import type { VerifyReport } from '../../../../shared/dto';
import { call } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { LoadState } from '../../components/LoadState';
import { credits, date, time } from '../../lib/format';
import { useAction } from '../../lib/useAction';
import { AUDIT_ENTITIES, useAuditLog, type AuditEntity } from '../../stores/audit.store';
import { AuditDiff } from './AuditDiff';
import { LoadMore } from '../../components/LoadMore';

const ENTITY_LABELS: Record<AuditEntity, string> = {
  settings: 'Settings',
  package: 'Packages',
  rate: 'Conversion rates',
  service: 'Services',
  client: 'Clients',
  invoice: 'Invoices',
};

/** The integrity check (`ledger.verify`): balances, running balances and the entry hash chain. */
function VerifyLedger() {
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
          Verify ledger
        </Button>
        <Text size="sm" c="dimmed">
          Checks that every balance equals its entries, the running balances chain, and no entry was altered.
        </Text>
      </Group>
      <ErrorAlert error={action.error} />
      {report !== null &&
        (report.ok ? (
          <Alert color="teal" variant="light" title="The ledger checks out" role="status">
            {credits(report.checkedEntries)} entries of {credits(report.checkedClients)} clients checked; no problems
            found.
          </Alert>
        ) : (
          <Alert color="red" variant="light" title={`${credits(report.problems.length)} problems found`} role="alert">
            <Text size="sm">
              {credits(report.checkedEntries)} entries of {credits(report.checkedClients)} clients checked.
            </Text>
            <List size="sm" mt="xs">
              {report.problems.slice(0, 50).map((p, i) => (
                <List.Item key={i}>
                  Client #{p.clientId}
                  {p.entryId !== null ? `, entry #${p.entryId}` : ''}: {p.message}
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
        Audit log
      </Title>
      <VerifyLedger />
      <Select
        label="Show changes to"
        placeholder="Everything"
        clearable
        value={entity}
        onChange={(v) => setEntity(v as AuditEntity | null)}
        data={AUDIT_ENTITIES.map((e) => ({ value: e, label: ENTITY_LABELS[e] }))}
        maw={260}
      />
      <LoadState
        status={current ? log.status : 'loading'}
        error={log.error}
        empty={!current || log.items.length === 0}
        emptyText={
          entity === null ? 'No changes recorded yet.' : `No changes to ${ENTITY_LABELS[entity].toLowerCase()}.`
        }
        label="audit log"
        onRetry={() => void log.reload()}
      >
        <Table.ScrollContainer minWidth={820}>
          <Table aria-label="Audit log" verticalSpacing={6}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>When</Table.Th>
                <Table.Th>Who</Table.Th>
                <Table.Th>What</Table.Th>
                <Table.Th>Changes</Table.Th>
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
          label="Load more changes"
        />
      </LoadState>
    </Stack>
  );
}
