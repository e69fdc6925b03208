#!/usr/bin/env node
// The fast start of the Node doors (`npm run cli`, `npm run browser`):
//
//   node scripts/door.mjs cli ARGS...        (electron/cli.ts)
//   node scripts/door.mjs browser ARGS...    (electron/browser.ts)
//
// Bundles electron/<name>.ts with esbuild into out/node/<name>.mjs (node_modules stay
// external, so better-sqlite3 loads its own Node build) when the bundle is missing or any
// file under electron/, shared/, migrations/ or package.json is newer than it, then runs the
// bundle with process.argv = [node, bundle, ...ARGS], as the entry saw it under tsx.
// The check is a few stat calls (~100 files); esbuild is loaded only to build. Node's compile
// cache (out/node/.compile-cache) keeps the compiled code between runs. The bundle is
// written to a temporary file and renamed, so concurrent first runs never see half a file.
import { enableCompileCache } from 'node:module';
import { mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const DOORS = ['cli', 'browser'];
const SOURCES = ['electron', 'shared', 'migrations'];

/** The newest modification time under the source folders (folders too: a deleted file counts). */
function newestSource() {
  let newest = statSync(join(ROOT, 'package.json')).mtimeMs;
  const walk = (dir) => {
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

function bundleTime(path) {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return -1;
  }
}

async function build(name, outfile) {
  const { build: esbuild } = await import('esbuild');
  const result = await esbuild({
    absWorkingDir: ROOT,
    entryPoints: [join(ROOT, 'electron', `${name}.ts`)],
    outfile,
    platform: 'node',
    format: 'esm',
    target: 'node24',
    bundle: true,
    packages: 'external',
    sourcemap: true,
    write: false,
    logLevel: 'warning',
  });
  mkdirSync(dirname(outfile), { recursive: true });
  const tag = `.${process.pid}.${Date.now()}.tmp`;
  // The map first, the bundle last: whoever sees the new bundle also sees its map.
  const isMap = (file) => (file.path.endsWith('.map') ? 0 : 1);
  const files = [...result.outputFiles].sort((a, b) => isMap(a) - isMap(b));
  for (const file of files) {
    const tmp = file.path + tag;
    try {
      writeFileSync(tmp, file.contents);
      renameSync(tmp, file.path);
    } catch (error) {
      rmSync(tmp, { force: true });
      throw error;
    }
  }
}

const [name, ...args] = process.argv.slice(2);
if (!DOORS.includes(name ?? '')) {
  process.stderr.write(`usage: node scripts/door.mjs (${DOORS.join('|')}) ARGS...\n`);
  process.exit(2);
}
const outfile = join(ROOT, 'out', 'node', `${name}.mjs`);
if (bundleTime(outfile) < newestSource()) {
  try {
    await build(name, outfile);
  } catch (error) {
    process.stderr.write(`credit-desk: could not build ${basename(outfile)}: ${error?.message ?? error}\n`);
    process.exit(2);
  }
}
// V8's code cache for the bundle and node_modules (zod, kysely…): about a third of the start.
enableCompileCache(join(ROOT, 'out', 'node', '.compile-cache'));
process.argv = [process.argv[0], outfile, ...args];
await import(pathToFileURL(outfile).href);
