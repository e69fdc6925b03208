// The electronegativity gate (scripts/electronegativity-check.mjs, `npm run security:electron`)
// runs here so that `npm test` fails on a new HIGH or MEDIUM finding nobody explained, and is
// shown to fail on a window that really is insecure.
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function check(...args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['scripts/electronegativity-check.mjs', ...args], (error, stdout, stderr) => {
      resolve({ code: error === null ? 0 : typeof error.code === 'number' ? error.code : 1, stdout, stderr });
    });
  });
}

const fixture = mkdtempSync(join(tmpdir(), 'credit-desk-eneg-'));
afterAll(() => rmSync(fixture, { recursive: true, force: true }));

describe('electronegativity over electron/', () => {
  it('leaves no HIGH or MEDIUM finding unexplained, and no stale explanation', async () => {
    const insecure = join(fixture, 'src');
    // A main process that undoes the hardening: the gate must catch it.
    mkdirSync(insecure);
    writeFileSync(
      join(insecure, 'main.js'),
      [
        "const { BrowserWindow, shell } = require('electron');",
        'const win = new BrowserWindow({',
        '  webPreferences: { nodeIntegration: true, contextIsolation: false, sandbox: false, webSecurity: false },',
        '});',
        "win.webContents.on('will-navigate', (_e, url) => shell.openExternal(url));",
      ].join('\n'),
    );
    writeFileSync(
      join(fixture, 'allowlist.json'),
      JSON.stringify({ findings: [{ check: 'SANDBOX_JS_CHECK', file: 'electron/gone.ts', reason: 'stale' }] }),
    );

    const [ours, bad] = await Promise.all([
      check(),
      check('--input', insecure, '--allowlist', join(fixture, 'allowlist.json')),
    ]);

    expect(ours.stderr).toBe('');
    expect(ours.stdout).toMatch(/ 0 unexplained/);
    expect(ours.code).toBe(0);

    expect(bad.code).toBe(1);
    for (const id of [
      'CONTEXT_ISOLATION_JS_CHECK',
      'LIMIT_NAVIGATION_GLOBAL_CHECK',
      'PERMISSION_REQUEST_HANDLER_GLOBAL_CHECK',
      'SANDBOX_JS_CHECK',
      'WEB_SECURITY_JS_CHECK',
      'OPEN_EXTERNAL_JS_CHECK',
    ]) {
      expect(bad.stderr).toMatch(new RegExp(`UNEXPLAINED (HIGH|MEDIUM) ${id} `));
    }
    expect(bad.stderr).toContain('STALE allow-list entry SANDBOX_JS_CHECK electron/gone.ts');
  });
});
