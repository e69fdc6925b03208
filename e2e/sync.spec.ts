// F11 in the UI against a fake Stripe (a real HTTP server on 127.0.0.1 speaking Stripe's wire
// format): Sync now credits a matching payment, the balance rises on a screen already open in
// another window, one unmatched payment is resolved (credited once) and another dismissed.
import { FakeStripe, paidSession, permissionDenied, stripeId } from '../tests/sync/fakes/stripe';
import { chooseClient, expect, openScreen, seedBasics, test as base } from './fixtures';

const KEY = 'sk_test_e2eFakeKey00001234';

const test = base.extend<{ stripe: FakeStripe }>({
  // eslint-disable-next-line no-empty-pattern -- Playwright fixtures name their dependencies; this one has none
  stripe: async ({}, use) => {
    const stripe = new FakeStripe(KEY);
    await stripe.start();
    await use(stripe);
    await stripe.close();
  },
  serverEnv: async ({ stripe }, use) => {
    await use({ STRIPE_SECRET_KEY: KEY, CREDIT_DESK_STRIPE_API_BASE: stripe.origin });
  },
});

test('Sync now credits a Stripe payment, open screens update, unmatched payments are resolved and dismissed', async ({
  app: page,
  api,
  server,
  stripe,
}) => {
  const { client, pkg } = await seedBasics(api);
  // Browser mode starts polling at once: let its first (empty) pass finish before the payments arrive.
  await expect
    .poll(async () => (await api.ok('sync.status', {})).providers.find((p) => p.provider === 'stripe')?.lastSuccessAt)
    .not.toBeNull();
  const created = Math.floor(Date.now() / 1000) - 600;
  const matched = paidSession({
    created,
    metadata: { credit_desk_client_id: String(client.id), credit_desk_package_id: String(pkg.id) },
  });
  const unknownClient = paidSession({
    created: created + 1,
    metadata: { credit_desk_client_id: '999', credit_desk_package_id: String(pkg.id) },
    customer_details: { email: 'someone@elsewhere.example', name: 'Someone' },
  });
  const wrongAmount = paidSession({
    created: created + 2,
    amount_total: 500,
    amount_subtotal: 500,
    metadata: { credit_desk_client_id: String(client.id), credit_desk_package_id: String(pkg.id) },
  });
  stripe.sessions.push(matched, unknownClient, wrongAmount);

  // The client's Credits tab, open in a second window before the sync.
  const clientWindow = await page.context().newPage();
  await clientWindow.goto(`${server.url}#/clients/${client.id}`);
  await expect(clientWindow.getByTestId('client-balance')).toHaveText('0');

  await openScreen(page, 'Sync');
  const stripeCard = page.getByRole('region', { name: 'Stripe' });
  await expect(stripeCard).toContainText('Configured');
  await expect(stripeCard).toContainText('sk_test_…');
  await expect(stripeCard).not.toContainText(KEY);
  await page.getByRole('button', { name: 'Sync now', exact: true }).click();
  const summary = page.getByRole('status', { name: /^Sync finished/ });
  await expect(summary).toContainText('Stripe: 3 fetched · 1 credited · 0 duplicates · 2 unmatched · 0 errors');
  const lastPass = stripeCard
    .getByRole('table', { name: 'Stripe sync counts' })
    .getByRole('row', { name: /^Last pass/ });
  await expect(lastPass.getByRole('cell')).toHaveText(['3', '1', '0', '2', '0']);

  // The open window catches up by itself (it watches the sync status), no reload.
  await expect(clientWindow.getByTestId('client-balance')).toHaveText('100', { timeout: 20_000 });
  await clientWindow.close();

  const queue = page.getByRole('table', { name: 'Unmatched payments' });
  await expect(queue.getByRole('row')).toHaveCount(3); // header + 2
  await expect(queue.getByRole('row', { name: new RegExp(unknownClient.payment_intent!) })).toContainText(
    'Unknown client',
  );
  await expect(queue.getByRole('row', { name: new RegExp(wrongAmount.payment_intent!) })).toContainText(
    'Amount differs',
  );

  // Resolve: choose the client and package; the confirmation shows the credits to add.
  await queue.getByRole('button', { name: `Resolve payment ${unknownClient.payment_intent}` }).click();
  const resolve = page.getByRole('dialog', { name: 'Resolve unmatched payment' });
  await chooseClient(resolve, 'Client', 'Northwind Studio');
  await resolve.getByRole('combobox', { name: 'Package' }).click();
  await page.getByRole('option', { name: /Starter 100/ }).click();
  await expect(resolve.getByText('Credits to add').locator('..')).toContainText('100 credits');
  await expect(resolve.getByText('Balance after').locator('..')).toContainText('200 credits');
  await resolve.getByRole('button', { name: 'Confirm: add 100 credits' }).click();
  await expect(resolve).toBeHidden();
  await expect(queue.getByRole('row')).toHaveCount(2);
  expect((await api.ok('clients.get', { clientId: client.id })).balance).toBe(200);

  // Dismiss: a reason is required.
  await queue.getByRole('button', { name: `Dismiss payment ${wrongAmount.payment_intent}` }).click();
  const dismiss = page.getByRole('dialog', { name: 'Dismiss unmatched payment' });
  await expect(dismiss.getByRole('button', { name: 'Dismiss payment' })).toBeDisabled();
  await dismiss.getByRole('textbox', { name: 'Reason' }).fill('Partial payment, refunded at Stripe');
  await dismiss.getByRole('button', { name: 'Dismiss payment' }).click();
  await expect(dismiss).toBeHidden();
  await expect(page.getByText('No payment is waiting')).toBeVisible();

  await page.getByText('Dismissed', { exact: true }).click();
  await expect(queue).toContainText('Partial payment, refunded at Stripe');
  await page.getByText('Resolved', { exact: true }).click();
  await expect(queue).toContainText(`Credited to client #${client.id}`);

  // Another pass sees the same payments again and credits nothing twice.
  await page.getByRole('button', { name: 'Sync now', exact: true }).click();
  await expect(summary).toContainText('0 credited');
  expect((await api.ok('clients.get', { clientId: client.id })).balance).toBe(200);
  const ledger = await api.ok('transactions.list', { clientId: client.id });
  expect(ledger.items.map((e) => e.credits)).toEqual([100, 100]);
});

// F16: a refund of a credited payment appears for review; Reverse… shows the credits to take back
// and the balance after, takes them back once, and a later pass does not bring the item back.
test('a refund of a credited Stripe payment is reversed once from the Sync page', async ({
  app: page,
  api,
  stripe,
}) => {
  const { client, pkg } = await seedBasics(api);
  await expect
    .poll(async () => (await api.ok('sync.status', {})).providers.find((p) => p.provider === 'stripe')?.lastSuccessAt)
    .not.toBeNull();
  const paid = paidSession({
    created: Math.floor(Date.now() / 1000) - 600,
    metadata: { credit_desk_client_id: String(client.id), credit_desk_package_id: String(pkg.id) },
  });
  stripe.sessions.push(paid);

  await openScreen(page, 'Sync');
  const syncNow = page.getByRole('button', { name: 'Sync now', exact: true });
  const summary = page.getByRole('status', { name: /^Sync finished/ });
  await syncNow.click();
  await expect(summary).toContainText('1 credited');
  expect((await api.ok('clients.get', { clientId: client.id })).balance).toBe(100);

  const refundId = stripeId('re');
  stripe.refunds.push({
    id: refundId,
    object: 'refund',
    created: Math.floor(Date.now() / 1000) - 60,
    amount: 1000,
    currency: 'usd',
    payment_intent: paid.payment_intent!,
    status: 'succeeded',
  });
  await page.getByRole('button', { name: 'Close the sync result' }).click();
  await syncNow.click();
  await expect(summary).toBeVisible();
  const streams = page.getByRole('table', { name: 'Stripe streams' });
  await expect(streams.getByRole('row', { name: /^Refunds/ })).toContainText('OK');

  const reviews = page.getByRole('table', { name: 'Refunds and disputes' });
  const row = reviews.getByRole('row', { name: new RegExp(paid.payment_intent!) });
  await expect(row).toContainText('Refund');
  await expect(row).toContainText('Northwind Studio');
  await row.getByRole('button', { name: `Reverse refund ${refundId}` }).click();
  const dialog = page.getByRole('dialog', { name: 'Reverse the credits of this payment' });
  await expect(dialog.getByText('Credits to take back').locator('..')).toContainText('100 credits');
  await expect(dialog.getByText('Balance after').locator('..')).toContainText('0 credits');
  const confirm = dialog.getByRole('button', { name: 'Take back 100 credits' });
  await expect(confirm).toBeDisabled();
  await dialog.getByRole('textbox', { name: 'Reason' }).fill('Refunded at Stripe');
  await confirm.click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText('No refund or dispute is waiting.')).toBeVisible();
  expect((await api.ok('clients.get', { clientId: client.id })).balance).toBe(0);

  // The key loses the Disputes permission: the stream says what to do; payments are unaffected.
  stripe.standing.set('/v1/disputes', permissionDenied('rak_dispute_read'));
  await page.getByRole('button', { name: 'Close the sync result' }).click();
  await syncNow.click();
  await expect(summary).toContainText('Payments are up to date, but: The Stripe key cannot read Disputes (403)');
  await expect(streams.getByRole('row', { name: /^Disputes/ })).toContainText('No access');
  await expect(streams.getByRole('note')).toHaveText(
    'The Stripe key cannot read Disputes (403): give it the Disputes read permission, or ignore disputes on the Sync page.',
  );
  // "…or ignore disputes": switched off, the stream is no longer asked.
  const readDisputes = streams.getByRole('switch', { name: 'Read Disputes' });
  await readDisputes.focus();
  await page.keyboard.press('Space');
  await expect(readDisputes).not.toBeChecked();
  await expect(streams.getByRole('row', { name: /^Disputes/ })).toContainText('Ignored');

  // Another pass sees the refund again: nothing comes back, nothing is taken twice.
  const disputeCalls = stripe.requests.filter((r) => r.path === '/v1/disputes').length;
  await page.getByRole('button', { name: 'Close the sync result' }).click();
  await syncNow.click();
  await expect(summary).toContainText('Stripe: 2 fetched · 0 credited · 2 duplicates · 0 unmatched · 0 errors');
  expect(stripe.requests.filter((r) => r.path === '/v1/disputes').length).toBe(disputeCalls);
  await expect(page.getByText('No refund or dispute is waiting.')).toBeVisible();
  await page.getByText('Closed', { exact: true }).click();
  await expect(reviews.getByRole('row', { name: new RegExp(paid.payment_intent!) })).toContainText(
    'Credits taken back by',
  );
  const ledger = await api.ok('transactions.list', { clientId: client.id });
  expect(ledger.items.map((e) => [e.type, e.credits])).toEqual([
    ['refund_reversal', 100],
    ['package_purchase', 100],
  ]);
  expect(ledger.items[0]!.reference).toBe(`Refund ${refundId} of Stripe ${paid.payment_intent}`);

  // The client's history shows the reversal with its reference.
  await page.goto(`${page.url().split('#')[0]}#/clients/${client.id}`);
  await expect(page.getByText(`Refund ${refundId} of Stripe ${paid.payment_intent}`)).toBeVisible();
  await expect(page.getByText('Refund reversal').first()).toBeVisible();
});
