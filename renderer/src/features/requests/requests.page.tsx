import { Button, Group, Stack, Table, Tabs, Text, Title, Anchor } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CreditRequest, RequestStatus } from '../../../../shared/dto';
import { call } from '../../api';
import { ExportProgress } from '../../components/ExportProgress';
import { LoadState } from '../../components/LoadState';
import { creditsText, credits, date, dateTime, methodLabel, money, requestStatusLabel, time } from '../../lib/format';
import { href } from '../../lib/route';
import { useExport } from '../../lib/useExport';
import { useClientNames } from '../../stores/clients.store';
import { useRequestList } from '../../stores/requests.store';
import { AcceptRequestModal } from './AcceptRequestModal';
import { NewRequestModal } from './NewRequestModal';
import { RejectRequestModal } from './RejectRequestModal';
import { LoadMore } from '../../components/LoadMore';
import { Gate, RoleNote } from '../../components/Gate';
import { useCan } from '../../lib/useCan';
import { useSession } from '../../stores/session.store';
import { useSettings } from '../../stores/settings.store';

const TABS: RequestStatus[] = ['pending', 'accepted', 'rejected'];

export function RequestsPage() {
  const { t } = useTranslation();
  const list = useRequestList();
  const names = useClientNames((s) => s.names);
  const ensureNames = useClientNames((s) => s.ensure);
  const [status, setStatus] = useState<RequestStatus>('pending');
  const [accepting, setAccepting] = useState<CreditRequest | null>(null);
  const [rejecting, setRejecting] = useState<CreditRequest | null>(null);
  const [recording, setRecording] = useState(false);
  const exporting = useExport();
  const canDecide = useCan('requests.accept');
  // Four eyes (F14): whoever recorded a request does not decide it; the server refuses it too.
  const fourEyes = useSettings((s) => s.settings?.fourEyes ?? false);
  const me = useSession((s) => s.user?.username);
  const ownRequest = (r: CreditRequest) => fourEyes && me !== undefined && r.submittedBy === me;
  const load = list.load;
  useEffect(() => {
    void load({ status });
  }, [status, load]);
  useEffect(() => {
    void ensureNames(list.items.map((r) => r.clientId));
  }, [list.items, ensureNames]);
  const shown = list.filter?.status === status ? list.items : [];
  // Focus after a decision dialog (F17, keyboard only): back to the button that opened it when
  // cancelled; after a decision (that row's buttons are gone) to the next pending request's
  // Accept button, or the heading when none is left.
  const heading = useRef<HTMLHeadingElement>(null);
  const opener = useRef<HTMLElement | null>(null);
  const openWith = (open: (r: CreditRequest) => void) => (r: CreditRequest) => {
    opener.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    open(r);
  };
  const backToOpener = () => requestAnimationFrame(() => opener.current?.focus());
  const afterDecision = () =>
    void list.reload().then(() =>
      requestAnimationFrame(() => {
        const next = document.querySelector<HTMLElement>('main [data-accept]');
        (next ?? heading.current)?.focus();
      }),
    );

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1} size="h2" ref={heading} tabIndex={-1}>
          {t('requests.title')}
        </Title>
        <Group gap="sm">
          <Button
            variant="default"
            loading={exporting.pending}
            onClick={() => void exporting.run((progressId) => call('requests.export', { status, progressId }))}
            aria-label={t(`requests.exportAria.${status}`)}
          >
            {t('requests.exportCsv')}
          </Button>
          <Gate channel="requests.submit">
            <Button onClick={() => setRecording(true)}>{t('requests.record')}</Button>
          </Gate>
        </Group>
      </Group>
      <ExportProgress state={exporting} label={t('requests.exportLabel')} />
      {status === 'pending' && <RoleNote channel="requests.accept" />}
      <Tabs value={status} onChange={(v) => v !== null && setStatus(v as RequestStatus)}>
        <Tabs.List>
          {TABS.map((tab) => (
            <Tabs.Tab key={tab} value={tab}>
              {requestStatusLabel(tab)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
      </Tabs>
      <LoadState
        status={list.filter?.status === status ? list.status : 'loading'}
        error={list.error}
        empty={shown.length === 0}
        emptyText={t(`requests.empty.${status}`)}
        label={t('requests.loading')}
        onRetry={() => void list.reload()}
      >
        <Table.ScrollContainer minWidth={900}>
          <Table horizontalSpacing="xs" aria-label={t('requests.tableAria', { status: requestStatusLabel(status) })}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>#</Table.Th>
                <Table.Th>{t('requests.client')}</Table.Th>
                <Table.Th className="num">{t('requests.amountPaid')}</Table.Th>
                <Table.Th>{t('common.currency')}</Table.Th>
                <Table.Th className="num">{t('requests.credits')}</Table.Th>
                <Table.Th>{t('requests.method')}</Table.Th>
                <Table.Th>{t('requests.paymentReference')}</Table.Th>
                <Table.Th>{t('requests.submitted')}</Table.Th>
                {status === 'pending' ? (
                  <Table.Th>
                    <span className="sr-only">{t('requests.actions')}</span>
                  </Table.Th>
                ) : (
                  <Table.Th>
                    {status === 'accepted' ? t('requests.acceptedColumn') : t('requests.rejectedColumn')}
                  </Table.Th>
                )}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {shown.map((r) => (
                <Table.Tr key={r.id}>
                  <Table.Td className="num">{r.id}</Table.Td>
                  <Table.Td className="nowrap">
                    <Anchor href={href(`/clients/${r.clientId}`)} size="sm">
                      {names[r.clientId] ?? t('common.clientNumber', { id: r.clientId })}
                    </Anchor>
                  </Table.Td>
                  <Table.Td className="num">{money(r.amount, r.currency)}</Table.Td>
                  <Table.Td>{r.currency}</Table.Td>
                  <Table.Td className="num">{credits(r.credits)}</Table.Td>
                  <Table.Td className="nowrap">{methodLabel(r.method)}</Table.Td>
                  <Table.Td style={{ maxWidth: 200, overflowWrap: 'anywhere' }}>
                    {r.paymentReference ?? (
                      <Text span c="dimmed">
                        —
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td className="nowrap">
                    <Text size="sm">{date(r.submittedAt)}</Text>
                    <Text size="xs" c="dimmed">
                      {time(r.submittedAt)}
                    </Text>
                  </Table.Td>
                  {status === 'pending' ? (
                    <Table.Td>
                      {canDecide.allowed && (
                        <Group gap="xs" wrap="nowrap" justify="flex-end">
                          <Button
                            size="compact-sm"
                            color="teal"
                            data-accept={ownRequest(r) ? undefined : true}
                            disabled={ownRequest(r)}
                            title={ownRequest(r) ? t('fourEyes.own') : undefined}
                            onClick={() => openWith(setAccepting)(r)}
                            aria-label={t('requests.acceptAria', { id: r.id })}
                          >
                            {t('requests.accept')}
                          </Button>
                          <Button
                            size="compact-sm"
                            variant="light"
                            color="red"
                            disabled={ownRequest(r)}
                            title={ownRequest(r) ? t('fourEyes.own') : undefined}
                            onClick={() => openWith(setRejecting)(r)}
                            aria-label={t('requests.rejectAria', { id: r.id })}
                          >
                            {t('requests.reject')}
                          </Button>
                        </Group>
                      )}
                      {canDecide.allowed && ownRequest(r) && (
                        <Text size="xs" c="dimmed" ta="right">
                          {t('fourEyes.own')}
                        </Text>
                      )}
                    </Table.Td>
                  ) : (
                    <Table.Td>
                      <Text size="sm" className="nowrap">
                        {r.decidedAt ? dateTime(r.decidedAt) : '—'}
                        {r.decidedBy ? ` · ${r.decidedBy}` : ''}
                      </Text>
                      {r.rejectionReason !== null && (
                        <Text size="xs" c="dimmed">
                          {r.rejectionReason}
                        </Text>
                      )}
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        <LoadMore
          hasMore={list.nextCursor !== null}
          loading={list.loadingMore}
          onLoad={list.loadMore}
          label={t('requests.loadMore')}
        />
      </LoadState>
      <AcceptRequestModal
        request={accepting}
        onClose={() => {
          setAccepting(null);
          backToOpener();
        }}
        onDone={() => {
          notifications.show({
            color: 'teal',
            title: t('requests.accepted'),
            message: t('requests.acceptedText', { credits: creditsText(accepting?.credits ?? 0) }),
          });
          setAccepting(null);
          afterDecision();
        }}
      />
      <RejectRequestModal
        request={rejecting}
        onClose={() => {
          setRejecting(null);
          backToOpener();
        }}
        onDone={() => {
          notifications.show({ color: 'gray', title: t('requests.rejected'), message: t('requests.rejectedText') });
          setRejecting(null);
          afterDecision();
        }}
      />
      <NewRequestModal
        opened={recording}
        onClose={() => setRecording(false)}
        onDone={(r) => {
          notifications.show({
            color: 'teal',
            title: t('requests.recorded'),
            message: t('requests.recordedText', { id: r.id }),
          });
          setRecording(false);
          if (status === 'pending') void list.reload();
          else setStatus('pending');
        }}
      />
    </Stack>
  );
}
