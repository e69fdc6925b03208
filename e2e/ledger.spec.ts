// F8 and F9: the credits tab's running balance is the ledger's, history pages in as it
// scrolls (virtualized), and an adjustment is a new entry with its reason.
import { expect, openScreen, test } from './fixtures';

test('the running balance column matches the ledger, page after page', async ({ app: page, api }) => {
  const client = await api.ok('clients.create', { name: 'Deep History Ltd' });
  // 230 entries: more than one page (200) of history.
  for (let i = 0; i < 230; i++) {
    await api.ok('transactions.adjust', {
      clientId: client.id,
      direction: i % 3 === 2 ? 'out' : 'in',
      credits: (i % 7) + 1,
      reason: `Seed ${i}`,
    });
  }
  const ledger: { id: number; balanceAfter: number; credits: number; direction: string }[] = [];
  let cursor: string | undefined;
  do {
    const page = await api.ok('transactions.list', { clientId: client.id, cursor, limit: 500 });
    ledger.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor !== undefined);
  expect(ledger).toHaveLength(230);

  await openScreen(page, 'Clients');
  await page.getByRole('link', { name: 'Deep History Ltd' }).click();
  await expect(page.getByTestId('client-balance')).toHaveText(String(ledger[0]!.balanceAfter));
  const table = page.getByRole('table', { name: 'Credit history' });
  const rows = table.locator('[data-entry-id]');
  await expect(rows.first()).toBeVisible();

  async function checkRendered(): Promise<number> {
    const rendered = await rows.evaluateAll((els) =>
      els.map((el) => ({
        id: Number(el.getAttribute('data-entry-id')),
        cells: [...el.querySelectorAll('[role="cell"]')].map((c) => c.textContent ?? ''),
      })),
    );
    for (const row of rendered) {
      const entry = ledger.find((e) => e.id === row.id)!;
      expect(row.cells[5]!.replace(/,/g, '')).toBe(String(entry.balanceAfter));
      expect(row.cells[entry.direction === 'in' ? 3 : 4]!.replace(/,/g, '')).toMatch(
        new RegExp(`^[+−]${entry.credits}$`),
      );
    }
    return rendered.length;
  }
  // Virtualized: only the rows in view are in the DOM.
  expect(await checkRendered()).toBeLessThan(60);

  // Scroll to the oldest entry: the next keyset page loads on the way.
  const scroller = page.getByRole('rowgroup', { name: /Credit history rows/ });
  const oldest = ledger[ledger.length - 1]!;
  await expect(async () => {
    await scroller.evaluate((el) => el.scrollTo(0, el.scrollHeight));
    await expect(table.locator(`[data-entry-id="${oldest.id}"]`)).toBeVisible({ timeout: 1000 });
  }).toPass();
  expect(await checkRendered()).toBeLessThan(60);
});

test('an adjustment adds a ledger entry with its reason; an Out beyond the balance is refused', async ({
  app: page,
  api,
}) => {
  const client = await api.ok('clients.create', { name: 'Adjusted & Co' });
  await openScreen(page, 'Clients');
  await page.getByRole('link', { name: 'Adjusted & Co' }).click();
  await expect(page.getByText('No transactions yet.')).toBeVisible();

  await page.getByRole('button', { name: 'Adjustment…' }).click();
  let dialog = page.getByRole('dialog', { name: /Adjust credits/ });
  await dialog.getByRole('textbox', { name: 'Credits' }).fill('120');
  await expect(dialog.getByRole('button', { name: 'Record adjustment' })).toBeDisabled();
  await dialog.getByRole('textbox', { name: 'Reason' }).fill('Goodwill credit after a delayed delivery');
  await expect(dialog.getByText('Balance after').locator('..')).toContainText('120 credits');
  await dialog.getByRole('button', { name: 'Record adjustment' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('client-balance')).toHaveText('120');

  await page.getByRole('button', { name: 'Adjustment…' }).click();
  dialog = page.getByRole('dialog', { name: /Adjust credits/ });
  await dialog.getByText('Remove credits (Out)').click();
  await dialog.getByRole('textbox', { name: 'Credits' }).fill('500');
  await dialog.getByRole('textbox', { name: 'Reason' }).fill('Too much');
  await dialog.getByRole('button', { name: 'Record adjustment' }).click();
  await expect(dialog.getByRole('alert')).toContainText('Needed: 500 credits · Available: 120 credits');
  await dialog.getByRole('textbox', { name: 'Credits' }).fill('20');
  await dialog.getByRole('textbox', { name: 'Reason' }).fill('Duplicate goodwill credit');
  // A changed input is a new action: close and reopen for a fresh idempotency key.
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await page.getByRole('button', { name: 'Adjustment…' }).click();
  dialog = page.getByRole('dialog', { name: /Adjust credits/ });
  await dialog.getByText('Remove credits (Out)').click();
  await dialog.getByRole('textbox', { name: 'Credits' }).fill('20');
  await dialog.getByRole('textbox', { name: 'Reason' }).fill('Duplicate goodwill credit');
  await dialog.getByRole('button', { name: 'Record adjustment' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('client-balance')).toHaveText('100');

  const rows = page.getByRole('table', { name: 'Credit history' }).locator('[data-entry-id]');
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(0)).toContainText('Duplicate goodwill credit');
  await expect(rows.nth(0)).toContainText('−20');
  await expect(rows.nth(0)).toContainText('100');
  await expect(rows.nth(1)).toContainText('+120');
  const entries = await api.ok('transactions.list', { clientId: client.id });
  expect(entries.items.map((e) => [e.direction, e.credits, e.balanceAfter, e.memo])).toEqual([
    ['out', 20, 100, 'Duplicate goodwill credit'],
    ['in', 120, 120, 'Goodwill credit after a delayed delivery'],
  ]);
});
