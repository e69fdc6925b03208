import { Group, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';

/** The numbers behind a money action, label on the left and figure on the right, as a description list. */
export function Figures({ rows }: { rows: { label: string; value: ReactNode; strong?: boolean }[] }) {
  return (
    <Stack gap={6} component="dl" m={0}>
      {rows.map((row) => (
        <Group key={row.label} justify="space-between" wrap="nowrap" gap="md">
          <Text component="dt" size="sm" c="dimmed">
            {row.label}
          </Text>
          <Text component="dd" m={0} size="sm" fw={row.strong === true ? 700 : 500} ta="right" className="num">
            {row.value}
          </Text>
        </Group>
      ))}
    </Stack>
  );
}
