// F17 in Latvian: a browser whose language is Latvian shows the app, its errors and its
// statements in Latvian; the PDF statement read back with pdftotext is Latvian, with its letters.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { downloaded, expect, exported, seedBasics, test } from './fixtures';

test.use({ locale: 'lv-LV' });

test('a Latvian browser: screens, an error, money and dates, and a Latvian PDF statement', async ({
  page,
  server,
  api,
}) => {
  test.setTimeout(120_000);
  await api.ok('settings.update', { language: 'lv', agencyName: 'Rīgas Aģentūra', timeZone: 'Europe/Riga' });
  const { client, pkg } = await seedBasics(api, 'Jānis Bērziņš');
  await api.ok('purchases.record', {
    clientId: client.id,
    packageId: pkg.id,
    provider: 'stripe',
    providerPaymentId: 'pi_lv_1',
    amount: '10.00',
    currency: 'USD',
  });
  await api.ok('invoices.create', { clientId: client.id, number: 'RĒĶ-1', amount: '1234.56', currency: 'USD' });

  // The language comes from the browser's locale: no choice made yet.
  await page.goto(server.url);
  await expect(page.getByRole('navigation', { name: 'Galvenā navigācija' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'lv');
  await page.getByRole('link', { name: 'Rēķini', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Rēķini' })).toBeVisible();
  // Money in the Latvian way: a space between thousands, a decimal comma.
  await expect(page.getByRole('table', { name: 'Rēķini' })).toContainText('1 234,56');

  // An API refusal in Latvian, built from its code and details (the API's message is English).
  await page.getByRole('button', { name: 'Apmaksāt ar kredītiem: rēķins RĒĶ-1' }).click();
  const pay = page.getByRole('dialog', { name: /Apmaksāt ar kredītiem/ });
  await expect(pay.getByText('Atlikums to nesedz')).toBeVisible();
  await pay.getByRole('button', { name: 'Apstiprināt: apmaksāt ar 12 346 kredītiem' }).click();
  const refusal = pay.getByRole('alert', { name: 'Nepietiek kredītu' });
  await expect(refusal).toContainText('Vajag 12 346 kredītus, bet klienta atlikums ir tikai 100.');
  await expect(refusal).toContainText('Vajag: 12 346 kredītus · Atlikums: 100 kredītu');
  await page.keyboard.press('Escape');

  // The Sync page: headings, controls and an empty queue in Latvian.
  await page.getByRole('link', { name: 'Sinhronizācija', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Sinhronizācija' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Sinhronizēt tagad', exact: true })).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: 'Nepiesaistītie maksājumi' })).toBeVisible();
  await expect(page.getByText('Neviens maksājums negaida', { exact: false })).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: 'Izskatāmās atmaksas un strīdi' })).toBeVisible();

  // A statement in the agency's language, on screen and as a PDF.
  await page.goto(`${server.url}#/clients/${client.id}/statement`);
  await expect(page.getByRole('heading', { level: 1, name: 'Izraksts' })).toBeVisible();
  const statement = page.getByRole('region', { name: 'Izraksts klientam Jānis Bērziņš' });
  await expect(statement).toContainText('Sākuma atlikums');
  await expect(statement).toContainText('Paketes pirkums');
  const download = await exported(page, () => page.getByRole('button', { name: 'Eksportēt PDF' }).click());
  const path = join(mkdtempSync(join(tmpdir(), 'cd-lv-')), 'izraksts.pdf');
  writeFileSync(path, await downloaded(download));
  const text = execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' });
  expect(text).toContain('Konta izraksts');
  expect(text).toContain('Rīgas Aģentūra');
  expect(text).toContain('Jānis Bērziņš');
  expect(text).toContain('Sākuma atlikums');
  expect(text).toContain('Paketes pirkums');
  expect(text).toMatch(/1\. lapa no 1/);
});
