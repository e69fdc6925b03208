/**
 * The UI at scale (issue 7, item 4), in browser mode with Playwright and Debian's Chromium,
 * against the real renderer (built first if out/renderer is missing, as the e2e setup does):
 *
 * - open the client with the big ledger (`#/clients/<id>`, the app's own hash route) and time
 *   until its first history rows show: once from a cold page load, once by navigating inside a
 *   running app (the overview first, then the client's route, as a click would);
 * - scroll the history's virtualized container to the 10,000th entry (newest first): the
 *   table loads keyset pages of 200 when its last row comes into view, so the scroll goes to
 *   the entry's estimated offset repeatedly, pages loading as it goes, until the row with that
 *   entry's id (`data-entry-id`, checked against the database) is inside the visible area;
 * - count the rows in the DOM before and after the scroll: a virtualized table holds only the
 *   visible rows plus its overscan, not the 10,000 loaded ones.
 *
 * `npm run bench:ui` runs it alone on the cached full fixture.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import Database from 'better-sqlite3';
import type { Fixture } from './fixture';
import { log, now, round } from './stats';

const INDEX = resolve('out/renderer/index.html');
const SCROLL_TO = 10_000;

/** Starts browser mode on the database and resolves with its URL. */
function startBrowserMode(dbPath: string): Promise<{ url: string; stop: () => Promise<void> }> {
  return new Promise((resolveUrl, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'electron/browser.ts', '--db', dbPath, '--no-build', '--port', '0'],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    let started = false;
    const timer = setTimeout(() => reject(new Error(`browser mode did not start: ${out}`)), 120_000);
    const exited = new Promise<void>((r) => child.once('exit', () => r()));
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = /on (http:\/\/127\.0\.0\.1:\d+\/)/.exec(out);
      if (m !== null && !started) {
        started = true;
        clearTimeout(timer);
        resolveUrl({
          url: m[1]!,
          stop: async () => {
            child.kill('SIGTERM');
            await exited;
          },
        });
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.once('exit', (code) => {
      clearTimeout(timer);
      if (!started) reject(new Error(`browser mode exited with ${code}: ${out}`));
    });
  });
}

/** The id of the `n`th entry of the client's history, newest first (the history's own order). */
function nthEntryId(dbPath: string, clientId: number, n: number): number {
  const db = new Database(dbPath, { readonly: true, fileMustExist: true });
  try {
    const row = db
      .prepare('SELECT id FROM ledger_entries WHERE client_id = ? ORDER BY created_at DESC, id DESC LIMIT 1 OFFSET ?')
      .get(clientId, n - 1) as { id: number } | undefined;
    if (row === undefined) throw new Error(`client ${clientId} has fewer than ${n} entries`);
    return row.id;
  } finally {
    db.close();
  }
}

export async function runUiBench(fixture: Fixture): Promise<Record<string, unknown>> {
  if (!existsSync(INDEX)) {
    log('UI at scale: building the renderer…');
    const built = spawnSync('npm', ['run', '--silent', 'build:renderer'], { stdio: ['ignore', 'ignore', 'inherit'] });
    if (built.status !== 0) return { error: 'the renderer build failed' };
  }
  log('UI at scale (Playwright)…');
  const clientId = fixture.bigClientId;
  const targetId = nthEntryId(fixture.path, clientId, SCROLL_TO);
  const { chromium } = await import('@playwright/test');
  const server = await startBrowserMode(fixture.path);
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium' });
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    // tsx compiles this file with esbuild's keepNames, which wraps the functions passed to
    // `evaluate` in a `__name(…)` helper that does not exist in the page.
    await page.addInitScript({ content: 'globalThis.__name = (f) => f;' });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    const history = page.getByRole('table', { name: 'Credit history' });
    const firstRow = history.locator('[role="row"][aria-rowindex="2"]');

    // 1. Cold: load the page straight on the client's route.
    let t = now();
    await page.goto(`${server.url}#/clients/${clientId}`);
    await firstRow.waitFor({ state: 'visible', timeout: 60_000 });
    const firstRowsColdMs = now() - t;

    // 2. Warm: the app is loaded on the overview; open the client by its route, as a click does.
    await page.goto(server.url);
    await page.getByRole('navigation', { name: 'Main navigation' }).waitFor({ timeout: 60_000 });
    await page.reload();
    await page.getByRole('navigation', { name: 'Main navigation' }).waitFor({ timeout: 60_000 });
    await page.waitForLoadState('networkidle');
    t = now();
    await page.evaluate((id) => {
      window.location.hash = `/clients/${id}`;
    }, clientId);
    await firstRow.waitFor({ state: 'visible', timeout: 60_000 });
    const firstRowsMs = now() - t;
    const rowsInDom = await history.locator('[role="row"][data-entry-id]').count();

    // 3. Scroll to the 10,000th entry. Its row is aria-rowindex SCROLL_TO + 1 (the header is 1).
    const scroller = history.getByRole('rowgroup', { name: /Credit history rows/ });
    t = now();
    const scroll = await scroller.evaluate(
      async (el, { target, id }) => {
        const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
        const row = () => el.querySelector<HTMLElement>(`[role="row"][data-entry-id="${id}"]`);
        const visible = (r: HTMLElement) => {
          const a = r.getBoundingClientRect();
          const b = el.getBoundingClientRect();
          return a.top >= b.top - 1 && a.bottom <= b.bottom + 1;
        };
        const first = el.querySelector<HTMLElement>('[role="row"][data-entry-id]');
        const rowHeight = first?.getBoundingClientRect().height ?? 40;
        // Centre the target row: its offset is (index × row height), the view is el.clientHeight.
        const goal = Math.max(0, (target - 1) * rowHeight - el.clientHeight / 2 + rowHeight / 2);
        let steps = 0;
        const deadline = performance.now() + 120_000;
        while (performance.now() < deadline) {
          const r = row();
          if (r !== null && visible(r)) break;
          el.scrollTop = Math.min(goal, el.scrollHeight);
          steps += 1;
          // Let the virtualizer render and the next page arrive before looking again.
          await new Promise((res) => requestAnimationFrame(() => res(null)));
          await sleep(10);
        }
        const r = row();
        return {
          reached: r !== null && visible(r),
          steps,
          rowIndex: Number(r?.getAttribute('aria-rowindex') ?? -1),
          scrollTop: el.scrollTop,
          scrollHeight: el.scrollHeight,
          clientHeight: el.clientHeight,
          rowHeight,
        };
      },
      { target: SCROLL_TO, id: targetId },
    );
    const scrollTo10kMs = now() - t;
    const rowsAfterScroll = await history.locator('[role="row"][data-entry-id]').count();
    const visibleRows = Math.ceil(scroll.clientHeight / scroll.rowHeight);
    const loadedRows = Math.round(scroll.scrollHeight / scroll.rowHeight);
    if (errors.length > 0) return { error: `errors in the page: ${errors.join('; ')}` };
    return {
      entries: fixture.scale.bigEntries,
      firstRowsMs: round(firstRowsMs, 1),
      firstRowsColdMs: round(firstRowsColdMs, 1),
      scrollTo10kMs: round(scrollTo10kMs, 1),
      reached10k: scroll.reached && scroll.rowIndex === SCROLL_TO + 1,
      scrollSteps: scroll.steps,
      loadedRows,
      visibleRows,
      rowsInDom,
      rowsAfterScroll,
      // Visible rows plus the virtualizer's overscan (12 above and below) and the loader row.
      virtualized: rowsAfterScroll <= visibleRows + 2 * 12 + 2 && loadedRows >= SCROLL_TO,
    };
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  } finally {
    await browser.close();
    await server.stop();
  }
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === resolve('bench/ui.bench.ts')) {
  const { ensureFixture, FULL, QUICK, workingCopy } = await import('./fixture');
  const scale = process.argv.includes('--quick') ? QUICK : FULL;
  const fixture = workingCopy(await ensureFixture(scale), 'ui');
  process.stdout.write(`${JSON.stringify(await runUiBench(fixture), null, 2)}\n`);
}
