import { Alert, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { BankCsvPreview } from '../../../../shared/dto.bank';

/** The first rows of a CSV file as the import will read them with the mapping being edited. */
export function CsvPreviewTable({ preview }: { preview: BankCsvPreview }) {
  const { t } = useTranslation();
  return (
    <>
      <Text size="sm" fw={600}>
        {t('bank.csv.preview', { count: preview.rows.length })}
      </Text>
      {preview.problem !== null && (
        <Alert color="orange" variant="light" role="status">
          {preview.problem}
        </Alert>
      )}
      {preview.errors.map((e) => (
        <Text key={e.line} size="sm" c="orange.9">
          {t('bank.csv.lineError', { line: e.line, message: e.message })}
        </Text>
      ))}
      {preview.rows.length > 0 && (
        <Table.ScrollContainer minWidth={600}>
          <Table striped data-testid="csv-preview">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('bank.columns.date')}</Table.Th>
                <Table.Th>{t('bank.columns.amount')}</Table.Th>
                <Table.Th>{t('bank.csv.column.reference')}</Table.Th>
                <Table.Th>{t('bank.csv.column.payerName')}</Table.Th>
                <Table.Th>{t('bank.csv.column.remittance')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {preview.rows.map((r) => (
                <Table.Tr key={r.sourceLocation}>
                  <Table.Td>{r.bookingDate ?? ''}</Table.Td>
                  <Table.Td>
                    {r.direction === 'debit' ? '−' : '+'}
                    {r.amount} {r.currency}
                  </Table.Td>
                  <Table.Td>{r.reference ?? r.bankReference ?? ''}</Table.Td>
                  <Table.Td>{r.payerName ?? ''}</Table.Td>
                  <Table.Td>{r.remittance ?? ''}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </>
  );
}
