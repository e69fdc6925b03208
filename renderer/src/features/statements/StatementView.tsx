import { Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { LOCALES } from '../../../../shared/i18n';
import { formatCredits } from '../../../../shared/money';
import { describePeriod, entryTypeText, formatLocalDateTime, type Statement } from '../../../../shared/statements';
import { Figures } from '../../components/Figures';

/**
 * A statement as read on screen and on paper (F10): the same facts and figures as the PDF, dates
 * in the agency's time zone, every line traceable to its ledger entry id. It is written in the
 * statement's language (the agency's setting, F17), whatever language the screens are in, so
 * the print view and the PDF handed to a client say the same thing.
 */
export function StatementView({ statement: s }: { statement: Statement }) {
  const { i18n } = useTranslation();
  const t = i18n.getFixedT(s.language);
  const credits = (n: number) => formatCredits(n, LOCALES[s.language]);
  return (
    <div
      className="statement"
      aria-label={t('statement.regionLabel', { name: s.client.name })}
      role="region"
      lang={s.language}
    >
      <div className="statement-head">
        <div>
          <Text size="sm" c="dimmed" className="statement-muted">
            {s.agencyName}
          </Text>
          <Title order={2} size="h3">
            {t('statement.heading', { name: s.client.name })}
          </Title>
          {s.client.company !== null && <Text size="sm">{s.client.company}</Text>}
          <Text size="sm" data-testid="statement-period">
            {t('statement.periodLine', { period: describePeriod(s, s.language), zone: s.timeZone })}
          </Text>
          <Text size="xs" c="dimmed" className="statement-muted">
            {t('statement.generatedLine', {
              at: formatLocalDateTime(s.generatedAt, s.timeZone),
              id: s.client.id,
            })}
          </Text>
        </div>
        <div className="statement-figures">
          <Figures
            rows={[
              { label: t('statement.openingBalance'), value: credits(s.openingBalance) },
              { label: t('statement.creditsIn'), value: `+${credits(s.totalIn)}` },
              { label: t('statement.creditsOut'), value: `−${credits(s.totalOut)}` },
              { label: t('statement.closingBalance'), value: credits(s.closingBalance), strong: true },
            ]}
          />
        </div>
      </div>
      {s.lines.length === 0 ? (
        <Text c="dimmed" size="sm" py="md">
          {t('statement.empty')}
        </Text>
      ) : (
        <Table
          className="statement-table"
          aria-label={t('statement.linesLabel')}
          withTableBorder
          highlightOnHover={false}
        >
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('statement.date')}</Table.Th>
              <Table.Th>{t('statement.type')}</Table.Th>
              <Table.Th>{t('statement.reference')}</Table.Th>
              <Table.Th className="num">{t('statement.in')}</Table.Th>
              <Table.Th className="num">{t('statement.out')}</Table.Th>
              <Table.Th className="num">{t('statement.balance')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            <Table.Tr>
              <Table.Td colSpan={5}>
                <Text size="sm" fs="italic">
                  {t('statement.openingBalance')}
                </Text>
              </Table.Td>
              <Table.Td className="num">{credits(s.openingBalance)}</Table.Td>
            </Table.Tr>
            {s.lines.map((line) => (
              <Table.Tr key={line.id} data-entry-id={line.id}>
                <Table.Td className="nowrap">{formatLocalDateTime(line.date, s.timeZone)}</Table.Td>
                <Table.Td>{entryTypeText(line.type, s.language)}</Table.Td>
                <Table.Td style={{ overflowWrap: 'anywhere' }}>
                  <Text size="sm">{line.reference}</Text>
                  {line.memo !== null && (
                    <Text size="xs" c="dimmed" className="statement-muted">
                      {line.memo}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td className="num">{line.creditsIn > 0 ? credits(line.creditsIn) : ''}</Table.Td>
                <Table.Td className="num">{line.creditsOut > 0 ? credits(line.creditsOut) : ''}</Table.Td>
                <Table.Td className="num">{credits(line.balance)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
          <Table.Tfoot>
            <Table.Tr>
              <Table.Th colSpan={3}>{t('statement.totalsClosing')}</Table.Th>
              <Table.Th className="num">{credits(s.totalIn)}</Table.Th>
              <Table.Th className="num">{credits(s.totalOut)}</Table.Th>
              <Table.Th className="num">{credits(s.closingBalance)}</Table.Th>
            </Table.Tr>
          </Table.Tfoot>
        </Table>
      )}
    </div>
  );
}
