// F2, F3, F4: packages, rates with history, and the live quote.
import { expect, openScreen, test } from './fixtures';

test('create a credit package', async ({ app: page, api }) => {
  await openScreen(page, 'Credits settings');
  await expect(page.getByText('No packages yet')).toBeVisible();
  await page.getByRole('button', { name: '+ Package' }).click();
  const dialog = page.getByRole('dialog', { name: 'New credit package' });
  await dialog.getByRole('textbox', { name: 'Package name' }).fill('Growth 550');
  await dialog.getByRole('textbox', { name: 'Credits' }).fill('550');
  await dialog.getByRole('textbox', { name: 'Price' }).fill('50.001');
  await expect(dialog.getByText('USD amounts have at most 2 decimal places.')).toBeVisible();
  await expect(dialog.getByRole('button', { name: 'Create package' })).toBeDisabled();
  await dialog.getByRole('textbox', { name: 'Price' }).fill('50.00');
  await dialog.getByRole('button', { name: 'Create package' }).click();
  await expect(dialog).toBeHidden();
  const row = page.getByRole('table', { name: 'Credit packages' }).getByRole('row', { name: /Growth 550/ });
  await expect(row).toContainText('550');
  await expect(row).toContainText('$50.00');
  await expect(row).toContainText('Active');
  const packages = await api.ok('packages.list', {});
  expect(packages.items).toMatchObject([{ name: 'Growth 550', credits: 550, currency: 'USD', price: '50.00' }]);

  // Archive hides it from the offer; "Show archived" brings it back into view.
  await row.getByRole('button', { name: 'Archive Growth 550' }).click();
  await expect(page.getByText('No packages yet')).toBeVisible();
  await page.getByRole('switch', { name: 'Show archived' }).click({ force: true });
  await expect(
    page.getByRole('table', { name: 'Credit packages' }).getByRole('row', { name: /Growth 550/ }),
  ).toContainText('Archived');
});

test('set USD at 10, quote 3.51 USD as 36 credits, then replace the rate with 11 (history keeps both)', async ({
  app: page,
  api,
}) => {
  await openScreen(page, 'Credits settings');
  const quote = page.getByRole('status', { name: 'Quote' });
  await expect(quote).toContainText('USD has no active conversion rate');

  await page.getByRole('button', { name: '+ Add conversion rate' }).click();
  let dialog = page.getByRole('dialog', { name: 'Add conversion rate' });
  await dialog.getByRole('textbox', { name: 'Credits per unit' }).fill('10');
  await dialog.getByRole('button', { name: 'Save rate' }).click();
  await expect(dialog).toBeHidden();
  const active = page.getByRole('table', { name: 'Active conversion rates' });
  await expect(active.getByRole('row', { name: /USD/ })).toContainText('10');

  await page.getByRole('textbox', { name: 'Amount' }).fill('3.51');
  await expect(quote).toContainText('36 credits');
  await expect(quote).toContainText('35.1 exact');
  await page.getByRole('textbox', { name: 'Amount' }).fill('3.50');
  await expect(quote).toContainText('35 credits');
  await page.getByRole('textbox', { name: 'Amount' }).fill('3.51');
  await expect(quote).toContainText('36 credits');
  // The calculator and the ledger agree.
  expect(await api.ok('rates.quote', { amount: '3.51', currency: 'USD' })).toMatchObject({
    credits: 36,
    exactCredits: '35.1',
  });

  await page.getByRole('button', { name: '+ Add conversion rate' }).click();
  dialog = page.getByRole('dialog', { name: 'Add conversion rate' });
  await expect(dialog).toContainText('This replaces the active USD rate of 10');
  await dialog.getByRole('textbox', { name: 'Credits per unit' }).fill('11');
  await dialog.getByRole('button', { name: 'Save rate' }).click();
  await expect(dialog).toBeHidden();
  await expect(active.getByRole('row', { name: /USD/ })).toContainText('11');
  await expect(quote).toContainText('39 credits'); // 3.51 × 11 = 38.61 → 39

  const history = page.getByRole('table', { name: 'Rate history' });
  const usd = history.getByRole('row', { name: /USD/ });
  await expect(usd).toHaveCount(2);
  await expect(usd.nth(0)).toContainText('11');
  await expect(usd.nth(0)).toContainText('Active');
  await expect(usd.nth(1)).toContainText('10');
  await expect(usd.nth(1)).toContainText('Retired');
  // The retired rate shows when it stopped: its "active to" cell is a time, not a dash.
  await expect(usd.nth(1).getByRole('cell').nth(3)).not.toHaveText('—');
});
