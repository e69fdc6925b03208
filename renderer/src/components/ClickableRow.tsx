import { Table } from '@mantine/core';
import type { ReactNode } from 'react';
import { navigate } from '../lib/route';

/**
 * A table row that opens its record: a click anywhere on it, or Enter when it has the keyboard
 * focus (it is in the Tab order), goes to `path`. Links inside it still work on their own.
 */
export function ClickableRow({ path, label, children }: { path: string; label: string; children: ReactNode }) {
  return (
    <Table.Tr
      className="clickable-row"
      tabIndex={0}
      aria-label={label}
      onClick={(e) => {
        // A link's own click already navigates (and may be opened elsewhere with a modifier).
        if (!(e.target as HTMLElement).closest('a')) navigate(path);
      }}
      onKeyDown={(e) => {
        if (e.key === 'Enter' && e.target === e.currentTarget) {
          e.preventDefault();
          navigate(path);
        }
      }}
    >
      {children}
    </Table.Tr>
  );
}
