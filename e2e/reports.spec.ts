// F9, F10, F12 in the UI: the accountant's ledger and requests exports, the audit log showing
// a rate change, the integrity check, and voiding an invoice.
import { downloaded, expect, exported, openScreen, seedBasics, test } from './fixtures';

test('the whole-ledger CSV and the requests CSV download from Reports and Credit requests', async ({
  app: page,
  api,
}) => {
  const { client, pkg } = await seedBasics(api);
  const other = await api.ok('clients.create', { name: 'Zoë Café' });
  await api.ok('transactions.adjust', { clientId: client.id, direction: 'in', credits: 40, reason: 'Welcome credit' });
  await api.ok('transactions.adjust', { clientId: other.id, direction: 'in', credits: 5, reason: 'Goodwill' });
  await api.ok('requests.submit', {
    clientId: other.id,
    packageId: pkg.id,
    method: 'bank_transfer',
    paymentReference: 'BT-77',
  });

  await openScreen(page, 'Reports');
  const main = page.getByRole('main');
  const ledgerFile = await exported(page, () => main.getByRole('button', { name: 'Export ledger CSV' }).click());
  const ledger = (await downloaded(ledgerFile)).toString('utf8');
  expect(ledger.charCodeAt(0)).toBe(0xfeff);
  const rows = ledger.slice(1).trimEnd().split(/\r\n/);
  expect(rows.some((r) => r.startsWith('Entry ID,Date,Time zone,Created at (UTC),Client ID,Client name'))).toBe(true);
  expect(rows.filter((r) => r.includes('Welcome credit'))).toHaveLength(1);
  expect(rows.filter((r) => r.includes('Zoë Café'))).toHaveLength(1);
  await expect(main.getByRole('status').filter({ hasText: /^Saved/ })).toContainText('(2 lines)');

  await openScreen(page, 'Credit requests');
  const requestsFile = await exported(page, () =>
    page.getByRole('button', { name: 'Export CSV of pending requests' }).click(),
  );
  const requests = (await downloaded(requestsFile)).toString('utf8');
  expect(requests).toContain('BT-77');
});

test('the audit log shows a rate change before → after; Verify ledger reports no problems', async ({
  app: page,
  api,
}) => {
  await seedBasics(api);
  await api.ok('rates.set', { currency: 'USD', creditsPerUnit: '11' });
  await api.ok('packages.create', { name: 'Agency 1000', credits: 1000, currency: 'USD', price: '90.00' });

  await openScreen(page, 'Audit log');
  const log = page.getByRole('table', { name: 'Audit log' });
  await expect(log).toContainText('Agency 1000');
  await page.getByRole('combobox', { name: 'Show changes to' }).click();
  await page.getByRole('option', { name: 'Conversion rates' }).click();
  await expect(log).not.toContainText('Agency 1000');
  // The newest rate change first: USD 10 retired for 11.
  const rows = log.getByRole('row');
  await expect(rows.nth(1)).toContainText('rate');
  await expect(rows.nth(1)).toContainText('creditsPerUnit 10 → 11');

  await page.getByRole('button', { name: 'Verify ledger' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'The ledger checks out' })).toContainText('no problems');
});

test('void an unpaid invoice after confirming; it can no longer be paid', async ({ app: page, api }) => {
  const { client } = await seedBasics(api);
  await api.ok('invoices.create', { clientId: client.id, number: 'INV-900', amount: '12.00', currency: 'USD' });
  await openScreen(page, 'Invoices');
  const invoices = page.getByRole('table', { name: 'Invoices' });
  await invoices.getByRole('button', { name: 'Void invoice INV-900' }).click();
  const dialog = page.getByRole('dialog', { name: 'Void invoice INV-900' });
  await expect(dialog).toContainText('$12.00');
  await dialog.getByRole('button', { name: 'Void invoice' }).click();
  await expect(dialog).toBeHidden();
  const row = invoices.getByRole('row', { name: /INV-900/ });
  await expect(row).toContainText('Void');
  await expect(row.getByRole('button')).toHaveCount(0);
  const refused = await api.call('invoices.payWithCredits', { invoiceId: 1 });
  expect(refused.ok).toBe(false);
});
