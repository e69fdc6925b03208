// Backups (issue 6): Back up now, the list, and Restore from backup through the UI, against
// browser mode over a fresh ledger (and its own backup folder) per test.
import { rmSync } from 'node:fs';
import { expect, openScreen, seedBasics, test } from './fixtures';

test('back up now, post an adjustment, restore: the adjustment is gone and a safety copy is kept', async ({
  app: page,
  api,
}) => {
  const { client } = await seedBasics(api);
  await api.ok('transactions.adjust', {
    clientId: client.id,
    direction: 'in',
    credits: 100,
    reason: 'Opening balance',
  });

  await openScreen(page, 'Backups');
  await expect(page.getByText(/^No backup yet/)).toBeVisible();
  await page.getByRole('button', { name: 'Back up now' }).click();
  const made = page.getByRole('status').filter({ hasText: 'Backup taken and verified' });
  await expect(made).toContainText('1 client and 1 ledger entry checked');
  const table = page.getByRole('table', { name: 'Backups' });
  const rows = table.locator('tbody tr');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('Manual');
  await expect(rows.first()).toContainText('1 client and 1 ledger entry checked');
  const [backup] = await api.ok('backup.list', {});
  expect(backup).toMatchObject({ kind: 'manual', checkedClients: 1, checkedEntries: 1 });

  // A change after the backup, through the client's credits tab.
  await openScreen(page, 'Clients');
  await page.getByRole('link', { name: 'Northwind Studio' }).click();
  await expect(page.getByTestId('client-balance')).toHaveText('100');
  await page.getByRole('button', { name: 'Adjustment…' }).click();
  const adjust = page.getByRole('dialog', { name: /Adjust credits/ });
  await adjust.getByRole('textbox', { name: 'Credits' }).fill('25');
  await adjust.getByRole('textbox', { name: 'Reason' }).fill('Posted after the backup');
  await adjust.getByRole('button', { name: 'Record adjustment' }).click();
  await expect(adjust).toBeHidden();
  await expect(page.getByTestId('client-balance')).toHaveText('125');

  // Restore: nothing happens until the consequences are acknowledged.
  await openScreen(page, 'Backups');
  await table.getByRole('button', { name: /^Restore… the backup taken/ }).click();
  const dialog = page.getByRole('dialog', { name: 'Restore from backup' });
  await expect(dialog).toContainText('kept as a safety copy');
  await expect(dialog).toContainText('Every screen then reloads');
  const confirm = dialog.getByRole('button', { name: 'Restore this backup' });
  await expect(confirm).toBeDisabled();
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
  expect((await api.ok('clients.get', { clientId: client.id })).balance).toBe(125);

  await table.getByRole('button', { name: /^Restore… the backup taken/ }).click();
  await dialog.getByRole('checkbox', { name: /^I understand/ }).check();
  await confirm.click();

  // The page reloads from the restored ledger and says what happened.
  await expect(page.getByRole('status').filter({ hasText: 'Ledger restored' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 1, name: 'Backups' })).toBeVisible();
  await expect(rows).toHaveCount(2);
  await expect(rows.filter({ hasText: 'Safety copy (before a restore)' })).toHaveCount(1);
  await expect(rows.filter({ hasText: 'Manual' })).toHaveCount(1);
  // The safety copy holds the ledger as it was: both adjustments.
  await expect(rows.filter({ hasText: 'Safety copy' })).toContainText('1 client and 2 ledger entries checked');

  await openScreen(page, 'Clients');
  await page.getByRole('link', { name: 'Northwind Studio' }).click();
  await expect(page.getByTestId('client-balance')).toHaveText('100');
  const history = page.getByRole('table', { name: 'Credit history' });
  await expect(history.locator('[data-entry-id]')).toHaveCount(1);
  await expect(history).not.toContainText('Posted after the backup');
  const entries = await api.ok('transactions.list', { clientId: client.id });
  expect(entries.items.map((e) => e.memo)).toEqual(['Opening balance']);
  expect(await api.ok('ledger.verify', {})).toMatchObject({ ok: true });
});

test('a refused restore says why and changes nothing', async ({ app: page, api }) => {
  await seedBasics(api);
  await openScreen(page, 'Backups');
  await page.getByRole('button', { name: 'Back up now' }).click();
  const rows = page.getByRole('table', { name: 'Backups' }).locator('tbody tr');
  await expect(rows).toHaveCount(1);
  const [backup] = await api.ok('backup.list', {});
  // The file vanishes behind the screen's back (someone cleaned the folder).
  rmSync(backup!.path);
  rmSync(`${backup!.path}.json`, { force: true });

  await page.getByRole('button', { name: /^Restore… the backup taken/ }).click();
  const dialog = page.getByRole('dialog', { name: 'Restore from backup' });
  await dialog.getByRole('checkbox', { name: /^I understand/ }).check();
  await dialog.getByRole('button', { name: 'Restore this backup' }).click();
  await expect(dialog.getByRole('alert')).toContainText('no verified backup');
  await expect(dialog.getByRole('note', { name: 'What will happen' })).toBeVisible();
  await expect(dialog).toBeVisible();
  expect(await api.ok('ledger.verify', {})).toMatchObject({ ok: true });
});
