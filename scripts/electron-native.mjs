#!/usr/bin/env node
// better-sqlite3 for Electron, built BESIDE the Node build, never instead of it.
//
//   node scripts/electron-native.mjs                 (run by `npm start`)
//   node scripts/electron-native.mjs --no-runtime [--platform P] [--arch A]   (packaging)
//
// node_modules/better-sqlite3/build is the Node build that tests, the CLI and browser mode
// load. Electron has another ABI, so it gets its own copy of the addon in
// out/native/electron/better_sqlite3.node, which main.ts passes to better-sqlite3 as
// `nativeBinding`. This script:
//   1. makes sure the Electron runtime is installed (the same download `electron .` would do
//      lazily), and stops with a clear message where it cannot be downloaded;
//   2. skips everything if out/native/electron already holds a build for this Electron,
//      better-sqlite3, platform and arch (build-info.json);
//   3. copies the better-sqlite3 package into a temporary folder and, there, fetches the
//      prebuilt addon for Electron (prebuild-install --runtime electron --target <version>),
//      or compiles it against Electron's headers (node-gyp --target --dist-url) when no
//      prebuild exists;
//   4. refuses a result that loads in this Node (it would be a Node build under an Electron
//      name: the trap of `nodedir=/usr` in ~/.npmrc) and, when the runtime is present, opens a
//      database with it inside Electron (ELECTRON_RUN_AS_NODE);
//   5. moves it into place, and checks that the Node build was not touched.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { parseArgs } from 'node:util';

const root = resolve(import.meta.dirname, '..');
const require = createRequire(join(root, 'package.json'));

const { values: args } = parseArgs({
  options: {
    'no-runtime': { type: 'boolean', default: false },
    platform: { type: 'string', default: process.platform },
    arch: { type: 'string', default: process.arch },
  },
});
const platform = args.platform;
const arch = args.arch;
const forThisMachine = platform === process.platform && arch === process.arch;
const checkRuntime = !args['no-runtime'];

const electronDir = dirname(require.resolve('electron/package.json'));
const electronVersion = JSON.parse(readFileSync(join(electronDir, 'package.json'), 'utf8')).version;
const electronAbi = readFileSync(join(electronDir, 'abi_version'), 'utf8').trim();
const sqliteDir = dirname(require.resolve('better-sqlite3/package.json'));
const sqliteVersion = JSON.parse(readFileSync(join(sqliteDir, 'package.json'), 'utf8')).version;
const nodeBuild = join(sqliteDir, 'build', 'Release', 'better_sqlite3.node');

const outDir = join(root, 'out', 'native', 'electron');
const target = join(outDir, 'better_sqlite3.node');
const infoFile = join(outDir, 'build-info.json');
const wanted = { electron: electronVersion, abi: electronAbi, betterSqlite3: sqliteVersion, platform, arch };

/** A reason to stop, printed without a stack trace. */
class Stop extends Error {}

function fail(message) {
  throw new Stop(message);
}

function say(message) {
  process.stderr.write(`credit-desk: ${message}\n`);
}

function digest(file) {
  return existsSync(file) ? createHash('sha256').update(readFileSync(file)).digest('hex') : 'missing';
}

// npm passes ~/.npmrc settings down as npm_config_* variables. `nodedir=/usr` would make
// node-gyp compile against the local Node headers while we ask for Electron's.
function buildEnvironment() {
  const drop = new Set([
    'npm_config_nodedir',
    'npm_config_target',
    'npm_config_runtime',
    'npm_config_disturl',
    'npm_config_dist_url',
    'npm_config_arch',
    'npm_config_target_arch',
    'npm_config_platform',
    'npm_config_build_from_source',
    'npm_config_devdir',
  ]);
  return Object.fromEntries(Object.entries(process.env).filter(([key]) => !drop.has(key.toLowerCase())));
}

/** Installs the Electron runtime if needed; returns the executable's path. */
function electronRuntime() {
  const install = spawnSync(process.execPath, [join(electronDir, 'install.js')], { stdio: 'inherit' });
  if (install.status !== 0) {
    fail(
      `the Electron ${electronVersion} runtime is not installed and could not be downloaded, so the desktop app cannot start on this machine.\n` +
        '  Where the download is blocked, set ELECTRON_MIRROR or ELECTRON_OVERRIDE_DIST_PATH (see the Electron docs),\n' +
        '  or run the same screens in a browser: npm run browser -- --demo',
    );
  }
  return require('electron');
}

/** True if `file` loads in this Node process: then it is a Node build, not an Electron one. */
function loadsInNode(file) {
  try {
    process.dlopen({ exports: {} }, file);
    return true;
  } catch {
    return false;
  }
}

/** Opens an in-memory database with the addon inside Electron itself. */
function worksInElectron(electronPath, file) {
  const probe = `
    const Database = require(${JSON.stringify(sqliteDir)});
    const db = new Database(':memory:', { nativeBinding: ${JSON.stringify(file)} });
    process.stdout.write(db.prepare('select sqlite_version() as v').get().v);
    db.close();`;
  const run = spawnSync(electronPath, ['-e', probe], {
    env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
    encoding: 'utf8',
  });
  if (run.status !== 0) say(`the Electron check failed:\n${run.stderr}`);
  return run.status === 0;
}

function fetchPrebuilt(workDir, env) {
  say(`fetching better-sqlite3 ${sqliteVersion} for Electron ${electronVersion} (${platform}-${arch})…`);
  const bin = require.resolve('prebuild-install/bin.js');
  const run = spawnSync(
    process.execPath,
    [bin, '--runtime', 'electron', '--target', electronVersion, '--platform', platform, '--arch', arch, '--verbose'],
    { cwd: workDir, env, stdio: 'inherit' },
  );
  return run.status === 0;
}

function compileFromSource(workDir, env) {
  if (!forThisMachine) return false;
  say(`no prebuilt addon: compiling better-sqlite3 against Electron ${electronVersion}'s headers (a few minutes)…`);
  const bin = require.resolve('node-gyp/bin/node-gyp.js');
  const run = spawnSync(
    process.execPath,
    [
      bin,
      'rebuild',
      '--release',
      `--target=${electronVersion}`,
      `--arch=${arch}`,
      '--dist-url=https://electronjs.org/headers',
      `--devdir=${join(tmpdir(), 'credit-desk-electron-gyp')}`,
    ],
    { cwd: workDir, env, stdio: 'inherit' },
  );
  return run.status === 0;
}

function main() {
  const electronPath = checkRuntime ? electronRuntime() : undefined;

  if (existsSync(target) && existsSync(infoFile)) {
    const info = JSON.parse(readFileSync(infoFile, 'utf8'));
    if (Object.entries(wanted).every(([key, value]) => info[key] === value)) {
      say(`${relative(root, target)} is up to date (Electron ${electronVersion}, ${platform}-${arch}).`);
      return;
    }
  }

  const nodeBuildBefore = digest(nodeBuild);
  const workRoot = mkdtempSync(join(tmpdir(), 'credit-desk-native-'));
  const workDir = join(workRoot, 'better-sqlite3');
  try {
    // A private copy: nothing below ever writes into node_modules/better-sqlite3.
    cpSync(sqliteDir, workDir, {
      recursive: true,
      filter: (source) => {
        const rel = relative(sqliteDir, source);
        return !(
          rel === 'build' ||
          rel.startsWith(`build${sep}`) ||
          rel === 'node_modules' ||
          rel.startsWith(`node_modules${sep}`)
        );
      },
    });
    const env = buildEnvironment();
    if (!fetchPrebuilt(workDir, env) && !compileFromSource(workDir, env)) {
      fail(
        `could not get better-sqlite3 for Electron ${electronVersion} (${platform}-${arch}): no prebuilt addon could be downloaded` +
          (forThisMachine
            ? ' and compiling against the Electron headers failed.'
            : ', and it can only be compiled on that platform.'),
      );
    }
    const built = join(workDir, 'build', 'Release', 'better_sqlite3.node');
    if (!existsSync(built)) fail(`the build finished without ${relative(workDir, built)}.`);
    if (forThisMachine && loadsInNode(built)) {
      fail(
        'the addon built for Electron loads in plain Node: it was compiled against the Node headers (check nodedir in ~/.npmrc), so it was not installed.',
      );
    }
    if (electronPath !== undefined && forThisMachine && !worksInElectron(electronPath, built)) {
      fail('the addon built for Electron does not open a database inside Electron, so it was not installed.');
    }
    mkdirSync(outDir, { recursive: true });
    const staged = `${target}.${process.pid}.tmp`;
    cpSync(built, staged);
    renameSync(staged, target);
    writeFileSync(infoFile, `${JSON.stringify({ ...wanted, builtAt: new Date().toISOString() }, null, 2)}\n`);
    say(`installed ${relative(root, target)} (Electron ${electronVersion}, ABI ${electronAbi}, ${platform}-${arch}).`);
  } finally {
    rmSync(workRoot, { recursive: true, force: true });
    if (digest(nodeBuild) !== nodeBuildBefore) {
      fail(
        `${relative(root, nodeBuild)} changed while building for Electron. Restore it with: npm rebuild better-sqlite3`,
      );
    }
  }
}

try {
  main();
} catch (error) {
  process.stderr.write(`\ncredit-desk: ${error instanceof Stop ? error.message : (error?.stack ?? String(error))}\n\n`);
  process.exit(1);
}
