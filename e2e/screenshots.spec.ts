// A screenshot of every screen in both themes, over the demo data, for people to look at
// (test-results/screenshots/; a representative set is kept in docs/screenshots/).
import type { Page } from '@playwright/test';
import { expect, openScreen, test } from './fixtures';

test.use({ demo: true });

const DIR = 'test-results/screenshots';

async function settle(page: Page): Promise<void> {
  await expect(page.getByRole('status', { name: /^Loading/ })).toHaveCount(0);
  await expect(page.locator('.mantine-Loader-root')).toHaveCount(0);
}

/**
 * The whole page in one image. A viewport as tall as the page (rather than `fullPage`) keeps
 * the fixed header and modal overlays where a user sees them.
 */
async function shot(page: Page, name: string, theme: string): Promise<void> {
  await settle(page);
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  await page.setViewportSize({ width: 1280, height: Math.max(860, height) });
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: `${DIR}/${name}-${theme}.png`, animations: 'disabled' });
  await page.setViewportSize({ width: 1280, height: 860 });
}

/** The void confirmation of the first unpaid invoice. */
async function invoicesVoid(page: Page, theme: string): Promise<void> {
  await page
    .getByRole('button', { name: /^Void invoice/ })
    .first()
    .click();
  await expect(page.getByRole('dialog', { name: /^Void invoice/ })).toBeVisible();
  await shot(page, '14-invoice-void', theme);
  await page.keyboard.press('Escape');
}

for (const theme of ['light', 'dark'] as const) {
  test(`every screen in the ${theme} theme`, async ({ app: page }) => {
    // Twenty-one screens, each waited for by its role and saved as a full-page PNG: ~35 s on a
    // quiet 2-core machine, past a minute when another suite shares the cores. Nothing here
    // waits on time; the budget is only how long the whole walk may take.
    test.setTimeout(240_000);
    const toggle = page.getByRole('button', { name: /^Switch to (dark|light) theme$/ });
    if ((await toggle.getAttribute('aria-label')) !== `Switch to ${theme === 'dark' ? 'light' : 'dark'} theme`) {
      await toggle.click();
    }
    await expect(page.locator('html')).toHaveAttribute('data-mantine-color-scheme', theme);

    await expect(page.getByRole('table', { name: 'Clients with the largest balances' })).toBeVisible();
    await shot(page, '01-overview', theme);

    await openScreen(page, 'Clients');
    await expect(page.getByRole('table', { name: 'Clients' })).toBeVisible();
    await shot(page, '02-clients', theme);

    await page.getByRole('table', { name: 'Clients' }).getByRole('link').first().click();
    await expect(page.getByRole('table', { name: 'Credit history' }).locator('[data-entry-id]').first()).toBeVisible();
    await expect(page.getByRole('img', { name: /Balance over time/ })).toBeVisible();
    await shot(page, '03-client-credits', theme);
    await page.getByRole('button', { name: 'Adjustment…' }).click();
    await expect(page.getByRole('dialog', { name: /Adjust credits/ })).toBeVisible();
    await shot(page, '04-client-adjustment', theme);
    await page.keyboard.press('Escape');

    await page.getByRole('link', { name: 'Statement', exact: true }).click();
    const statement = page.getByRole('region', { name: /^Statement for/ });
    await page.getByText('This year', { exact: true }).click();
    await expect(statement.locator('[data-entry-id]').first()).toBeVisible();
    await shot(page, '12-statement', theme);
    await page.getByRole('link', { name: 'Print view' }).click();
    await expect(page.getByRole('button', { name: 'Print' })).toBeEnabled();
    await expect(statement.locator('[data-entry-id]').first()).toBeVisible();
    await shot(page, '13-statement-print', theme);
    await page.goBack();
    await expect(page.getByRole('navigation', { name: 'Main navigation' })).toBeVisible();

    await openScreen(page, 'Credit requests');
    await expect(page.getByRole('table', { name: 'Pending credit requests' })).toBeVisible();
    await shot(page, '05-requests', theme);
    await page
      .getByRole('button', { name: /^Accept request/ })
      .first()
      .click();
    await expect(page.getByRole('dialog', { name: 'Accept credit request' }).getByText('Balance after')).toBeVisible();
    await shot(page, '06-request-accept', theme);
    await page.keyboard.press('Escape');

    await openScreen(page, 'Services');
    await expect(page.getByRole('table', { name: 'Services' })).toBeVisible();
    await shot(page, '07-services', theme);
    await page
      .getByRole('button', { name: /^Buy with Credit: / })
      .first()
      .click();
    const buy = page.getByRole('dialog', { name: /Buy with Credit/ });
    await buy.getByRole('combobox', { name: 'Client' }).click();
    await page.getByRole('option').first().click();
    await expect(buy.getByText('Balance after')).toBeVisible();
    await shot(page, '08-buy-with-credit', theme);
    await page.keyboard.press('Escape');

    await openScreen(page, 'Invoices');
    await expect(page.getByRole('table', { name: 'Invoices' })).toBeVisible();
    await shot(page, '09-invoices', theme);

    await invoicesVoid(page, theme);

    await openScreen(page, 'Record a payment');
    await shot(page, '10-record-payment', theme);

    await openScreen(page, 'Credits settings');
    await expect(page.getByRole('table', { name: 'Rate history' })).toBeVisible();
    await page.getByRole('textbox', { name: 'Amount' }).fill('3.51');
    await expect(page.getByRole('status', { name: 'Quote' })).toContainText('credits');
    await shot(page, '11-credits-settings', theme);

    await openScreen(page, 'Sync');
    await expect(page.getByRole('region', { name: 'Stripe' })).toBeVisible();
    await shot(page, '15-sync', theme);
    await page
      .getByRole('region', { name: 'Stripe' })
      .getByRole('button', { name: /Set up|Change credentials/ })
      .click();
    await expect(page.getByRole('dialog', { name: 'Stripe connection' })).toBeVisible();
    await shot(page, '16-sync-credentials', theme);
    await page.keyboard.press('Escape');

    await openScreen(page, 'Reports');
    await shot(page, '17-reports', theme);

    await openScreen(page, 'Audit log');
    await expect(page.getByRole('table', { name: 'Audit log' })).toBeVisible();
    await page.getByRole('button', { name: 'Verify ledger' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'The ledger checks out' })).toBeVisible();
    await shot(page, '18-audit-log', theme);

    await openScreen(page, 'Backups');
    await page.getByRole('button', { name: 'Back up now' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Backup taken and verified' })).toBeVisible();
    await expect(page.getByRole('table', { name: 'Backups' }).locator('tbody tr')).toHaveCount(1);
    await shot(page, '19-backups', theme);
    await page.getByRole('button', { name: /^Restore… the backup taken/ }).click();
    const restore = page.getByRole('dialog', { name: 'Restore from backup' });
    await restore.getByRole('checkbox', { name: /^I understand/ }).check();
    await shot(page, '20-backup-restore', theme);
    await page.keyboard.press('Escape');
  });
}
