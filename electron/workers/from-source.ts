/**
 * Running from source (vitest, tsx: the tests, the bench, browser mode's e2e fixture), the
 * worker entries are TypeScript. Loading them through tsx's loader costs every worker a
 * transpiling start of a second or more on a loaded machine; instead they are bundled with
 * esbuild (a development dependency, as scripts/door.mjs does for the doors) into
 * out/workers-from-source/ on first use, and again whenever a source file is newer. Built
 * apps never come here: electron-vite and door.mjs emit the workers beside their bundles.
 */
import { mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const OUT = join(ROOT, 'out', 'workers-from-source');
const SOURCES = ['electron', 'shared', 'migrations'];

function newestSource(): number {
  let newest = statSync(join(ROOT, 'package.json')).mtimeMs;
  const walk = (dir: string) => {
    newest = Math.max(newest, statSync(dir).mtimeMs);
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else newest = Math.max(newest, statSync(path).mtimeMs);
    }
  };
  for (const dir of SOURCES) walk(join(ROOT, dir));
  return newest;
}

function modified(path: string): number {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return -1;
  }
}

async function build(entries: readonly string[]): Promise<void> {
  const { build: esbuild } = await import('esbuild');
  const result = await esbuild({
    absWorkingDir: ROOT,
    entryPoints: Object.fromEntries(entries.map((e) => [e, join(ROOT, 'electron', 'workers', `${e}.ts`)])),
    outdir: OUT,
    outExtension: { '.js': '.mjs' },
    platform: 'node',
    format: 'esm',
    target: 'node24',
    bundle: true,
    packages: 'external',
    sourcemap: true,
    write: false,
    logLevel: 'warning',
  });
  mkdirSync(OUT, { recursive: true });
  // Each file through a temporary name and a rename: a process building at the same moment
  // (vitest runs files in parallel) never starts a worker from half a file.
  const tag = `.${process.pid}.${Date.now()}.tmp`;
  const maps = (file: { path: string }) => (file.path.endsWith('.map') ? 0 : 1);
  for (const file of [...result.outputFiles].sort((a, b) => maps(a) - maps(b))) {
    const tmp = file.path + tag;
    try {
      writeFileSync(tmp, file.contents);
      renameSync(tmp, file.path);
    } catch (error) {
      rmSync(tmp, { force: true });
      throw new Error(`could not write ${basename(file.path)}: ${(error as Error).message}`, { cause: error });
    }
  }
}

let built: Promise<void> | undefined;

/** The bundled worker entries, built if missing or older than the sources; resolves to their folder. */
export async function workersFromSource(entries: readonly string[]): Promise<string> {
  built ??= (async () => {
    const oldest = Math.min(...entries.map((e) => modified(join(OUT, `${e}.mjs`))));
    if (oldest < newestSource()) await build(entries);
  })();
  try {
    await built;
  } catch (error) {
    built = undefined;
    throw error;
  }
  return OUT;
}
