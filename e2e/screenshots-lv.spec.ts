// The main screens in Latvian over the demo data, for people to look at
// (test-results/screenshots-lv/; a set is kept in docs/screenshots/lv-*.png).
import type { Page } from '@playwright/test';
import { openIn, settle } from './a11y';
import { expect, test } from './fixtures';

test.use({ demo: true });

const DIR = 'test-results/screenshots-lv';

async function shot(page: Page, name: string): Promise<void> {
  await settle(page);
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  await page.setViewportSize({ width: 1280, height: Math.max(860, height) });
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: `${DIR}/${name}.png`, animations: 'disabled' });
  await page.setViewportSize({ width: 1280, height: 860 });
}

async function visit(page: Page, path: string): Promise<void> {
  await page.evaluate((p) => (window.location.hash = p), path);
  await expect(page.locator('main h1').first()).toBeVisible();
  await settle(page);
}

test('the main screens in Latvian', async ({ page, server, api }) => {
  test.setTimeout(120_000);
  await api.ok('settings.update', { language: 'lv' });
  await openIn(page, server.url, 'lv', 'light');
  await expect(page.getByRole('table', { name: 'Klienti ar lielākajiem atlikumiem' })).toBeVisible();
  await shot(page, 'lv-01-overview');
  const clientId = (await api.ok('clients.list', { limit: 1 })).items[0]!.id;
  await visit(page, '/clients');
  await shot(page, 'lv-02-clients');
  await visit(page, `/clients/${clientId}`);
  await expect(page.locator('[data-entry-id]').first()).toBeVisible();
  await shot(page, 'lv-03-client-credits');
  await visit(page, '/requests');
  await shot(page, 'lv-05-requests');
  await page.locator('main [data-accept]').first().click();
  await expect(page.getByRole('dialog', { name: 'Apstiprināt kredīta pieprasījumu' })).toBeVisible();
  await shot(page, 'lv-06-request-accept');
  await page.keyboard.press('Escape');
  await visit(page, '/invoices');
  await shot(page, 'lv-09-invoices');
  await visit(page, '/sync');
  await expect(page.getByRole('heading', { level: 2, name: 'Nepiesaistītie maksājumi' })).toBeVisible();
  await shot(page, 'lv-15-sync');
  await visit(page, '/settings');
  await shot(page, 'lv-11-credits-settings');
  await visit(page, `/clients/${clientId}/statement`);
  await page.getByText('Šis gads', { exact: true }).click();
  await expect(page.getByRole('region').locator('[data-entry-id]').first()).toBeVisible();
  await shot(page, 'lv-12-statement');
  await visit(page, '/audit');
  await shot(page, 'lv-18-audit-log');
});
