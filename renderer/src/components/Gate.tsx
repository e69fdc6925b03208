/**
 * Shows its children only to a role that may call `channel` (the contract's least role, as the
 * server checks it). A viewer thus sees no money buttons at all; where a missing button needs
 * explaining, the screen shows {@link RoleNote} once instead of a row of disabled ones.
 */
import { Text } from '@mantine/core';
import type { ReactNode } from 'react';
import type { Channel } from '../../../shared/contract';
import { useCan } from '../lib/useCan';

export function Gate({ channel, children }: { channel: Channel; children: ReactNode }) {
  return useCan(channel).allowed ? <>{children}</> : null;
}

/** One line saying why an action is missing ("Needs the approver role; …"), only when it is. */
export function RoleNote({ channel }: { channel: Channel }) {
  const can = useCan(channel);
  if (can.allowed) return null;
  return (
    <Text size="sm" c="dimmed" role="note">
      {can.reason}
    </Text>
  );
}
