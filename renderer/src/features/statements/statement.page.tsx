import {
  Anchor,
  Breadcrumbs,
  Button,
  Card,
  Center,
  Group,
  Loader,
  SegmentedControl,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Statement } from '../../../../shared/statements';
import { call, type UiError } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ExportProgress } from '../../components/ExportProgress';
import { periodPresets, presetOf, presetPeriod, type PeriodPreset } from '../../lib/periods';
import { href, withParams } from '../../lib/route';
import { useExport } from '../../lib/useExport';
import { useSettings } from '../../stores/settings.store';
import { StatementView } from './StatementView';

interface Period {
  from: string;
  to: string;
}

/** Fetches the statement for a period; a newer period drops an older, slower answer. */
function useStatement(clientId: number, period: Period | null) {
  const [attempt, setAttempt] = useState(0);
  const [answer, setAnswer] = useState<{ key: string; statement: Statement | null; error: UiError | null } | null>(
    null,
  );
  const from = period?.from;
  const to = period?.to;
  const key = `${clientId}|${from}|${to}|${attempt}`;
  useEffect(() => {
    if (from === undefined || to === undefined) return;
    let live = true;
    void call('statements.get', { clientId, from: from || undefined, to: to || undefined }).then((result) => {
      if (!live) return;
      setAnswer(
        result.ok ? { key, statement: result.value, error: null } : { key, statement: null, error: result.error },
      );
    });
    return () => {
      live = false;
    };
  }, [clientId, from, to, key]);
  return {
    // The last answer stays on screen while the next period loads.
    statement: answer?.statement ?? null,
    error: answer?.error ?? null,
    loading: period !== null && answer?.key !== key,
    retry: () => setAttempt((n) => n + 1),
  };
}

/**
 * F10: a client's statement for a period: preview, CSV and PDF export with progress, and the
 * print view (`?print=1`: no navigation, print styles; see global.css).
 */
export function StatementPage({ clientId, params }: { clientId: number; params: URLSearchParams }) {
  const { t } = useTranslation();
  const timeZone = useSettings((s) => s.settings?.timeZone);
  const loadSettings = useSettings((s) => s.load);
  // The agency's zone decides what "this month" is: read it fresh, it may have just changed.
  const [settingsFresh, setSettingsFresh] = useState(false);
  useEffect(() => {
    void loadSettings().then(() => setSettingsFresh(true));
  }, [loadSettings]);
  const print = params.get('print') === '1';
  const [chosen, setPeriod] = useState<Period | null>(() =>
    params.has('from') || params.has('to') ? { from: params.get('from') ?? '', to: params.get('to') ?? '' } : null,
  );
  const [chosenPreset, setPreset] = useState<PeriodPreset | null>(null);
  // Until staff choose, the period is this month in the agency's zone (or what the URL says).
  const period = chosen ?? (timeZone === undefined || !settingsFresh ? null : presetPeriod('this-month', timeZone));
  const preset =
    chosenPreset ??
    (chosen === null || timeZone === undefined ? 'this-month' : presetOf(chosen.from, chosen.to, timeZone));
  const backwards = period !== null && period.from !== '' && period.to !== '' && period.from > period.to;
  const { statement, error, loading, retry } = useStatement(clientId, backwards ? null : period);
  const exporting = useExport();
  const statementPath = `/clients/${clientId}/statement`;
  const query = { from: period?.from, to: period?.to };

  function choose(value: PeriodPreset) {
    setPreset(value);
    if (value !== 'custom' && timeZone !== undefined) setPeriod(presetPeriod(value, timeZone));
  }

  // An export button is disabled while it works, which drops the keyboard focus: it is given
  // back once the button is enabled again (after the render that ends the export).
  const trigger = useRef<HTMLElement | null>(null);
  useEffect(() => {
    if (!exporting.pending && trigger.current !== null) {
      trigger.current.focus();
      trigger.current = null;
    }
  }, [exporting.pending]);

  function exportAs(format: 'csv' | 'pdf') {
    trigger.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    void exporting.run((progressId) =>
      call('statements.export', {
        clientId,
        from: period?.from || undefined,
        to: period?.to || undefined,
        format,
        progressId,
      }),
    );
  }

  const body =
    statement !== null && statement.client.id === clientId ? (
      <StatementView statement={statement} />
    ) : error !== null ? (
      <ErrorAlert error={error} onRetry={error.code === 'VALIDATION_ERROR' ? undefined : retry} />
    ) : (
      <Center py="xl" role="status" aria-label={t('statementPage.loading')}>
        <Loader size="sm" />
      </Center>
    );

  if (print) {
    return (
      <div className="print-sheet">
        <Group justify="space-between" className="no-print" mb="md">
          <Anchor href={href(withParams(statementPath, query))}>{t('statementPage.back')}</Anchor>
          <Button onClick={() => window.print()} disabled={statement === null}>
            {t('statementPage.print')}
          </Button>
        </Group>
        {body}
      </div>
    );
  }

  return (
    <Stack>
      <Breadcrumbs>
        <Anchor href={href('/clients')}>{t('clients.title')}</Anchor>
        <Anchor href={href(`/clients/${clientId}`)}>
          {statement?.client.name ?? t('common.clientNumber', { id: clientId })}
        </Anchor>
        <Text>{t('credits.statement')}</Text>
      </Breadcrumbs>
      <Title order={1} size="h2">
        {t('credits.statement')}
      </Title>
      <Card withBorder>
        <Stack gap="sm">
          <Group align="flex-end" gap="md" wrap="wrap">
            <Stack gap={4}>
              <Text size="sm" fw={500} id="statement-period-label">
                {t('statementPage.period')}
              </Text>
              <SegmentedControl
                aria-labelledby="statement-period-label"
                value={preset}
                onChange={(v) => choose(v as PeriodPreset)}
                data={periodPresets()}
              />
            </Stack>
            <TextInput
              label={t('credits.from')}
              type="date"
              value={period?.from ?? ''}
              onChange={(e) => {
                const from = e.currentTarget.value;
                setPreset('custom');
                setPeriod({ from, to: period?.to ?? '' });
              }}
            />
            <TextInput
              label={t('credits.to')}
              type="date"
              value={period?.to ?? ''}
              error={backwards ? t('reports.beforeFrom') : undefined}
              onChange={(e) => {
                const to = e.currentTarget.value;
                setPreset('custom');
                setPeriod({ from: period?.from ?? '', to });
              }}
            />
            {loading && <Loader size="xs" aria-label={t('statementPage.updating')} />}
          </Group>
          <Text size="xs" c="dimmed">
            {t('statementPage.datesHint', { zone: timeZone !== undefined ? ` (${timeZone})` : '' })}
          </Text>
          <Group gap="sm">
            <Button variant="default" onClick={() => exportAs('csv')} loading={exporting.pending} disabled={backwards}>
              {t('statementPage.exportCsv')}
            </Button>
            <Button variant="default" onClick={() => exportAs('pdf')} loading={exporting.pending} disabled={backwards}>
              {t('statementPage.exportPdf')}
            </Button>
            <Button
              component="a"
              href={href(withParams(statementPath, { ...query, print: '1' }))}
              variant="light"
              disabled={backwards}
            >
              {t('statementPage.printView')}
            </Button>
          </Group>
          <ExportProgress state={exporting} label={t('statementPage.exportLabel')} />
        </Stack>
      </Card>
      {backwards ? <Text c="dimmed">{t('statementPage.backwards')}</Text> : body}
    </Stack>
  );
}
