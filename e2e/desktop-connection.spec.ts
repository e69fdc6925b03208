// Issue 13: the desktop app's connection settings, in Chromium over browser mode. Electron
// cannot run here, so the preload's second exposure, window.creditDeskDesktop, is a stand-in
// injected before the page loads: it records what the dialog saves. What runs is the real
// renderer: the Settings section and the sign-in screen, the dialog and its checks (the same
// shared rules the main process applies), and the connected desktop's sign-in and errors.
import type { Page } from '@playwright/test';
import { expectNoSeriousViolations } from './a11y';
import { expect, openScreen, test } from './fixtures';

const SCREENSHOTS = 'test-results/screenshots';
const SERVER = 'https://desk.example.com/';
const CA_FILE = '/etc/credit-desk/team-ca.pem';

interface FakeDesktop {
  mode: 'local' | 'server';
  serverUrl: string | null;
  /** Settings `get` answers. */
  saved: unknown;
  /** A refusal `save` answers instead of saving (as the main process does for a CA file it cannot read). */
  refuseSave?: unknown;
  /** Replace window.api with one whose every call is rejected like an unreachable server's. */
  unreachable?: string;
  /**
   * Replace window.api with a stand-in for the main process's forwarder: nobody signed in until
   * auth.login (which answers an empty token, as the forwarder does), then auth.me answers and
   * every other call is UNAUTHENTICATED, as when the server ended the session.
   */
  endsSession?: true;
}

/** Injects window.creditDeskDesktop (and, for a connected desktop, window.api) before any script runs. */
async function fakeDesktop(page: Page, fake: FakeDesktop): Promise<void> {
  await page.addInitScript((f: FakeDesktop) => {
    const sent: unknown[] = [];
    (window as unknown as { sentSettings: unknown[] }).sentSettings = sent;
    const connectionSettings = Object.freeze({
      get: () => Promise.resolve({ ok: true, value: f.saved }),
      save: (settings: unknown) => {
        sent.push(settings);
        return Promise.resolve(f.refuseSave ?? { ok: true, value: null });
      },
      chooseCaFile: () => Promise.resolve({ ok: true, value: '/etc/credit-desk/team-ca.pem' }),
    });
    Object.defineProperty(window, 'creditDeskDesktop', {
      value: Object.freeze({ mode: f.mode, serverUrl: f.serverUrl, connectionSettings }),
    });
    if (f.unreachable !== undefined) {
      // What ipcRenderer.invoke rejects with when the main process could not reach the server.
      const message = `Error invoking remote method 'credit-desk:call': Error: The team server ${f.serverUrl} could not be reached: ${f.unreachable}`;
      const api = new Proxy({}, { get: () => () => Promise.reject(new Error(message)) });
      Object.defineProperty(window, 'api', { value: api });
    }
    if (f.endsSession === true) {
      const calls: string[] = [];
      (window as unknown as { apiCalls: string[] }).apiCalls = calls;
      const user = { id: 1, username: 'anna', displayName: 'Anna Admin', role: 'admin' };
      const ended = {
        ok: false,
        error: { code: 'UNAUTHENTICATED', message: 'Your session has ended. Sign in again.' },
      };
      let signedIn = false;
      const answer = (channel: string, input: unknown): unknown => {
        calls.push(channel);
        if (channel === 'auth.login') {
          signedIn = (input as { password?: string }).password === 'anna-admin-passphrase';
          return signedIn ? { ok: true, value: { token: '', user, expiresAt: '2099-01-01T00:00:00.000Z' } } : ended;
        }
        if (channel === 'auth.me' && signedIn)
          return { ok: true, value: { user, expiresAt: '2099-01-01T00:00:00.000Z' } };
        signedIn = false;
        return ended;
      };
      const api = new Proxy(
        {},
        { get: (_t, channel) => (input: unknown) => Promise.resolve(answer(String(channel), input)) },
      );
      Object.defineProperty(window, 'api', { value: api });
    }
  }, fake);
}

const sentSettings = (page: Page) =>
  page.evaluate(() => (window as unknown as { sentSettings: unknown[] }).sentSettings);

test('a local desktop reaches the connection settings from Settings; a bad URL is refused under its field, a good one saved', async ({
  page,
  server,
}) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await fakeDesktop(page, { mode: 'local', serverUrl: null, saved: { mode: 'local' } });
  await page.goto(server.url);
  await openScreen(page, 'Credits settings');

  const section = page.getByRole('heading', { level: 2, name: 'Team server' });
  await expect(section).toBeVisible();
  await page.getByRole('button', { name: 'Connection…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Connection' });
  await expect(dialog.getByRole('radio', { name: "This computer's ledger" })).toBeChecked();

  await dialog.getByRole('radio', { name: 'A team server' }).check();
  const url = dialog.getByRole('textbox', { name: 'Server URL' });
  await url.fill('http://example.com');
  await dialog.getByRole('button', { name: 'Save and restart' }).click();
  await expect(url).toHaveAttribute('aria-invalid', 'true');
  await expect(url).toHaveAccessibleDescription(/must use https:\/\//);
  await expect(url).toBeFocused();
  expect(await sentSettings(page)).toEqual([]);
  await expectNoSeriousViolations(page, 'connection dialog with a refused URL');
  await dialog.screenshot({ path: `${SCREENSHOTS}/connection-refused-url.png`, animations: 'disabled' });

  await url.fill('https://desk.example.com');
  await dialog.getByRole('button', { name: 'Choose…' }).click();
  await expect(dialog.getByRole('textbox', { name: 'CA certificate (optional)' })).toHaveValue(CA_FILE);
  await dialog.getByRole('button', { name: 'Save and restart' }).click();
  await expect(url).not.toHaveAttribute('aria-invalid', 'true');
  await expect.poll(() => sentSettings(page)).toEqual([{ mode: 'server', url: SERVER, caFile: CA_FILE }]);
  expect(errors).toEqual([]);
});

test('a connected desktop signs in: the sign-in screen names the server and offers the connection settings', async ({
  page,
  server,
}) => {
  await fakeDesktop(page, {
    mode: 'server',
    serverUrl: SERVER,
    saved: { mode: 'server', url: SERVER },
    refuseSave: {
      ok: false,
      error: {
        code: 'VALIDATION_ERROR',
        message: 'The CA file /gone.pem cannot be read: check that it exists.',
        details: { field: 'caFile' },
      },
    },
  });
  await page.goto(server.url);
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
  await expect(page.getByText(`Connected to ${SERVER}`)).toBeVisible();
  await page.screenshot({ path: `${SCREENSHOTS}/connection-sign-in.png`, animations: 'disabled' });

  await page.getByRole('button', { name: 'Connection…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Connection' });
  await expect(dialog.getByRole('radio', { name: 'A team server' })).toBeChecked();
  await expect(dialog.getByRole('textbox', { name: 'Server URL' })).toHaveValue(SERVER);

  // The main process's own refusal lands under the field it names.
  await dialog.getByRole('button', { name: 'Choose…' }).click();
  await dialog.getByRole('button', { name: 'Save and restart' }).click();
  const ca = dialog.getByRole('textbox', { name: 'CA certificate (optional)' });
  await expect(ca).toHaveAttribute('aria-invalid', 'true');
  await expect(ca).toHaveAccessibleDescription(/cannot be read/);

  // Back to this computer's ledger: exactly that is sent.
  await dialog.getByRole('radio', { name: "This computer's ledger" }).check();
  await dialog.getByRole('button', { name: 'Save and restart' }).click();
  await expect
    .poll(() => sentSettings(page))
    .toEqual([{ mode: 'server', url: SERVER, caFile: CA_FILE }, { mode: 'local' }]);
});

test('a connected desktop whose server cannot be reached says which server and why, in Latvian too', async ({
  page,
  server,
}) => {
  await fakeDesktop(page, {
    mode: 'server',
    serverUrl: SERVER,
    saved: { mode: 'server', url: SERVER },
    unreachable: 'net::ERR_CERT_AUTHORITY_INVALID',
  });
  await page.goto(server.url);
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
  const alert = page.getByRole('alert');
  await expect(alert).toContainText(`could not reach the team server at ${SERVER}`);
  await expect(alert).toContainText('Details: net::ERR_CERT_AUTHORITY_INVALID');
  await expect(page.getByRole('button', { name: 'Connection…' })).toBeVisible();
  await expectNoSeriousViolations(page, 'sign-in screen, server unreachable');
  await page.screenshot({ path: `${SCREENSHOTS}/connection-unreachable.png`, animations: 'disabled' });

  await page.getByRole('combobox', { name: 'Language' }).click();
  await page.getByRole('option', { name: 'Latviešu' }).click();
  await expect(page.getByRole('alert')).toContainText(`nevarēja sasniegt komandas serveri ${SERVER}`);
  await page.getByRole('button', { name: 'Savienojums…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Savienojums' });
  await expect(dialog.getByRole('radio', { name: 'Komandas serveris' })).toBeChecked();
  await dialog.getByRole('textbox', { name: 'Servera URL' }).fill('https://ada:secret@desk.example.com/');
  await dialog.getByRole('button', { name: 'Saglabāt un restartēt' }).click();
  await expect(dialog.getByRole('textbox', { name: 'Servera URL' })).toHaveAccessibleDescription(
    /nedrīkst būt lietotājvārda, paroles/,
  );
  await dialog.screenshot({ path: `${SCREENSHOTS}/connection-lv.png`, animations: 'disabled' });
  expect(await sentSettings(page)).toEqual([]);
});

test('a connected desktop signs in over the IPC bridge, and returns to sign-in when the server ends the session', async ({
  page,
  server,
}) => {
  await fakeDesktop(page, {
    mode: 'server',
    serverUrl: SERVER,
    saved: { mode: 'server', url: SERVER },
    endsSession: true,
  });
  await page.goto(server.url);
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
  // Nothing in the page's storage: the main process holds the token.
  await page.getByRole('textbox', { name: 'Username' }).fill('anna');
  await page.getByRole('textbox', { name: 'Password', exact: true }).fill('anna-admin-passphrase');
  await page.getByRole('button', { name: 'Sign in' }).click();
  // Signed in, the shell's first calls are refused as after the server ended the session: back to sign-in, saying so.
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'Your session has ended. Sign in again.' })).toBeVisible();
  const calls = await page.evaluate(() => (window as unknown as { apiCalls: string[] }).apiCalls);
  expect(calls.slice(0, 2)).toEqual(['auth.me', 'auth.login']);
  expect(calls.length).toBeGreaterThan(2);
  expect(await page.evaluate(() => JSON.stringify({ ...window.sessionStorage }))).toBe('{}');
});
