/**
 * A client's ledger history, virtualized: only the rows in view are in the DOM, and the next
 * keyset page is requested when the last loaded row scrolls into view. 100,000 entries scroll
 * like 100. ARIA table roles keep it a table for assistive technology.
 */
import { Badge, Box, Center, Loader, Text } from '@mantine/core';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { LedgerEntry } from '../../../shared/dto';
import { credits, dateTime, entryTypeLabel } from '../lib/format';
import classes from './LedgerTable.module.css';

const ROW_HEIGHT = 40;
const COLUMNS = ['date', 'type', 'reference', 'in', 'out', 'balance'] as const;

export function LedgerTable(props: {
  entries: LedgerEntry[];
  hasMore: boolean;
  loadingMore: boolean;
  onLoadMore: () => void;
  height?: number;
}) {
  const { entries, hasMore, loadingMore, onLoadMore } = props;
  const scrollRef = useRef<HTMLDivElement>(null);
  const { t } = useTranslation();
  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer is read during render by design
  const virtualizer = useVirtualizer({
    count: entries.length + (hasMore ? 1 : 0),
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });
  const rows = virtualizer.getVirtualItems();
  const lastIndex = rows.length > 0 ? rows[rows.length - 1]!.index : -1;

  useEffect(() => {
    if (hasMore && !loadingMore && lastIndex >= entries.length - 1) onLoadMore();
  }, [lastIndex, entries.length, hasMore, loadingMore, onLoadMore]);

  return (
    <Box
      className={classes.table}
      role="table"
      aria-label={t('ledger.label')}
      aria-rowcount={hasMore ? -1 : entries.length + 1}
    >
      <div role="rowgroup" className={classes.head}>
        <div role="row" aria-rowindex={1} className={classes.row}>
          {COLUMNS.map((c) => (
            <div
              key={c}
              role="columnheader"
              className={c === 'in' || c === 'out' || c === 'balance' ? classes.num : ''}
            >
              {t(`ledger.${c}`)}
            </div>
          ))}
        </div>
      </div>
      <div
        ref={scrollRef}
        className={classes.scroll}
        style={{ height: props.height ?? 440 }}
        tabIndex={0}
        aria-label={t('ledger.rows')}
        role="rowgroup"
      >
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {rows.map((row) => {
            const entry = entries[row.index];
            const style = { transform: `translateY(${row.start}px)`, height: ROW_HEIGHT };
            if (entry === undefined) {
              return (
                <div key="more" role="row" className={`${classes.row} ${classes.abs}`} style={style}>
                  <div role="cell" className={classes.full}>
                    <Center>
                      <Loader size="xs" aria-label={t('ledger.loadingOlder')} />
                    </Center>
                  </div>
                </div>
              );
            }
            return (
              <div
                key={entry.id}
                role="row"
                aria-rowindex={row.index + 2}
                className={`${classes.row} ${classes.abs}`}
                style={style}
                data-entry-id={entry.id}
              >
                <div role="cell">{dateTime(entry.createdAt)}</div>
                <div role="cell">
                  <Badge variant="light" color={entry.direction === 'in' ? 'teal' : 'orange'} size="sm" radius="sm">
                    {entryTypeLabel(entry.type)}
                  </Badge>
                </div>
                <div role="cell" className={classes.ref} title={entry.memo ?? entry.reference}>
                  <Text size="sm" truncate>
                    {entry.reference}
                    {entry.memo !== null && (
                      <Text span c="dimmed" size="sm">
                        {' '}
                        · {entry.memo}
                      </Text>
                    )}
                  </Text>
                </div>
                <div role="cell" className={`${classes.num} ${classes.in}`}>
                  {entry.direction === 'in' ? `+${credits(entry.credits)}` : ''}
                </div>
                <div role="cell" className={`${classes.num} ${classes.out}`}>
                  {entry.direction === 'out' ? `−${credits(entry.credits)}` : ''}
                </div>
                <div role="cell" className={`${classes.num} ${classes.balance}`}>
                  {credits(entry.balanceAfter)}
                </div>
              </div>
            );
          })}
        </div>
      </div>
    </Box>
  );
}
