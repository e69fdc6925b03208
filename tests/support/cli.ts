/**
 * Runs the real command-line door as a child process, from the repository root, exactly as a
 * user or script would: `node scripts/door.mjs cli …`, the bundle `npm run cli` runs (built into
 * out/node on first use). Each spawn still costs a fraction of a second; tests keep their count low.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The repository root (tests/support/ → ../..). */
export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `program args…` in the repository root, with `stdin` as its input if given, and collects its output. */
export function run(
  program: string,
  args: string[],
  env: NodeJS.ProcessEnv = process.env,
  stdin?: string,
): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(program, args, {
      cwd: REPO_ROOT,
      env,
      stdio: [stdin === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
    });
    if (stdin !== undefined) child.stdin!.end(stdin);
    let stdout = '';
    let stderr = '';
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** `node scripts/door.mjs cli …`: what `npm run --silent cli -- …` runs, without npm's own start-up. */
export function cli(...args: string[]): Promise<Run> {
  return run(process.execPath, ['scripts/door.mjs', 'cli', ...args]);
}

/** {@link cli} with `stdin` piped in (for `batch`). */
export function cliWithInput(stdin: string, ...args: string[]): Promise<Run> {
  return run(process.execPath, ['scripts/door.mjs', 'cli', ...args], process.env, stdin);
}

/** Parses stdout that must be exactly one JSON object on one line. */
export function oneJsonObject(stdout: string): { ok: boolean; value?: unknown; error?: { code: string } } {
  const lines = stdout.split('\n').filter((line) => line !== '');
  if (lines.length !== 1) throw new Error(`expected one line of JSON on stdout, got ${lines.length}: ${stdout}`);
  const parsed = JSON.parse(lines[0]!) as unknown;
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed))
    throw new Error(`not an object: ${stdout}`);
  return parsed as { ok: boolean; value?: unknown; error?: { code: string } };
}
