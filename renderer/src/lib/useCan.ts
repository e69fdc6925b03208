/**
 * May the signed-in person use a channel? The answer comes from the contract's least role per
 * channel (shared/roles.ts), the same table the server's router checks, so a button is never
 * offered that the server would refuse, nor hidden from someone it would allow. Outside the
 * team server nobody signs in and the desk acts as admin: everything is allowed.
 */
import { useTranslation } from 'react-i18next';
import { contract, type Channel } from '../../../shared/contract';
import { roleAllows, type Role } from '../../../shared/roles';
import { useSession } from '../stores/session.store';

export interface Permission {
  allowed: boolean;
  /** Why not, in the user's language ("Needs the approver role; you are a clerk."); '' when allowed. */
  reason: string;
}

/** The least role a channel needs. */
export function leastRole(channel: Channel): Role {
  return contract[channel].role;
}

/** The role the screens act with: the signed-in person's, or admin where nobody signs in. */
export function useRole(): Role | null {
  return useSession((s) => (s.server ? (s.user?.role ?? null) : 'admin'));
}

/** Whether the current person may call `channel`, and why not. */
export function useCan(channel: Channel): Permission {
  const { t } = useTranslation();
  const role = useRole();
  const least = leastRole(channel);
  if (role !== null && roleAllows(role, least)) return { allowed: true, reason: '' };
  return {
    allowed: false,
    reason: t('roles.needs', { role: t(`roles.name.${least}`), yours: t(`roles.name.${role ?? 'viewer'}`) }),
  };
}
