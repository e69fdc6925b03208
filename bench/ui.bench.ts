/**
 * The UI at scale (issue 7, item 4), in browser mode with Playwright and Debian's Chromium:
 * open the client with the big ledger, time until its first history rows show, scroll to the
 * 10,000th entry, and count the rows in the DOM (a virtualized table renders only what is
 * visible). Runs only when the renderer is built (out/renderer/index.html); otherwise it
 * reports itself skipped. `npm run bench:ui` runs it alone on the cached full fixture.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Fixture } from './fixture';
import { log, now, round } from './stats';

const INDEX = resolve('out/renderer/index.html');
const SCROLL_TO = 10_000;

/** Starts `npm run browser` on the database and resolves with its URL. */
function startBrowserMode(dbPath: string): Promise<{ url: string; stop: () => void }> {
  return new Promise((resolveUrl, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'electron/browser.ts', '--db', dbPath, '--no-build'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    const timer = setTimeout(() => reject(new Error(`browser mode did not start: ${out}`)), 60_000);
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = /(http:\/\/127\.0\.0\.1:\d+\S*)/.exec(out);
      if (m !== null) {
        clearTimeout(timer);
        resolveUrl({ url: m[1]!, stop: () => child.kill('SIGTERM') });
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('exit', (code) => reject(new Error(`browser mode exited with ${code}: ${out}`)));
  });
}

export async function runUiBench(fixture: Fixture): Promise<Record<string, unknown>> {
  if (!existsSync(INDEX)) return { skipped: 'the renderer is not built (out/renderer/index.html is missing)' };
  log('UI at scale (Playwright)…');
  const { chromium } = await import('@playwright/test');
  const server = await startBrowserMode(fixture.path);
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium' });
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(server.url);
    // Loose selectors: the screens are being built in parallel. Find the big client by name.
    const t0 = now();
    await page.getByText('Aardvark Holdings', { exact: false }).first().click({ timeout: 30_000 });
    const firstRow = page
      .getByRole('row')
      .filter({ hasText: /Order #fx|Stripe pi_fx|Adjustment/ })
      .first();
    await firstRow.waitFor({ timeout: 30_000 });
    const firstRowsMs = now() - t0;
    const rowsInDom = await page.getByRole('row').count();

    // Scroll the history's scroll container until the 10,000th entry is on screen.
    const t1 = now();
    const reached = await page.evaluate(async (target) => {
      const rows = Array.from(document.querySelectorAll('[role="row"], tr'));
      const row = rows[rows.length - 1] as HTMLElement | undefined;
      let el: HTMLElement | null = row ?? null;
      while (el !== null && !(el.scrollHeight > el.clientHeight + 10 && getComputedStyle(el).overflowY !== 'visible'))
        el = el.parentElement;
      if (el === null || row === undefined) return -1;
      const rowHeight = row.getBoundingClientRect().height || 36;
      el.scrollTop = rowHeight * (target - 1);
      await new Promise((r) => setTimeout(r, 50));
      return el.scrollTop;
    }, SCROLL_TO);
    await page.waitForFunction(() => document.querySelectorAll('[role="row"], tr').length > 0, undefined, {
      timeout: 30_000,
    });
    await page.waitForLoadState('networkidle');
    const scrollMs = now() - t1;
    const rowsAfterScroll = await page.getByRole('row').count();
    return {
      firstRowsMs: round(firstRowsMs, 1),
      scrollTo10kMs: round(scrollMs, 1),
      scrolledTo: reached,
      rowsInDom,
      rowsAfterScroll,
      virtualized: rowsAfterScroll < 500,
    };
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  } finally {
    await browser.close();
    server.stop();
  }
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === resolve('bench/ui.bench.ts')) {
  const { ensureFixture, FULL, workingCopy } = await import('./fixture');
  const fixture = workingCopy(await ensureFixture(FULL), 'ui');
  process.stdout.write(`${JSON.stringify(await runUiBench(fixture), null, 2)}\n`);
}
