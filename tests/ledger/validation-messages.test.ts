/** Refusals of bad input name the field, in words a finance person reads without a manual. */
import { afterEach, beforeEach, expect, it } from 'vitest';
import { forEachEngine, type EngineLedger } from '../support/engines';

forEachEngine((engine) => {
  let l: EngineLedger;
  beforeEach(async () => {
    l = await engine.open();
  });
  afterEach(() => l.close());

  it('a missing field is "required", a wrong type says what is expected, a full-sentence rule follows the field', async () => {
    expect(await l.refused('clients.create', {}, 'VALIDATION_ERROR')).toMatchObject({
      message: 'name is required.',
      details: { field: 'name' },
    });
    expect(await l.refused('clients.create', { name: 5 }, 'VALIDATION_ERROR')).toMatchObject({
      message: 'name must be text.',
      details: { field: 'name' },
    });
    expect(
      await l.refused(
        'packages.create',
        { name: 'P', credits: 10, currency: 'USD', price: '3.501' },
        'VALIDATION_ERROR',
      ),
    ).toMatchObject({ message: 'price: USD amounts have at most 2 decimal places.', details: { field: 'price' } });
    expect(await l.refused('clients.create', { name: 'X', colour: 'red' }, 'VALIDATION_ERROR')).toMatchObject({
      message: '"colour" is not a field this action accepts.',
      details: { field: 'colour' },
    });
  });
});
