// F17: axe-core over every screen, the dialogs and the statement's print view, in both themes
// and both languages, over the demo data: no serious or critical violation.
import type { Page } from '@playwright/test';
import { expectNoSeriousViolations, openIn, settle } from './a11y';
import { expect, test } from './fixtures';

test.use({ demo: true });

const SCREENS = [
  '/',
  '/clients',
  '/requests',
  '/services',
  '/invoices',
  '/payments',
  '/sync',
  '/reports',
  '/audit',
  '/settings',
  '/backups',
];

async function visit(page: Page, path: string): Promise<void> {
  await page.evaluate((p) => (window.location.hash = p), path);
  await expect(page.locator('main h1').first()).toBeVisible();
  await settle(page);
}

/** Opens a dialog with `open`, checks it, and closes it with Escape. */
async function dialog(page: Page, where: string, open: () => Promise<void>): Promise<void> {
  await open();
  await expect(page.getByRole('dialog')).toBeVisible();
  await settle(page);
  await expectNoSeriousViolations(page, where);
  // Escape closes an open list first, then the dialog.
  for (let i = 0; i < 3 && (await page.getByRole('dialog').count()) > 0; i++) await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toHaveCount(0);
}

for (const language of ['en', 'lv'] as const) {
  for (const theme of ['light', 'dark'] as const) {
    test(`every screen, dialog and the print view: ${language}, ${theme} theme`, async ({ page, server, api }) => {
      // Some fifty axe runs: minutes on a busy two-core machine.
      test.setTimeout(600_000);
      await openIn(page, server.url, language, theme);
      for (const path of SCREENS) {
        await visit(page, path);
        await expectNoSeriousViolations(page, `${path} (${language}, ${theme})`);
      }
      const clients = await api.ok('clients.list', { limit: 1 });
      const clientId = clients.items[0]!.id;

      await visit(page, `/clients/${clientId}`);
      await expect(page.locator('[data-entry-id]').first()).toBeVisible();
      await expectNoSeriousViolations(page, `client ${clientId}`);
      await dialog(page, 'adjustment dialog', () =>
        page.locator('main button').filter({ hasText: '…' }).first().click(),
      );

      await visit(page, `/clients/${clientId}/statement`);
      await expect(page.getByRole('region').first()).toBeVisible();
      await expectNoSeriousViolations(page, 'statement');
      await page.evaluate((id) => (window.location.hash = `/clients/${id}/statement?print=1`), clientId);
      await expect(page.locator('.print-sheet [role="region"]')).toBeVisible();
      await expectNoSeriousViolations(page, 'print view');

      await visit(page, '/clients');
      await dialog(page, 'new client dialog', () => page.locator('main h1 ~ button, main button').first().click());

      await visit(page, '/requests');
      const pendingRow = page.locator('main tbody tr').first();
      await dialog(page, 'accept dialog', () => pendingRow.locator('button').nth(0).click());
      await dialog(page, 'reject dialog', () => pendingRow.locator('button').nth(1).click());

      await visit(page, '/services');
      await dialog(page, 'buy with credit dialog', () =>
        page.locator('main tbody tr').first().locator('button').nth(1).click(),
      );

      await visit(page, '/invoices');
      const unpaid = page
        .locator('main tbody tr')
        .filter({ has: page.locator('button') })
        .first();
      await dialog(page, 'pay invoice dialog', () => unpaid.locator('button').nth(0).click());
      await dialog(page, 'void invoice dialog', () => unpaid.locator('button').nth(1).click());

      await visit(page, '/settings');
      await dialog(page, 'package dialog', () =>
        page.locator('main table').first().locator('tbody tr').first().locator('button').first().click(),
      );
    });
  }
}
