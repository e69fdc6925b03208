import { Button, Group, Modal, NumberInput, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Input } from '../../../../shared/contract';
import type { BankCsvPreview } from '../../../../shared/dto.bank';
import { call, newIdempotencyKey } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useAction } from '../../lib/useAction';
import { CsvPreviewTable } from './CsvPreviewTable';

type Mapping = Input<'bank.csvMappings.save'>['mapping'];
const DATE_FORMATS = ['YYYY-MM-DD', 'DD.MM.YYYY', 'DD/MM/YYYY', 'MM/DD/YYYY', 'DD-MM-YYYY', 'YYYYMMDD', 'DD.MM.YY'];
const COLUMNS = [
  'bookingDate',
  'amount',
  'credit',
  'debit',
  'currency',
  'reference',
  'transactionId',
  'payerName',
  'remittance',
] as const;
type ColumnName = (typeof COLUMNS)[number];

/** A CSV file waiting for its first import: the dialog previews it and imports it once saved. */
export interface PendingCsv {
  name: string;
  content: string;
}

/** A guessed column (a position) as the dialog shows it: the header's name when there is one. */
function columnText(value: unknown, header: string[]): string {
  if (typeof value === 'number') return header[value] ?? String(value);
  return typeof value === 'string' ? value : '';
}

/**
 * How to read one bank account's CSV export: saved once, used by every later import of it.
 * With `file`, the dialog starts from the mapping guessed for it, shows its first rows as they
 * will be imported (again after each change) and hands the account to `onSaved` for the import.
 */
export function CsvMappingModal({
  opened,
  onClose,
  file = null,
  onSaved,
}: {
  opened: boolean;
  onClose: () => void;
  file?: PendingCsv | null;
  onSaved?: (accountId: string) => void;
}) {
  const { t } = useTranslation();
  const action = useAction();
  const [preview, setPreview] = useState<BankCsvPreview | null>(null);
  const [previewError, setPreviewError] = useState<string | null>(null);
  const guessedFor = useRef<PendingCsv | null>(null);
  const [accountId, setAccountId] = useState('');
  const [delimiter, setDelimiter] = useState<string>(';');
  const [headerRows, setHeaderRows] = useState<number>(1);
  const [decimal, setDecimal] = useState<'.' | ','>(',');
  const [dateFormat, setDateFormat] = useState<string>('DD.MM.YYYY');
  const [currency, setCurrency] = useState('EUR');
  const [columns, setColumns] = useState<Record<ColumnName, string>>({
    bookingDate: '',
    amount: '',
    credit: '',
    debit: '',
    currency: '',
    reference: '',
    transactionId: '',
    payerName: '',
    remittance: '',
  });
  const [saved, setSaved] = useState(false);

  function currentMapping(account: string): Mapping {
    const named = Object.fromEntries(
      Object.entries(columns)
        .map(([k, v]) => [k, v.trim()] as const)
        .filter(([, v]) => v !== '')
        // Without a header line, columns can only be positions.
        .map(([k, v]) => [k, headerRows === 0 && /^\d+$/.test(v) ? Number(v) : v] as const),
    );
    return {
      accountId: account,
      delimiter: delimiter === 'tab' ? '\t' : delimiter,
      headerRows,
      decimalSeparator: decimal,
      thousandsSeparator: decimal === ',' ? '.' : ',',
      dateFormat,
      fixedCurrency: named.currency === undefined ? currency : null,
      columns: { bookingDate: columns.bookingDate.trim(), ...named },
    } as Mapping;
  }

  // A new file: start from the mapping guessed for it (or its account's saved one).
  useEffect(() => {
    if (file === null || file === guessedFor.current) return;
    guessedFor.current = file;
    void call('bank.csvPreview', { content: file.content }).then((outcome) => {
      if (!outcome.ok) {
        setPreviewError(outcome.error.message);
        return;
      }
      const guess = outcome.value.mapping as Partial<Mapping>;
      const header = outcome.value.header;
      setDelimiter(guess.delimiter === '\t' ? 'tab' : (guess.delimiter ?? ';'));
      setHeaderRows(guess.headerRows ?? 1);
      setDecimal(guess.decimalSeparator === '.' ? '.' : ',');
      setDateFormat(guess.dateFormat ?? 'DD.MM.YYYY');
      const guessed = (guess.columns ?? {}) as Record<string, unknown>;
      setColumns(
        Object.fromEntries(COLUMNS.map((c) => [c, columnText(guessed[c], header)])) as Record<ColumnName, string>,
      );
    });
  }, [file]);

  // The preview follows the mapping being edited; a late reply for an older mapping is dropped.
  const draft = file === null ? null : JSON.stringify(currentMapping(accountId.trim() || 'preview'));
  useEffect(() => {
    if (file === null || draft === null) return;
    let current = true;
    void call('bank.csvPreview', { content: file.content, mapping: JSON.parse(draft) as Mapping }).then((outcome) => {
      if (!current) return;
      setPreview(outcome.ok ? outcome.value : null);
      setPreviewError(outcome.ok ? null : outcome.error.message);
    });
    return () => {
      current = false;
    };
  }, [file, draft]);

  async function save() {
    setSaved(false);
    const mapping = currentMapping(accountId);
    const outcome = await action.run(() =>
      call('bank.csvMappings.save', { mapping, idempotencyKey: newIdempotencyKey() }),
    );
    if (outcome?.ok) {
      setSaved(true);
      onSaved?.(outcome.value.accountId);
    }
  }

  return (
    <Modal opened={opened} onClose={onClose} title={t('bank.csv.title')} size={file === null ? 'lg' : 'xl'}>
      <Stack>
        <Text size="sm">{t('bank.csv.intro')}</Text>
        {file !== null && <Text size="sm">{t('bank.csv.firstImport', { name: file.name })}</Text>}
        <TextInput
          label={t('bank.csv.account')}
          value={accountId}
          onChange={(e) => setAccountId(e.currentTarget.value)}
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <Select
            label={t('bank.csv.delimiter')}
            data={[';', ',', 'tab', '|']}
            value={delimiter}
            onChange={(v) => setDelimiter(v ?? ';')}
            allowDeselect={false}
          />
          <NumberInput
            label={t('bank.csv.headerRows')}
            min={0}
            max={50}
            value={headerRows}
            onChange={(v) => setHeaderRows(typeof v === 'number' ? v : 1)}
          />
          <Select
            label={t('bank.csv.decimal')}
            data={['.', ',']}
            value={decimal}
            onChange={(v) => setDecimal(v === '.' ? '.' : ',')}
            allowDeselect={false}
          />
          <Select
            label={t('bank.csv.dateFormat')}
            data={DATE_FORMATS}
            value={dateFormat}
            onChange={(v) => setDateFormat(v ?? 'DD.MM.YYYY')}
            allowDeselect={false}
          />
          <TextInput
            label={t('bank.csv.fixedCurrency')}
            value={currency}
            onChange={(e) => setCurrency(e.currentTarget.value.toUpperCase())}
          />
        </SimpleGrid>
        <Text size="sm" fw={600}>
          {t('bank.csv.columns')}
        </Text>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          {COLUMNS.map((c) => (
            <TextInput
              key={c}
              label={t(`bank.csv.column.${c}`)}
              value={columns[c]}
              onChange={(e) => {
                const value = e.currentTarget.value;
                setColumns((before) => ({ ...before, [c]: value }));
              }}
            />
          ))}
        </SimpleGrid>
        {file !== null && previewError !== null && (
          <Text size="sm" c="red.9" role="alert">
            {previewError}
          </Text>
        )}
        {file !== null && preview !== null && <CsvPreviewTable preview={preview} />}
        <ErrorAlert error={action.error} />
        {saved && (
          <Text role="status" c="teal.9">
            {t('bank.csv.saved', { account: accountId })}
          </Text>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button onClick={() => void save()} loading={action.pending}>
            {file === null ? t('common.save') : t('bank.csv.saveAndImport')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
