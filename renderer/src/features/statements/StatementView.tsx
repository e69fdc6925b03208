import { Table, Text, Title } from '@mantine/core';
import { describePeriod, ENTRY_TYPE_LABELS, formatLocalDateTime, type Statement } from '../../../../shared/statements';
import { Figures } from '../../components/Figures';
import { credits } from '../../lib/format';

/**
 * A statement as read on screen and on paper (F10): the same facts and figures as the PDF, dates
 * in the agency's time zone, every line traceable to its ledger entry id.
 */
export function StatementView({ statement: s }: { statement: Statement }) {
  return (
    <div className="statement" aria-label={`Statement for ${s.client.name}`} role="region">
      <div className="statement-head">
        <div>
          <Text size="sm" c="dimmed" className="statement-muted">
            {s.agencyName}
          </Text>
          <Title order={2} size="h3">
            Statement · {s.client.name}
          </Title>
          {s.client.company !== null && <Text size="sm">{s.client.company}</Text>}
          <Text size="sm" data-testid="statement-period">
            Period: {describePeriod(s)} ({s.timeZone})
          </Text>
          <Text size="xs" c="dimmed" className="statement-muted">
            Generated {formatLocalDateTime(s.generatedAt, s.timeZone)} · client #{s.client.id}
          </Text>
        </div>
        <div className="statement-figures">
          <Figures
            rows={[
              { label: 'Opening balance', value: credits(s.openingBalance) },
              { label: 'Credits in', value: `+${credits(s.totalIn)}` },
              { label: 'Credits out', value: `−${credits(s.totalOut)}` },
              { label: 'Closing balance', value: credits(s.closingBalance), strong: true },
            ]}
          />
        </div>
      </div>
      {s.lines.length === 0 ? (
        <Text c="dimmed" size="sm" py="md">
          No transactions in this period.
        </Text>
      ) : (
        <Table className="statement-table" aria-label="Statement lines" withTableBorder highlightOnHover={false}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Date</Table.Th>
              <Table.Th>Type</Table.Th>
              <Table.Th>Reference</Table.Th>
              <Table.Th className="num">In</Table.Th>
              <Table.Th className="num">Out</Table.Th>
              <Table.Th className="num">Balance</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            <Table.Tr>
              <Table.Td colSpan={5}>
                <Text size="sm" fs="italic">
                  Opening balance
                </Text>
              </Table.Td>
              <Table.Td className="num">{credits(s.openingBalance)}</Table.Td>
            </Table.Tr>
            {s.lines.map((line) => (
              <Table.Tr key={line.id} data-entry-id={line.id}>
                <Table.Td className="nowrap">{formatLocalDateTime(line.date, s.timeZone)}</Table.Td>
                <Table.Td className="nowrap">{ENTRY_TYPE_LABELS[line.type]}</Table.Td>
                <Table.Td>
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
              <Table.Th colSpan={3}>Totals · closing balance</Table.Th>
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
