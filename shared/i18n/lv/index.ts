/** The Latvian catalogue, one module per area of the app. */
import { backups } from './backups';
import { bank } from './bank';
import { clients } from './clients';
import { common } from './common';
import { connection } from './connection';
import { overview } from './overview';
import { reports } from './reports';
import { requests } from './requests';
import { settings } from './settings';
import { spending } from './spending';
import { statement } from './statement';
import { sync } from './sync';
import { users } from './users';

export const lv = {
  ...backups,
  ...bank,
  ...clients,
  ...common,
  ...connection,
  ...overview,
  ...reports,
  ...requests,
  ...settings,
  ...spending,
  ...statement,
  ...sync,
  ...users,
};
