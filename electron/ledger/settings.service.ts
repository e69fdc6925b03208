/** Global settings: the F1 switch, the agency name and time zone. Changes are audited. */
import { AppError } from '../../shared/result';
import type { Settings } from '../../shared/dto';
import type { ParsedInput } from '../../shared/contract';
import { defineQuery } from '../db/database';
import type { AsyncQueries } from '../db/async-db';
import type { Call } from './context';
import { audit } from './audit';
import { toSettings } from './mappers';

/** Reads the single settings row. */
export async function getSettings(q: AsyncQueries): Promise<Settings> {
  const row = await q.get(q.k.selectFrom('settings').selectAll().where('id', '=', 1));
  if (row === undefined) throw new Error('The settings row is missing: the database was not migrated.');
  return toSettings(row);
}

const creditPaymentsSwitch = defineQuery(0, (k) =>
  k.selectFrom('settings').select('credit_payments_enabled').where('id', '=', 1),
);

/** Refuses a client-side credit action while "Allow Credit Payment" is off (F1). */
export async function assertCreditPaymentsEnabled(q: AsyncQueries): Promise<void> {
  const row = await q.prepared(creditPaymentsSwitch).get();
  if (row?.credit_payments_enabled !== 1) {
    throw new AppError(
      'CREDIT_PAYMENTS_DISABLED',
      'Credit payments are switched off. Turn on "Allow Credit Payment" in Credits settings to use credits.',
    );
  }
}

export async function updateSettings(call: Call, input: ParsedInput<'settings.update'>): Promise<Settings> {
  const before = await getSettings(call.tx);
  const after: Settings = {
    creditPaymentsEnabled: input.creditPaymentsEnabled ?? before.creditPaymentsEnabled,
    agencyName: input.agencyName ?? before.agencyName,
    timeZone: input.timeZone ?? before.timeZone,
    language: input.language ?? before.language,
    fourEyes: input.fourEyes ?? before.fourEyes,
  };
  if (JSON.stringify(before) === JSON.stringify(after)) return before;
  await call.tx.run(
    call.tx.k
      .updateTable('settings')
      .set({
        credit_payments_enabled: after.creditPaymentsEnabled ? 1 : 0,
        agency_name: after.agencyName,
        time_zone: after.timeZone,
        language: after.language,
        four_eyes: after.fourEyes ? 1 : 0,
        updated_at: call.nowIso,
      })
      .where('id', '=', 1),
  );
  await audit(call, 'settings', null, 'update', before, after);
  return after;
}
