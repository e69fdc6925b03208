// F17: every money action with the keyboard alone (Tab, Enter, Escape, arrows): accept a
// request, buy a service with credits, export a statement; the focus lands somewhere sensible
// after each dialog.
import type { Locator, Page } from '@playwright/test';
import { downloaded, expect, exported, seedBasics, test } from './fixtures';

/** Presses Tab until `target` has the focus (as a keyboard user would), failing after `max` presses. */
async function tabTo(page: Page, target: Locator, max = 80): Promise<void> {
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el === document.activeElement).catch(() => false)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${target.toString()}`);
}

async function go(page: Page, navLabel: string): Promise<void> {
  await tabTo(
    page,
    page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: navLabel, exact: true }),
  );
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: navLabel })).toBeVisible();
}

const focused = (page: Page) => page.locator(':focus');

test('accept a request, buy a service with credits and export a statement with the keyboard only', async ({
  app: page,
  api,
}) => {
  test.setTimeout(180_000);
  const { client, pkg } = await seedBasics(api);
  const first = await api.ok('requests.submit', {
    clientId: client.id,
    packageId: pkg.id,
    method: 'bank_transfer',
    paymentReference: 'KB-1',
  });
  const second = await api.ok('requests.submit', { clientId: client.id, packageId: pkg.id, method: 'crypto' });
  const service = await api.ok('services.create', { name: 'Logo refresh', price: '3.51', currency: 'USD' });

  // Accept: Escape first (focus back on the button that opened the dialog), then for real.
  await go(page, 'Credit requests');
  const acceptFirst = page.getByRole('button', { name: `Accept request #${first.id}` });
  await tabTo(page, acceptFirst);
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Accept credit request' });
  await expect(dialog.getByRole('button', { name: 'Accept and add 100 credits' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(acceptFirst).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(dialog.getByRole('button', { name: 'Accept and add 100 credits' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(dialog).toHaveCount(0);
  // The decided row is gone: the focus moves to the next pending request's Accept button.
  await expect(page.getByRole('button', { name: `Accept request #${second.id}` })).toBeFocused();
  expect((await api.ok('clients.get', { clientId: client.id })).balance).toBe(100);

  // Buy with Credit: choose the client by typing and the arrow keys, confirm with Enter.
  await go(page, 'Services');
  const buy = page.getByRole('button', { name: 'Buy with Credit: Logo refresh' });
  await tabTo(page, buy);
  await page.keyboard.press('Enter');
  const buying = page.getByRole('dialog', { name: /Buy with Credit/ });
  const clientField = buying.getByRole('combobox', { name: 'Client' });
  await expect(clientField).toBeFocused();
  await page.keyboard.type('Northwind');
  await expect(page.getByRole('option', { name: /^Northwind Studio/ })).toBeVisible();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  const confirm = buying.getByRole('button', { name: 'Confirm: charge 36 credits' });
  await expect(confirm).toBeEnabled();
  await tabTo(page, confirm);
  await page.keyboard.press('Enter');
  await expect(buying).toHaveCount(0);
  await expect(buy).toBeFocused();
  expect((await api.ok('clients.get', { clientId: client.id })).balance).toBe(64);
  void service;

  // A statement: open the client from its row with Enter, then the statement, then export.
  await go(page, 'Clients');
  const row = page.getByRole('row', { name: 'Open Northwind Studio' });
  await tabTo(page, row);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Northwind Studio' })).toBeVisible();
  await tabTo(page, page.getByRole('link', { name: 'Statement', exact: true }));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Statement' })).toBeVisible();
  await tabTo(page, page.getByRole('button', { name: 'Export CSV' }));
  const download = await exported(page, () => page.keyboard.press('Enter'));
  const csv = (await downloaded(download)).toString('utf8');
  expect(csv).toContain('Statement of account');
  expect(csv).toContain('Logo refresh');
  await expect(focused(page)).toHaveAccessibleName('Export CSV');
});
