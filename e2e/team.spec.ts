// F14 in the browser: the team server on a throw-away PostgreSQL database. An admin (made from
// the command line) signs in and creates a clerk and an approver; four eyes goes on; the clerk
// records a bank payment and cannot accept it; the approver accepts it; a viewer sees the
// balance but no money buttons. Also: the sign-in screen's refusal, the token kept in
// sessionStorage only, and a revoked session sending the page back to sign-in.
import { expect, test as base, type Page } from '@playwright/test';
import type { PgCluster } from '../tests/support/pg-cluster';
import { expectNoSeriousViolations, settle } from './a11y';
import { startCluster, startTeamServer, type TeamServer } from './team-server';

const ADMIN = { username: 'anna', password: 'anna-admin-passphrase', displayName: 'Anna Admin' };
const CLERK = { username: 'carl', password: 'carl-clerk-passphrase', displayName: 'Carl Clerk' };
const APPROVER = { username: 'aida', password: 'aida-approver-passphrase', displayName: 'Aida Approver' };
const VIEWER = { username: 'vera', password: 'vera-viewer-passphrase', displayName: 'Vera Viewer' };

const test = base.extend<object, { cluster: PgCluster }>({
  cluster: [
    // eslint-disable-next-line no-empty-pattern -- Playwright fixtures take their dependencies first
    async ({}, use) => {
      const cluster = await startCluster();
      await use(cluster);
      cluster.stop();
    },
    { scope: 'worker' },
  ],
});

/** Fails the test on an uncaught error in the page. */
function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  return errors;
}

async function signIn(page: Page, who: { username: string; password: string }): Promise<void> {
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
  await page.getByRole('textbox', { name: 'Username' }).fill(who.username);
  await page.getByRole('textbox', { name: 'Password', exact: true }).fill(who.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('navigation', { name: 'Main navigation' })).toBeVisible();
}

/** The header's account menu button: "Signed in as <name>, <role>" (a screen reader may hear a space before the comma). */
function accountButton(page: Page, displayName: string, role: string) {
  return page.getByRole('button', { name: new RegExp(`^Signed in as ${displayName} ?, ${role}$`) });
}

async function signOut(page: Page, displayName: string): Promise<void> {
  await page.getByRole('button', { name: new RegExp(`^Signed in as ${displayName}`) }).click();
  await page.getByRole('menuitem', { name: 'Sign out' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
}

async function openScreen(page: Page, name: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
}

async function createUser(page: Page, who: typeof CLERK, role: string, checkAxe = false): Promise<void> {
  await page.getByRole('button', { name: 'New user' }).click();
  const form = page.getByRole('dialog', { name: 'New user' });
  if (checkAxe) await expectNoSeriousViolations(page, 'new user dialog');
  await form.getByRole('textbox', { name: 'Username' }).fill(who.username);
  await form.getByRole('textbox', { name: 'Display name' }).fill(who.displayName);
  await form.getByRole('combobox', { name: 'Role' }).click();
  await page.getByRole('option', { name: role, exact: true }).click();
  await form.getByRole('textbox', { name: 'First password' }).fill(who.password);
  await form.getByRole('button', { name: 'Create user' }).click();
  await expect(form).toBeHidden();
  await expect(
    page.getByRole('table', { name: 'Users' }).getByRole('row', { name: new RegExp(who.username) }),
  ).toContainText(role);
}

let server: TeamServer;

test.beforeEach(async ({ cluster }) => {
  server = await startTeamServer(cluster, ADMIN);
});

test.afterEach(async () => {
  await server.stop();
});

test('an admin creates a clerk and an approver; with four eyes the clerk records and the approver accepts; a viewer only sees', async ({
  page,
}) => {
  test.setTimeout(300_000); // a PostgreSQL cluster, a server and five sign-ins on a shared machine
  const errors = watchErrors(page);
  const admin = await server.signIn(ADMIN.username, ADMIN.password);
  const ok = async <T>(result: Promise<{ ok: true; value: T } | { ok: false; error: { message: string } }>) => {
    const r = await result;
    if (!r.ok) throw new Error(r.error.message);
    return r.value;
  };
  await ok(server.call(admin.token, 'rates.set', { currency: 'USD', creditsPerUnit: '10' }));
  const client = await ok(server.call(admin.token, 'clients.create', { name: 'Northwind Studio' }));
  const pkg = await ok(
    server.call(admin.token, 'packages.create', { name: 'Starter 100', credits: 100, currency: 'USD', price: '10.00' }),
  );

  // The sign-in screen: a wrong password is refused in plain words, and nothing else shows.
  await page.goto(server.url);
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Main navigation' })).toHaveCount(0);
  await expectNoSeriousViolations(page, 'sign-in');
  await page.getByRole('textbox', { name: 'Username' }).fill(ADMIN.username);
  await page.getByRole('textbox', { name: 'Password', exact: true }).fill('not the password at all');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert')).toContainText('The username or password is not right.');
  // An unknown username gets exactly the same sentence.
  await page.getByRole('textbox', { name: 'Username' }).fill('nobody-here');
  await page.getByRole('textbox', { name: 'Password', exact: true }).fill('not the password at all');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert')).toContainText('The username or password is not right.');
  await page.getByRole('textbox', { name: 'Username' }).fill('');

  // The admin signs in: name and role in the header; the token lives in sessionStorage only.
  await signIn(page, ADMIN);
  await expect(accountButton(page, 'Anna Admin', 'Admin')).toBeVisible();
  const stored = await page.evaluate(() => ({
    session: Object.values(sessionStorage).length,
    local: JSON.stringify(localStorage),
  }));
  expect(stored.session).toBe(1);
  expect(stored.local).not.toContain('token');

  // The Users page: a clerk and an approver through the screen, a viewer through the API.
  await openScreen(page, 'Users');
  await settle(page);
  await page.mouse.move(0, 0); // no hover colours: the screen as it rests
  await expectNoSeriousViolations(page, 'users');
  await createUser(page, CLERK, 'Clerk', true);
  await createUser(page, APPROVER, 'Approver');
  await ok(server.call(admin.token, 'users.create', { ...VIEWER, role: 'viewer' }));

  // Four eyes on, from Credits settings.
  await openScreen(page, 'Credits settings');
  await page.getByRole('switch', { name: 'Require a second person for decisions' }).click();
  await expect(page.getByRole('switch', { name: 'Require a second person for decisions' })).toBeChecked();
  await expect.poll(async () => (await ok(server.call(admin.token, 'settings.get', {}))).fourEyes).toBe(true);
  await signOut(page, ADMIN.displayName);

  // The clerk records the bank transfer and cannot accept it: no Accept button, and why.
  await signIn(page, CLERK);
  await expect(accountButton(page, 'Carl Clerk', 'Clerk')).toBeVisible();
  await expect(page.getByRole('link', { name: 'Users' })).toHaveCount(0);
  await openScreen(page, 'Credit requests');
  await page.getByRole('button', { name: '+ Record bank or crypto payment' }).click();
  const form = page.getByRole('dialog', { name: 'Record a bank or crypto payment' });
  await form.getByRole('combobox', { name: 'Client' }).fill('Northwind');
  await page.getByRole('option', { name: /^Northwind Studio/ }).click();
  await form.getByRole('combobox', { name: 'Package' }).click();
  await page.getByRole('option', { name: /Starter 100/ }).click();
  await form.getByRole('textbox', { name: 'Bank reference' }).fill('BANK-2026-0042');
  await form.getByRole('button', { name: 'Record request' }).click();
  await expect(form).toBeHidden();
  const pending = page.getByRole('table', { name: 'Pending credit requests' });
  const row = pending.getByRole('row', { name: /BANK-2026-0042/ });
  await expect(row).toContainText('Bank transfer');
  await expect(row.getByRole('button')).toHaveCount(0);
  await expect(page.getByRole('note')).toHaveText('Needs the Approver role; you are signed in as Clerk.');
  const [request] = (await ok(server.call(admin.token, 'requests.list', { status: 'pending' }))).items;
  expect(request!.submittedBy).toBe(CLERK.username);
  // The server agrees: the clerk's own token is refused (and nothing is credited).
  const carl = await server.signIn(CLERK.username, CLERK.password);
  const refused = await server.call(carl.token, 'requests.accept', { requestId: request!.id });
  expect(refused.ok ? null : refused.error.code).toBe('FORBIDDEN');
  await signOut(page, CLERK.displayName);

  // The approver: a request they recorded themselves waits for someone else (four eyes)…
  const aida = await server.signIn(APPROVER.username, APPROVER.password);
  await ok(
    server.call(aida.token, 'requests.submit', {
      clientId: client.id,
      packageId: pkg.id,
      method: 'bank_transfer',
      paymentReference: 'BANK-OWN-7',
    }),
  );
  await signIn(page, APPROVER);
  await openScreen(page, 'Credit requests');
  const own = pending.getByRole('row', { name: /BANK-OWN-7/ });
  await expect(own.getByRole('button', { name: /^Accept request/ })).toBeDisabled();
  await expect(own).toContainText('You recorded this request, so another person must accept or reject it.');
  // …and the clerk's request is theirs to accept.
  await row.getByRole('button', { name: /^Accept request/ }).click();
  const accept = page.getByRole('dialog', { name: 'Accept credit request' });
  await accept.getByRole('button', { name: 'Accept and add 100 credits' }).click();
  await expect(accept).toBeHidden();
  await expect(row).toHaveCount(0);
  await page.getByRole('tab', { name: 'Accepted' }).click();
  await expect(
    page.getByRole('table', { name: 'Accepted credit requests' }).getByRole('row', { name: /BANK-2026-0042/ }),
  ).toContainText(APPROVER.username);
  await signOut(page, APPROVER.displayName);

  // The viewer sees the balance, and no money button anywhere they look.
  await signIn(page, VIEWER);
  await expect(accountButton(page, 'Vera Viewer', 'Viewer')).toBeVisible();
  const nav = page.getByRole('navigation', { name: 'Main navigation' });
  for (const hidden of ['Record a payment', 'Backups', 'Users']) {
    await expect(nav.getByRole('link', { name: hidden, exact: true })).toHaveCount(0);
  }
  await openScreen(page, 'Clients');
  await expect(page.getByRole('button', { name: '+ Client' })).toHaveCount(0);
  await page.getByRole('link', { name: 'Northwind Studio' }).click();
  await expect(page.getByTestId('client-balance')).toHaveText('100');
  await expect(page.getByRole('button', { name: 'Adjustment…' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Edit client' })).toHaveCount(0);
  await page.mouse.move(0, 0);
  await expectNoSeriousViolations(page, 'viewer client');
  await openScreen(page, 'Credit requests');
  await expect(page.getByRole('button', { name: '+ Record bank or crypto payment' })).toHaveCount(0);
  await expect(pending.getByRole('row', { name: /BANK-OWN-7/ }).getByRole('button')).toHaveCount(0);
  await openScreen(page, 'Services');
  await expect(page.getByRole('main').getByRole('button')).toHaveCount(0);
  await openScreen(page, 'Invoices');
  await expect(page.getByRole('main').getByRole('button')).toHaveCount(0);

  // The session ends elsewhere (signed out with the same token): the next call returns to sign-in.
  const token = await page.evaluate(() => Object.values(sessionStorage)[0] ?? '');
  expect((await server.call(token, 'auth.logout', {})).ok).toBe(true);
  await nav.getByRole('link', { name: 'Clients', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
  await expect(page.getByRole('status')).toContainText('Your session has ended. Sign in again.');
  expect(await page.evaluate(() => Object.values(sessionStorage).length)).toBe(0);
  expect(errors, 'uncaught errors in the page').toEqual([]);
});

/** The whole page in one image, for people to look at (a set is kept in docs/screenshots/). */
async function shot(page: Page, name: string): Promise<void> {
  await settle(page);
  await page.mouse.move(0, 0);
  await page.screenshot({ path: `test-results/screenshots/${name}.png`, animations: 'disabled' });
}

test('screenshots: the sign-in screen and the Users page in English and Latvian', async ({ page }) => {
  test.setTimeout(300_000);
  const admin = await server.signIn(ADMIN.username, ADMIN.password);
  for (const [who, role] of [
    [CLERK, 'clerk'],
    [APPROVER, 'approver'],
    [VIEWER, 'viewer'],
  ] as const) {
    const made = await server.call(admin.token, 'users.create', { ...who, role });
    expect(made.ok).toBe(true);
  }
  await page.goto(server.url);
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
  await shot(page, '21-sign-in-light');

  // Five failures lock the username: the screen says so, and until when.
  for (let i = 0; i < 5; i++)
    expect((await server.call(null, 'auth.login', { username: 'carl', password: 'wrong-guess' })).ok).toBe(false);
  await page.getByRole('textbox', { name: 'Username' }).fill(CLERK.username);
  await page.getByRole('textbox', { name: 'Password', exact: true }).fill(CLERK.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert')).toContainText(/Sign-in is locked until \d{1,2}:\d{2}/);
  await page.getByRole('textbox', { name: 'Username' }).fill('');
  await signIn(page, ADMIN);
  await openScreen(page, 'Users');
  await expect(page.getByRole('table', { name: 'Users' }).getByRole('row')).toHaveCount(5);
  await shot(page, '22-users-light');

  // Latvian: the choice is remembered in localStorage; the session (sessionStorage) survives the reload.
  await page.evaluate(() => localStorage.setItem('credit-desk.language', 'lv'));
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Lietotāji' })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Lietotāji' }).getByRole('row')).toHaveCount(5);
  await shot(page, 'lv-22-users');
  await expectNoSeriousViolations(page, 'users (lv)');
  await page.getByRole('button', { name: /^Pieteicies kā Anna Admin/ }).click();
  await page.getByRole('menuitem', { name: 'Atteikties' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Pieteikties' })).toBeVisible();
  await shot(page, 'lv-21-sign-in');
  await expectNoSeriousViolations(page, 'sign-in (lv)');
});
