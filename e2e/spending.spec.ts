// F5 and F7: pay an invoice with credits, the insufficient-credits refusal, and a hand-entered
// card payment that is credited once however often it is entered.
import { chooseClient, expect, openScreen, seedBasics, test } from './fixtures';

test('pay an invoice with credits; an invoice the balance cannot cover is refused with needed and available', async ({
  app: page,
  api,
}) => {
  const { client, pkg } = await seedBasics(api);
  await api.ok('purchases.record', {
    clientId: client.id,
    packageId: pkg.id,
    provider: 'stripe',
    providerPaymentId: 'pi_seed',
    amount: '10.00',
    currency: 'USD',
  });
  await api.ok('invoices.create', { clientId: client.id, number: 'INV-100', amount: '5.00', currency: 'USD' });
  await api.ok('invoices.create', { clientId: client.id, number: 'INV-101', amount: '20.00', currency: 'USD' });

  await openScreen(page, 'Invoices');
  const invoices = page.getByRole('table', { name: 'Invoices' });
  await invoices.getByRole('button', { name: 'Pay with Credit: invoice INV-100' }).click();
  const pay = page.getByRole('dialog', { name: /Pay with Credit · Invoice INV-100/ });
  await expect(pay.getByText('Credits charged').locator('..')).toContainText('50');
  await expect(pay.getByText('Balance before').locator('..')).toContainText('100 credits');
  await expect(pay.getByText('Balance after').locator('..')).toContainText('50 credits');
  await pay.getByRole('button', { name: 'Confirm: pay with 50 credits' }).click();
  await expect(pay).toBeHidden();
  await expect(invoices.getByRole('row', { name: /INV-100/ })).toContainText('Paid');

  // 20.00 USD is 200 credits; the client has 50 left.
  await invoices.getByRole('button', { name: 'Pay with Credit: invoice INV-101' }).click();
  const refused = page.getByRole('dialog', { name: /Invoice INV-101/ });
  await expect(refused.getByText('The balance does not cover this')).toBeVisible();
  await refused.getByRole('button', { name: 'Confirm: pay with 200 credits' }).click();
  const alert = refused.getByRole('alert', { name: 'Not enough credits' });
  await expect(alert).toContainText('This needs 200 credits but the client has only 50 available.');
  await expect(alert).toContainText('Needed: 200 credits · Available: 50 credits');
  await refused.getByRole('button', { name: 'Cancel' }).click();
  await expect(invoices.getByRole('row', { name: /INV-101/ })).toContainText('Unpaid');
  expect((await api.ok('clients.get', { clientId: client.id })).balance).toBe(50);
});

test('a card payment entered by hand is credited once; entering it again says it was already recorded', async ({
  app: page,
  api,
}) => {
  const { client } = await seedBasics(api);
  await openScreen(page, 'Record a payment');
  const main = page.getByRole('main');
  await chooseClient(main, 'Client', 'Northwind Studio');
  await main.getByRole('combobox', { name: 'Package' }).click();
  await page.getByRole('option', { name: /Starter 100/ }).click();
  await main.getByText('Card (Stripe)', { exact: true }).click();
  await main.getByRole('textbox', { name: 'Payment id' }).fill('pi_3QHand');
  await main.getByRole('button', { name: 'Record payment' }).click();
  await expect(main.getByRole('status').filter({ hasText: 'Payment recorded' })).toContainText('100 credits added');

  await main.getByRole('button', { name: 'Record payment' }).click();
  await expect(main.getByRole('status').filter({ hasText: 'Already recorded' })).toContainText(
    'no credits were added again',
  );
  expect((await api.ok('clients.get', { clientId: client.id })).balance).toBe(100);
});
