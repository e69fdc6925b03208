/**
 * Each test gets its own browser-mode server over a fresh database file, so tests never see
 * each other's data and can run in parallel. `api` calls the same HTTP door the page uses
 * (with the page's token), for seeding and for checking the ledger behind the screen.
 */
import { test as base, expect, type Download, type Locator, type Page } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Channel, Input, Output } from '../shared/contract';
import type { Result } from '../shared/result';

export interface Api {
  call<C extends Channel>(channel: C, input: Input<C>): Promise<Result<Output<C>>>;
  /** Like `call`, but fails the test on a refusal. */
  ok<C extends Channel>(channel: C, input: Input<C>): Promise<Output<C>>;
}

interface Server {
  url: string;
  token: string;
}

async function startServer(
  dbPath: string,
  demo: boolean,
  env: Record<string, string>,
): Promise<{ server: Server; child: ChildProcess }> {
  // The door `npm run browser` runs: the bundle global-setup built, not tsx compiling at every start.
  const args = ['scripts/door.mjs', 'browser', '--no-build', '--db', dbPath, '--port', '0'];
  if (demo) args.push('--demo');
  // Provider credentials are never inherited from the machine running the tests: only what a test passes.
  const base = { ...process.env };
  for (const name of ['STRIPE_SECRET_KEY', 'PAYPAL_CLIENT_ID', 'PAYPAL_CLIENT_SECRET']) delete base[name];
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...base, ...env } });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`browser mode did not start: ${stderr}`)), 30_000);
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /on (http:\/\/127\.0\.0\.1:\d+\/)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`browser mode exited with ${code}: ${stderr}`));
    });
  });
  const html = await (await fetch(url)).text();
  const token = /name="credit-desk-token" content="([0-9a-f]+)"/.exec(html)?.[1];
  if (!token) throw new Error('no token in the page');
  return { server: { url, token }, child };
}

export const test = base.extend<{
  demo: boolean;
  /** Extra environment for the browser-mode server (e.g. a fake provider's key and address). */
  serverEnv: Record<string, string>;
  server: Server;
  api: Api;
  app: Page;
}>({
  demo: [false, { option: true }],
  serverEnv: [{}, { option: true }],
  server: async ({ demo, serverEnv }, use) => {
    const dir = mkdtempSync(join(tmpdir(), 'credit-desk-e2e-'));
    const { server, child } = await startServer(join(dir, 'ledger.db'), demo, serverEnv);
    await use(server);
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
    rmSync(dir, { recursive: true, force: true });
  },
  api: async ({ server }, use) => {
    const callApi = async <C extends Channel>(channel: C, input: Input<C>): Promise<Result<Output<C>>> => {
      const res = await fetch(`${server.url}api/${channel}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-credit-desk-token': server.token },
        body: JSON.stringify(input),
      });
      return (await res.json()) as Result<Output<C>>;
    };
    await use({
      call: callApi,
      async ok(channel, input) {
        const result = await callApi(channel, input);
        if (!result.ok) throw new Error(`${channel} refused: ${result.error.message}`);
        return result.value;
      },
    });
  },
  /** The app's page, opened on the overview. */
  app: async ({ page, server }, use) => {
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(server.url);
    await expect(page.getByRole('navigation', { name: 'Main navigation' })).toBeVisible();
    await use(page);
    expect(errors, 'uncaught errors in the page').toEqual([]);
  },
});

export { expect };

/** Goes to a screen through the navigation, as a user would. */
export async function openScreen(page: Page, name: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
}

/** Chooses a client in a searchable client field. */
export async function chooseClient(scope: Locator, label: string, name: string): Promise<void> {
  const field = scope.getByRole('combobox', { name: label });
  await field.fill(name);
  await scope
    .page()
    .getByRole('option', { name: new RegExp(`^${name}`) })
    .click();
}

/** Reads a finished download as bytes. */
/**
 * How long an export may take to reach the browser. An export runs in a worker thread; a PDF
 * also loads pdfkit and parses two fonts: 0.25 s on a quiet machine, but CI saw more than 10 s
 * (the action timeout) with the other Playwright worker's Chromium busy taking screenshots.
 */
const EXPORT_TIMEOUT_MS = 45_000;

/**
 * Runs `start` (a click or a key press on an export button) and waits for the download it
 * begins. The test's own time limit grows by the same bound, so a slow export on a loaded
 * machine is waited for rather than cut off by the test's 60 s.
 */
export async function exported(page: Page, start: () => Promise<unknown>): Promise<Download> {
  test.info().setTimeout(test.info().timeout + EXPORT_TIMEOUT_MS);
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: EXPORT_TIMEOUT_MS }), start()]);
  return download;
}

export async function downloaded(download: Download): Promise<Buffer> {
  const path = await download.path();
  return readFileSync(path);
}

/** Seeds what most money tests need: USD at 10 credits, one client and one package. */
export async function seedBasics(api: Api, clientName = 'Northwind Studio') {
  await api.ok('rates.set', { currency: 'USD', creditsPerUnit: '10' });
  const client = await api.ok('clients.create', { name: clientName, email: 'ap@northwind.example' });
  const pkg = await api.ok('packages.create', { name: 'Starter 100', credits: 100, currency: 'USD', price: '10.00' });
  return { client, pkg };
}
