#!/usr/bin/env node
// The fast start of the Node doors (`npm run cli`, `npm run browser`):
//
//   node scripts/door.mjs cli ARGS...        (electron/cli.ts)
//   node scripts/door.mjs browser ARGS...    (electron/browser.ts)
//   node scripts/door.mjs server ARGS...     (electron/server/main.ts: the team server)
//   node scripts/door.mjs build              (bring both bundles up to date, run nothing)
//
// Bundles electron/<name>.ts with esbuild into out/node/<name>.cjs when the bundle is missing or
// anything it is built from is newer (a few stat calls, ~1 ms; esbuild is loaded only to build),
// then runs it with process.argv = [node, bundle, ...ARGS], as the entry saw it under tsx.
//
// Where a call's time went, and what this file does about it (a `call` took ~215 ms, with a bare
// `node -e ''` at ~31 ms; BENCHMARKS.md, P8, has the profile):
// - zod and kysely are ~400 small files; resolving and linking them cost ~0.1 s. They are inlined
//   into the bundle (INLINED below). Everything else stays a require() of node_modules: native
//   better-sqlite3, and the libraries loaded only when used (pdfkit, stripe, pg), which read their
//   own files at run time.
// - zod registers ~60 message locales; we use English only, so only `en` is bundled.
// - The bundle runs through vm.Script with a V8 code cache (out/node/<name>.cjs.cache) written at
//   the end of the first run after a build, so it holds every function that run compiled, not just
//   the top level that Node's own compile cache keeps. V8 refuses a cache that does not match the
//   source or the flags; then the code is compiled as usual and the cache rewritten.
// Files are written to a temporary name and renamed, so concurrent first runs never see half a file.
// The worker threads' entries (electron/workers/ledger-worker.ts and export-worker.ts: backups,
// verify, checks and exports run there) are bundled with each door, beside its bundle, the same way;
// a worker is started by file, so it runs as a plain CommonJS file with no code cache of its own.
// Built-ins through process.getBuiltinModule, not `import`: an ES import of node:fs builds its
// ES-module facade, which loads fs's streams and promises API (~5 ms of every start).
const { builtinModules, createRequire, enableCompileCache } = process.getBuiltinModule('node:module');
const { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } =
  process.getBuiltinModule('node:fs');
const { basename, dirname, join, sep } = process.getBuiltinModule('node:path');
const { fileURLToPath } = process.getBuiltinModule('node:url');
const { Script } = process.getBuiltinModule('node:vm');

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const DOORS = ['cli', 'browser', 'server'];
/** Doors whose entry is not electron/<name>.ts. */
const ENTRIES = { server: join('server', 'main.ts') };
const SOURCES = ['electron', 'shared', 'migrations'];
/** Files whose change means a rebuild besides the sources: this builder, the dependency list, what npm installed. */
const BUILD_INPUTS = ['package.json', 'scripts/door.mjs', 'node_modules/.package-lock.json'];
/** Pure-JavaScript packages every call loads: inlined into the bundle (see above). */
const INLINED = new Set(['zod', 'kysely', 'decimal.js']);
const BUILTINS = new Set(builtinModules);
/** Built-in modules loaded on first use rather than at start (see doorPlugin). */
const LAZY_BUILTINS = /^(node:)?crypto$/;
/** Worker-thread entries under electron/workers/, emitted beside every door's bundle. */
const WORKERS = ['ledger-worker', 'export-worker'];

/** The newest modification time of what the bundle is built from (folders too: a deleted file counts). */
function newestInput() {
  let newest = 0;
  for (const file of BUILD_INPUTS) newest = Math.max(newest, mtime(join(ROOT, file)));
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

function mtime(path) {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return -1;
  }
}

/** `@scope/name/sub` → `@scope/name`, `name/sub` → `name`. */
function packageOf(specifier) {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

/**
 * An ES module standing in for built-in module `id`, which loads it on first use: each function it
 * exports becomes a wrapper that loads the module when called (what the bundle does with crypto:
 * createHash(...), hash(...)); any other export is read at load, and esbuild drops those not imported.
 */
async function lazyBuiltin(id) {
  const real = await import(id);
  const lines = ['import { createRequire } from "node:module";', 'let loaded;'];
  lines.push(`const load = () => (loaded ??= createRequire(__filename)(${JSON.stringify(id)}));`);
  for (const [name, value] of Object.entries(real)) {
    if (name === 'default' || !/^[A-Za-z_$][\w$]*$/.test(name)) continue;
    lines.push(
      typeof value === 'function'
        ? `export function ${name}(...args) { return new.target ? Reflect.construct(load().${name}, args) : load().${name}(...args); }`
        : `export const ${name} = /* @__PURE__ */ (() => load().${name})();`,
    );
  }
  return lines.join('\n');
}

const doorPlugin = {
  name: 'credit-desk-door',
  setup(build) {
    // node:crypto takes ~10 ms to load (OpenSSL's tables) and a read never hashes: it is loaded on
    // first use.
    build.onResolve({ filter: LAZY_BUILTINS }, (args) =>
      args.namespace === 'lazy-builtin'
        ? { path: args.path, external: true }
        : { path: args.path.replace(/^(node:)?/, 'node:'), namespace: 'lazy-builtin' },
    );
    build.onLoad({ filter: /.*/, namespace: 'lazy-builtin' }, async (args) => ({
      contents: await lazyBuiltin(args.path),
      loader: 'js',
    }));
    build.onResolve({ filter: /^[^./]/ }, (args) => {
      if (args.path.startsWith('node:') || BUILTINS.has(args.path)) return { path: args.path, external: true };
      return INLINED.has(packageOf(args.path)) ? undefined : { path: args.path, external: true };
    });
    // zod's `locales` namespace: English only (z.config(en()) is what zod itself uses).
    build.onResolve({ filter: /\/locales\/index\.js$/ }, (args) =>
      args.importer.includes(`${sep}node_modules${sep}zod${sep}`)
        ? { path: join(dirname(args.importer), args.path), namespace: 'zod-english' }
        : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'zod-english' }, (args) => ({
      contents: 'export { default as en } from "./en.js";',
      resolveDir: dirname(args.path),
      loader: 'js',
    }));
  },
};

function writeAtomically(path, contents) {
  const tmp = `${path}.${process.pid}.${Date.now()}.tmp`;
  try {
    writeFileSync(tmp, contents);
    renameSync(tmp, path);
  } catch (error) {
    rmSync(tmp, { force: true });
    throw error;
  }
}

async function build(name, outfile) {
  const { build: esbuild } = await import('esbuild');
  const result = await esbuild({
    absWorkingDir: ROOT,
    entryPoints: {
      [name]: join(ROOT, 'electron', ENTRIES[name] ?? `${name}.ts`),
      ...Object.fromEntries(WORKERS.map((worker) => [worker, join(ROOT, 'electron', 'workers', `${worker}.ts`)])),
    },
    outdir: dirname(outfile),
    outExtension: { '.js': '.cjs' },
    platform: 'node',
    format: 'cjs',
    target: 'node24',
    bundle: true,
    plugins: [doorPlugin],
    // ASCII only and no comments, so the source is read as latin1 with no UTF-8 decoding;
    // names are kept, so a stack trace still names the function (out/node/*.map has the rest).
    charset: 'ascii',
    minifyWhitespace: true,
    minifySyntax: true,
    legalComments: 'none',
    // The sources are ES modules: give the few that ask for import.meta.url the bundle's URL.
    define: { 'import.meta.url': '__bundleUrl' },
    // import() of what stays in node_modules (pdfkit, stripe) becomes a require() on first use: a
    // script run through vm.Script has no module loader for import().
    supported: { 'dynamic-import': false },
    banner: { js: 'var __bundleUrl = require("node:url").pathToFileURL(__filename).href;' },
    sourcemap: true,
    write: false,
    logLevel: 'warning',
  });
  mkdirSync(dirname(outfile), { recursive: true });
  // The maps first, then the workers, the door's bundle last: whoever sees the new bundle also
  // sees its map and its workers. The old bundle's code cache goes first of all (V8 would refuse
  // it anyway; this saves the try).
  rmSync(`${outfile}.cache`, { force: true });
  const rank = (file) => (file.path.endsWith('.map') ? 0 : file.path === outfile ? 2 : 1);
  for (const file of [...result.outputFiles].sort((a, b) => rank(a) - rank(b))) {
    writeAtomically(file.path, file.contents);
  }
}

/** Runs the CommonJS bundle as require() would, with a code cache that includes what this run compiled. */
function run(outfile) {
  const cacheFile = `${outfile}.cache`;
  const cachedData = existsSync(cacheFile) ? readFileSync(cacheFile) : undefined;
  const source = `(function (exports, require, module, __filename, __dirname) {${readFileSync(outfile, 'latin1')}\n})`;
  const script = new Script(source, {
    filename: outfile,
    cachedData,
  });
  if (cachedData === undefined || script.cachedDataRejected === true) {
    process.once('exit', () => {
      try {
        writeAtomically(cacheFile, script.createCachedData());
      } catch {
        // No cache this time (a read-only checkout): the next run compiles again.
      }
    });
  }
  const module = { exports: {}, filename: outfile, id: outfile, loaded: false };
  script.runInThisContext()(module.exports, createRequire(outfile), module, outfile, dirname(outfile));
}

/** Builds `name`'s bundle if it is missing or older than its sources; exits 2 when it cannot. */
async function ensureBuilt(name, outfile, newest) {
  const bundles = [outfile, ...WORKERS.map((worker) => join(dirname(outfile), `${worker}.cjs`))];
  if (Math.min(...bundles.map(mtime)) >= newest) return;
  try {
    await build(name, outfile);
  } catch (error) {
    process.stderr.write(`credit-desk: could not build ${basename(outfile)}: ${error?.message ?? error}\n`);
    process.exit(2);
  }
}

const bundleOf = (name) => join(ROOT, 'out', 'node', `${name}.cjs`);
const [name, ...args] = process.argv.slice(2);
if (name === 'build' && args.length === 0) {
  // `node scripts/door.mjs build`: bring every door's bundle up to date and exit (test set-up, CI).
  const newest = newestInput();
  for (const door of DOORS) await ensureBuilt(door, bundleOf(door), newest);
} else if (DOORS.includes(name ?? '')) {
  const outfile = bundleOf(name);
  await ensureBuilt(name, outfile, newestInput());
  // Node's own compile cache, for what the bundle requires from node_modules (better-sqlite3's JS).
  enableCompileCache(join(ROOT, 'out', 'node', '.compile-cache'));
  process.argv = [process.argv[0], outfile, ...args];
  run(outfile);
} else {
  process.stderr.write(`usage: node scripts/door.mjs (${DOORS.join('|')}) ARGS... | node scripts/door.mjs build\n`);
  process.exit(2);
}
