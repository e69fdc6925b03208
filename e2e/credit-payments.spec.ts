// F1 and F7: the Allow Credit Payment switch and its effect on Buy with Credit.
import { chooseClient, expect, openScreen, seedBasics, test } from './fixtures';

test('the switch turns credit spending off and on; Buy with Credit is refused while off', async ({
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
  await api.ok('services.create', { name: 'Logo refresh', price: '3.51', currency: 'USD' });

  await expect(page.getByRole('banner').getByText('Credit payments allowed')).toBeVisible();
  await openScreen(page, 'Credits settings');
  const toggle = page.getByRole('switch', { name: 'Allow Credit Payment' });
  await expect(toggle).toBeChecked();
  await toggle.click({ force: true });
  await expect(toggle).not.toBeChecked();
  await expect(page.getByRole('banner').getByText('Credit payments off')).toBeVisible();
  expect((await api.ok('settings.get', {})).creditPaymentsEnabled).toBe(false);

  // Off: buying a service with credits is refused with the API's message, and nothing is charged.
  await openScreen(page, 'Services');
  await page.getByRole('button', { name: 'Buy with Credit: Logo refresh' }).click();
  const dialog = page.getByRole('dialog', { name: /Buy with Credit/ });
  await chooseClient(dialog, 'Client', 'Northwind Studio');
  await expect(dialog.getByText('Credits charged')).toBeVisible();
  await dialog.getByRole('button', { name: 'Confirm: charge 36 credits' }).click();
  await expect(dialog.getByRole('alert')).toContainText('Credit payments are switched off');
  expect((await api.ok('clients.get', { clientId: client.id })).balance).toBe(100);
  await dialog.getByRole('button', { name: 'Cancel' }).click();

  // On again: the same purchase goes through.
  await openScreen(page, 'Credits settings');
  await page.getByRole('switch', { name: 'Allow Credit Payment' }).click({ force: true });
  await expect(page.getByRole('banner').getByText('Credit payments allowed')).toBeVisible();
  await openScreen(page, 'Services');
  await page.getByRole('button', { name: 'Buy with Credit: Logo refresh' }).click();
  await chooseClient(dialog, 'Client', 'Northwind Studio');
  await expect(dialog.getByText('Balance after')).toBeVisible();
  await expect(dialog).toContainText('35.1');
  await expect(dialog).toContainText('64 credits');
  await dialog.getByRole('button', { name: 'Confirm: charge 36 credits' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText('36 credits charged')).toBeVisible();
  expect((await api.ok('clients.get', { clientId: client.id })).balance).toBe(64);
});
