/**
 * Runs the README's copy-paste CLI session as written, so the README cannot rot: every line of
 * its ```sh block that calls the CLI is executed by bash with the block's own `cli()` function
 * (npm run --silent cli …), with /tmp paths moved into a private temp directory. Each line must
 * exit as its comment says ("(exit 1)" or "refused: CODE" → 1, otherwise 0) and print one JSON
 * object; "→ id N" comments are checked too.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { oneJsonObject, REPO_ROOT, run } from '../support/cli';
import { tempDir } from '../support/ledger';

let dir: string;
let cleanup: () => void;
beforeAll(() => ({ dir, cleanup } = tempDir('credit-desk-readme-')));
afterAll(() => cleanup());

interface SessionLine {
  command: string;
  comment: string;
}

/** The README's first ```sh block: setup lines (assignments, the cli function) and commands. */
function readmeSession(): { setup: string[]; once: string[]; lines: SessionLine[] } {
  const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
  const block = /```sh\n([\s\S]*?)```/.exec(readme)?.[1];
  if (block === undefined) throw new Error('README.md has no ```sh block');
  const setup: string[] = [];
  const once: string[] = [];
  const lines: SessionLine[] = [];
  for (const raw of block.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    // A comment starts at " #" outside the JSON argument; the JSON never contains " #".
    const at = line.search(/\s#\s/);
    const command = (at === -1 ? line : line.slice(0, at)).trim();
    const comment = at === -1 ? '' : line.slice(at).replace(/^\s*#\s*/, '');
    if (/^(cli|npm run --silent cli)\s/.test(command)) lines.push({ command, comment });
    else if (/^rm\s/.test(command)) once.push(command);
    else setup.push(command);
  }
  return { setup, once, lines };
}

/** The exit code a line's comment promises. */
function expectedExit(comment: string): number {
  if (/\(exit 1\)/.test(comment) || /^refused/.test(comment)) return 1;
  return 0;
}

// About fifteen npm + tsx start-ups in a row: a generous budget for a loaded two-core machine.
const SESSION_BUDGET_MS = 240_000;

it(
  'the README CLI session works as written',
  async () => {
    const { setup, once, lines } = readmeSession();
    expect(setup.some((s) => s.startsWith('cli()'))).toBe(true);
    expect(lines.length).toBeGreaterThanOrEqual(10);
    const moveTmp = (text: string) => text.replaceAll('/tmp/', `${dir}/`);
    const prelude = setup.map(moveTmp).join('\n');
    // One-time lines (clearing old files so the session can be pasted again) run first, once.
    for (const command of once) expect((await run('bash', ['-c', moveTmp(command)])).code).toBe(0);

    for (const { command, comment } of lines) {
      const result = await run('bash', ['-c', `set -u\n${prelude}\n${moveTmp(command)}`]);
      const where = `${command}  # ${comment}\nstdout: ${result.stdout}\nstderr: ${result.stderr}`;
      expect(result.code, where).toBe(expectedExit(comment));
      const output = oneJsonObject(result.stdout);
      // `verify` answers ok:true with the report inside; every other call's ok is its exit status.
      const ok = /\sverify$/.test(command) ? (output.value as { ok: boolean }).ok : output.ok;
      expect(ok, where).toBe(result.code === 0);
      const refusedWith = /^refused: ([A-Z_]+)/.exec(comment)?.[1];
      if (refusedWith !== undefined) expect(output.error?.code, where).toBe(refusedWith);
      const id = /→ (?:id|request) (\d+)/.exec(comment)?.[1];
      if (id !== undefined) expect((output.value as { id: number }).id, where).toBe(Number(id));
      if (/credits 36, exactCredits "35\.1"/.test(comment)) {
        expect(output.value, where).toMatchObject({ credits: 36, exactCredits: '35.1' });
      }
    }
  },
  SESSION_BUDGET_MS,
);
