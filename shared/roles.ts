/**
 * Who may do what (PRODUCT F14). Each role includes the one before it: a clerk may do all a
 * viewer may, an approver all a clerk may, an admin everything. Every channel of the contract
 * names its least role next to its input schema ({@link ChannelSpec}); the router refuses a
 * caller below it with FORBIDDEN before the input is even parsed.
 */

/** The roles, least powerful first: the order is the rule. */
export const ROLES = ['viewer', 'clerk', 'approver', 'admin'] as const;

/** A role from {@link ROLES}. */
export type Role = (typeof ROLES)[number];

/** True when `value` is one of the four roles. */
export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/** True when `role` includes `least` (it is the same role or above it). */
export function roleAllows(role: Role, least: Role): boolean {
  return ROLES.indexOf(role) >= ROLES.indexOf(least);
}

/**
 * What every contract entry declares. `role` is required, so a channel added without one does
 * not compile (each part of the contract is checked with `satisfies ContractPart`).
 * `public: true` marks the one channel a team server answers without a session (auth.login);
 * its role is still checked when a caller does carry one.
 */
export interface ChannelSpec {
  readonly mutates: boolean;
  readonly task?: boolean;
  readonly role: Role;
  readonly public?: boolean;
  readonly input: unknown;
}

/** A part of the contract: channel name → spec. */
export type ContractPart = Readonly<Record<string, ChannelSpec>>;
