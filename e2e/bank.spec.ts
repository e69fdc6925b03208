// F15 in the UI: import a camt.053 by choosing the file, see the proposal for the request whose
// reference the payer wrote, confirm it (credits added once), import the same file again
// (nothing new), with axe over the page; a screenshot for docs/screenshots.
import { readFileSync } from 'node:fs';
import { camt053 } from '../tests/bank/camt-builder';
import { expectNoSeriousViolations } from './a11y';
import { expect, openScreen, test } from './fixtures';

test('import a camt.053, confirm a reference match, re-import the same file: nothing new', async ({
  app: page,
  api,
}) => {
  await api.ok('settings.update', { creditPaymentsEnabled: true });
  const client = await api.ok('clients.create', { name: 'Northwind Studio' });
  const pkg = await api.ok('packages.create', { name: 'Starter 100', credits: 100, currency: 'EUR', price: '250.00' });
  const request = await api.ok('requests.submit', {
    clientId: client.id,
    packageId: pkg.id,
    method: 'bank_transfer',
    paymentReference: 'CD-2026-0042',
  });
  const file = {
    name: 'statement-2026-03-02.xml',
    mimeType: 'application/xml',
    buffer: Buffer.from(
      camt053([
        { ref: 'TX-1', amount: '250.00', payer: 'NORTHWIND STUDIO SIA', remittance: 'Payment cd 2026 0042' },
        { ref: 'TX-2', amount: '4.50', direction: 'debit', payer: 'Bank', remittance: 'Account fee' },
      ]),
    ),
  };

  await openScreen(page, 'Bank statements');
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Choose a statement file' }).click();
  await (await chooser).setFiles(file);
  await expect(page.getByTestId('bank-import-summary')).toHaveText('Read 2, new 2, duplicates 0, proposed 1');

  const table = page.getByTestId('bank-transactions');
  await expect(table.getByRole('row')).toHaveCount(3);
  const confirm = table.getByRole('button', { name: `Confirm request #${request.id} for Northwind Studio` });
  await expect(confirm).toBeVisible();
  await expectNoSeriousViolations(page, 'Bank statements');
  await page.screenshot({ path: 'test-results/screenshots/21-bank-light.png', animations: 'disabled' });

  await confirm.click();
  const dialog = page.getByRole('dialog', { name: 'Confirm this payment' });
  await expect(dialog).toContainText('Credits to add: 100');
  await expect(dialog).toContainText('Balance after: 100 (now 0)');
  await expectNoSeriousViolations(page, 'Bank statements: confirm');
  await dialog.getByRole('button', { name: 'Confirm', exact: true }).click();
  await expect(dialog).toBeHidden();
  await expect(table).toContainText(`Paid request #${request.id}`);
  await expect.poll(async () => (await api.ok('clients.get', { clientId: client.id })).balance).toBe(100);

  const again = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Choose a statement file' }).click();
  await (await again).setFiles(file);
  await expect(page.getByTestId('bank-import-summary')).toHaveText('Read 2, new 0, duplicates 2, proposed 0');
  await expect(table.getByRole('row')).toHaveCount(3);
  expect((await api.ok('clients.get', { clientId: client.id })).balance).toBe(100);
});

test('the CSV mapping dialog saves how to read an account’s CSV export', async ({ app: page, api }) => {
  await openScreen(page, 'Bank statements');
  await page.getByRole('button', { name: 'CSV mapping…' }).click();
  const dialog = page.getByRole('dialog', { name: 'CSV column mapping' });
  await dialog.getByLabel('Account (IBAN)').fill('LV80BANK0000435195001');
  await dialog.getByLabel('Booking date').fill('Buchungstag');
  await dialog.getByLabel('Amount (signed)').fill('Betrag');
  await dialog.getByLabel('Remittance').fill('Verwendungszweck');
  await expectNoSeriousViolations(page, 'Bank statements: CSV mapping');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog.getByRole('status')).toHaveText('Mapping saved for LV80BANK0000435195001.');
  expect(await api.ok('bank.csvMappings.list', {})).toMatchObject([
    { accountId: 'LV80BANK0000435195001', mapping: { columns: { bookingDate: 'Buchungstag', amount: 'Betrag' } } },
  ]);
});

test('a first CSV file opens the mapping dialog with a preview, and is imported once the mapping is saved', async ({
  app: page,
  api,
}) => {
  await openScreen(page, 'Bank statements');
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Choose a statement file' }).click();
  await (
    await chooser
  ).setFiles({
    name: 'activity.csv',
    mimeType: 'text/csv',
    buffer: readFileSync(new URL('../tests/bank/fixtures/csv/csv-us-credit-debit.csv', import.meta.url)),
  });
  const dialog = page.getByRole('dialog', { name: 'CSV column mapping' });
  // The guessed mapping reads the file: its rows are shown before anything is imported.
  const preview = dialog.getByTestId('csv-preview');
  await expect(preview).toContainText('+1250.00 USD');
  await expect(preview.getByRole('row')).toHaveCount(5);
  expect(await api.ok('bank.transactions.list', {})).toMatchObject({ items: [] });
  await expectNoSeriousViolations(page, 'Bank statements: first CSV import');

  await dialog.getByLabel('Account (IBAN)').fill('US-CHK-1');
  await dialog.getByRole('button', { name: 'Save and import' }).click();
  await expect(page.getByTestId('bank-import-summary')).toHaveText('Read 4, new 4, duplicates 0, proposed 0');
  expect(await api.ok('bank.csvMappings.list', {})).toMatchObject([{ accountId: 'US-CHK-1' }]);
});
