// F10 in the UI: a client statement for a period (presets in the agency's time zone), its
// figures equal to statements.get, CSV and PDF downloads, and the print view.
import type { Locator } from '@playwright/test';
import { dateInZone, nextDate } from '../shared/time';
import { downloaded, expect, exported, seedBasics, test } from './fixtures';

/** The figure next to a label in a statement's figures list. */
function figure(scope: Locator, label: string): Locator {
  return scope.locator('dt', { hasText: new RegExp(`^${label}$`) }).locator('xpath=following-sibling::dd');
}

test('a statement for this month and for a later custom period; CSV and PDF exports; the print view', async ({
  app: page,
  api,
}) => {
  // A zone far from UTC, so "this month" is computed where the agency is.
  const timeZone = 'Pacific/Auckland';
  await api.ok('settings.update', { timeZone, agencyName: 'Brightline Creative' });
  const { client, pkg } = await seedBasics(api);
  const bought = await api.ok('purchases.record', {
    clientId: client.id,
    packageId: pkg.id,
    provider: 'stripe',
    providerPaymentId: 'pi_statement',
    amount: '10.00',
    currency: 'USD',
  });
  const adjusted = await api.ok('transactions.adjust', {
    clientId: client.id,
    direction: 'out',
    credits: 30,
    reason: '=HYPERLINK("x") goodwill correction',
  });

  await page.goto(`${page.url().split('#')[0]}#/clients/${client.id}`);
  await page.getByRole('link', { name: 'Statement', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Statement' })).toBeVisible();

  const today = dateInZone(new Date(), timeZone);
  const main = page.getByRole('main');
  await expect(main.getByRole('radio', { name: 'This month' })).toBeChecked();
  await expect(main.getByRole('textbox', { name: 'From' })).toHaveValue(`${today.slice(0, 7)}-01`);
  await expect(main.getByRole('textbox', { name: 'To' })).toHaveValue(today);

  const statement = page.getByRole('region', { name: 'Statement for Northwind Studio' });
  const expected = await api.ok('statements.get', { clientId: client.id, from: `${today.slice(0, 7)}-01`, to: today });
  expect(expected.openingBalance).toBe(0);
  expect(expected.closingBalance).toBe(70);
  await expect(figure(statement, 'Opening balance')).toHaveText(String(expected.openingBalance));
  await expect(figure(statement, 'Closing balance')).toHaveText(String(expected.closingBalance));
  await expect(figure(statement, 'Credits in')).toHaveText('+100');
  await expect(figure(statement, 'Credits out')).toHaveText('−30');
  const lines = statement.getByRole('table', { name: 'Statement lines' });
  await expect(lines.locator('[data-entry-id]')).toHaveCount(2);
  await expect(lines.locator(`[data-entry-id="${adjusted.id}"]`)).toContainText('goodwill correction');

  // CSV: byte-order mark, the statement's facts, the header row, one row per entry.
  const csvDownload = await exported(page, () => main.getByRole('button', { name: 'Export CSV' }).click());
  expect(csvDownload.suggestedFilename()).toMatch(/\.csv$/);
  const csv = await downloaded(csvDownload);
  expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const text = csv.toString('utf8').slice(1);
  expect(text).toContain('Entry ID,Date,Type,Reference,Memo,Credits in,Credits out,Balance');
  const rows = text.split(/\r\n/);
  expect(rows.filter((r) => r.startsWith(`${bought.transaction.id},`))).toHaveLength(1);
  const adjustmentRow = rows.find((r) => r.startsWith(`${adjusted.id},`));
  expect(adjustmentRow).toContain("'=HYPERLINK"); // neutralised against formula injection
  await expect(main.getByRole('status').filter({ hasText: /^Saved/ })).toContainText('(2 lines)');

  const pdfDownload = await exported(page, () => main.getByRole('button', { name: 'Export PDF' }).click());
  expect(pdfDownload.suggestedFilename()).toMatch(/\.pdf$/);
  expect((await downloaded(pdfDownload)).subarray(0, 5).toString('latin1')).toBe('%PDF-');

  // A period after every entry: everything is in the opening balance.
  const tomorrow = nextDate(today);
  await main.getByRole('textbox', { name: 'From' }).fill(tomorrow);
  await main.getByRole('textbox', { name: 'To' }).fill(tomorrow);
  await expect(main.getByRole('radio', { name: 'Custom' })).toBeChecked();
  const later = await api.ok('statements.get', { clientId: client.id, from: tomorrow, to: tomorrow });
  await expect(figure(statement, 'Opening balance')).toHaveText(String(later.openingBalance));
  expect(later.openingBalance).toBe(70);
  await expect(figure(statement, 'Closing balance')).toHaveText('70');
  await expect(statement.getByText('No transactions in this period.')).toBeVisible();

  // Print view: the same statement on its own, no navigation; Print opens the print dialog.
  await main.getByText('This month', { exact: true }).click();
  await main.getByRole('link', { name: 'Print view' }).click();
  await expect(page).toHaveURL(/print=1/);
  await expect(statement.locator('[data-entry-id]')).toHaveCount(2);
  await expect(page.getByRole('navigation')).toHaveCount(0);
  await expect(page.getByRole('banner')).toHaveCount(0);
  await page.evaluate(() => {
    (window as unknown as { printed: number }).printed = 0;
    window.print = () => void (window as unknown as { printed: number }).printed++;
  });
  await page.getByRole('button', { name: 'Print' }).click();
  expect(await page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1);
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByRole('button', { name: 'Print' })).toBeHidden();
  await expect(statement).toBeVisible();
});
