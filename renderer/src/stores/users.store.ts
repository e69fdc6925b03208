/** The team's users (admins only), every page read: a team is a handful of people, not thousands. */
import type { User } from '../../../shared/contract.users';
import { call } from '../api';
import { createPagedStore } from './paged';

export const useUserList = createPagedStore<User, Record<string, never>>(
  (_filter, cursor) => call('users.list', { cursor, limit: 200 }),
  { all: true },
);
