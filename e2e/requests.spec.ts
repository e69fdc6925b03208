// F6: recording a bank/crypto payment, accepting one request and rejecting another.
import { chooseClient, expect, openScreen, seedBasics, test } from './fixtures';

test('a recorded request is accepted (credits added) and another is rejected with a reason (no credits)', async ({
  app: page,
  api,
}) => {
  const { client, pkg } = await seedBasics(api);
  await api.ok('requests.submit', {
    clientId: client.id,
    packageId: pkg.id,
    method: 'bank_transfer',
    paymentReference: 'BANK-0042',
  });

  // Record the crypto payment that arrived, through the UI.
  await openScreen(page, 'Credit requests');
  await page.getByRole('button', { name: '+ Record bank or crypto payment' }).click();
  const form = page.getByRole('dialog', { name: 'Record a bank or crypto payment' });
  await chooseClient(form, 'Client', 'Northwind Studio');
  await form.getByRole('combobox', { name: 'Package' }).click();
  await page.getByRole('option', { name: /Starter 100/ }).click();
  await form.getByText('Crypto', { exact: true }).click();
  await form.getByRole('textbox', { name: 'Transaction hash' }).fill('0xabc123');
  await expect(form).toContainText('$10.00');
  await form.getByRole('button', { name: 'Record request' }).click();
  await expect(form).toBeHidden();

  const pending = page.getByRole('table', { name: 'Pending credit requests' });
  await expect(pending.getByRole('row')).toHaveCount(3); // header + two requests
  const crypto = pending.getByRole('row', { name: /0xabc123/ });
  await expect(crypto).toContainText('Crypto');
  await expect(crypto).toContainText('Northwind Studio');
  await expect(crypto).toContainText('100');

  // Accept the crypto request: the confirmation shows the credits and the resulting balance.
  await crypto.getByRole('button', { name: /^Accept request/ }).click();
  const accept = page.getByRole('dialog', { name: 'Accept credit request' });
  await expect(accept).toContainText('+100');
  await expect(accept.getByText('Balance now').locator('..')).toContainText('0 credits');
  await expect(accept.getByText('Balance after').locator('..')).toContainText('100 credits');
  await accept.getByRole('button', { name: 'Accept and add 100 credits' }).click();
  await expect(accept).toBeHidden();
  await expect(pending.getByRole('row')).toHaveCount(2);

  // Reject the bank transfer: a reason is required.
  await pending
    .getByRole('row', { name: /BANK-0042/ })
    .getByRole('button', { name: /^Reject request/ })
    .click();
  const reject = page.getByRole('dialog', { name: 'Reject credit request' });
  await expect(reject.getByRole('button', { name: 'Reject request' })).toBeDisabled();
  await reject.getByRole('textbox', { name: 'Reason' }).fill('No matching transfer on the bank statement');
  await reject.getByRole('button', { name: 'Reject request' }).click();
  await expect(reject).toBeHidden();
  await expect(page.getByText('No pending requests.')).toBeVisible();

  await page.getByRole('tab', { name: 'Rejected' }).click();
  const rejected = page.getByRole('table', { name: 'Rejected credit requests' });
  await expect(rejected.getByRole('row', { name: /BANK-0042/ })).toContainText(
    'No matching transfer on the bank statement',
  );
  await page.getByRole('tab', { name: 'Accepted' }).click();
  await expect(
    page.getByRole('table', { name: 'Accepted credit requests' }).getByRole('row', { name: /0xabc123/ }),
  ).toBeVisible();

  // The client's balance and history: one approved request, nothing for the rejected one.
  await openScreen(page, 'Clients');
  await page.getByRole('link', { name: 'Northwind Studio' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Northwind Studio' })).toBeVisible();
  await expect(page.getByTestId('client-balance')).toHaveText('100');
  const history = page.getByRole('table', { name: 'Credit history' });
  await expect(history.getByRole('row')).toHaveCount(2); // header + one entry
  const entry = history.getByRole('row').nth(1);
  await expect(entry).toContainText('Approved request');
  await expect(entry).toContainText('+100');
  expect((await api.ok('clients.get', { clientId: client.id })).balance).toBe(100);
});
