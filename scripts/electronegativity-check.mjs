#!/usr/bin/env node
// Runs @doyensec/electronegativity over the main-process sources and fails on any HIGH or
// MEDIUM finding that electronegativity-allowlist.json does not explain.
//
//   npm run security:electron
//   node scripts/electronegativity-check.mjs [--input DIR] [--allowlist FILE] [--csv FILE]
//
// `npm test` runs it through tests/electron/electronegativity.test.ts; the npm script also
// writes every finding (LOW ones included) to test-results/electronegativity.csv.
//
// Rules:
// - a finding is explained by an allow-list entry with the same check id and file (paths from
//   the repository root) and a non-empty reason; line numbers are not part of the match, so
//   an edit elsewhere in the file does not break the gate, but a new kind of finding does;
// - an entry that explains nothing any more fails too (delete it: stale reasons rot);
// - a file electronegativity could not parse fails (it would have been silently skipped);
// - LOW and INFORMATIONAL findings are listed, never fatal.
//
// The scan runs offline: the Electron version comes from node_modules/electron (instead of
// the package.json range), and the check that downloads Electron's release list is skipped
// (the version policy is ours: package.json pins a maintained major). Its one other network
// call, fetching translations with `got`, is answered here with a refusal before it is sent,
// so it falls back to English at once: on Node 24 got's retry after the time-out throws out of
// a timer (p-cancelable: "onCancel handler was attached after the promise settled") and kills
// the process. The whole run takes about 3 s.
import { createRequire } from 'node:module';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';

const require = createRequire(import.meta.url);
const root = resolve(import.meta.dirname, '..');

const FATAL = new Set(['MEDIUM', 'HIGH', 'CRITICAL']);

const { values: args } = parseArgs({
  options: {
    input: { type: 'string', default: join(root, 'electron') },
    allowlist: { type: 'string', default: join(root, 'electronegativity-allowlist.json') },
    csv: { type: 'string' },
  },
});

function readAllowList(path) {
  const parsed = JSON.parse(readFileSync(path, 'utf8'));
  const entries = parsed.findings;
  if (!Array.isArray(entries)) throw new Error(`${path}: "findings" must be an array`);
  for (const [i, e] of entries.entries()) {
    for (const key of ['check', 'file', 'reason']) {
      if (typeof e[key] !== 'string' || e[key].trim() === '') {
        throw new Error(`${path}: findings[${i}] needs a non-empty "${key}"`);
      }
    }
  }
  return entries;
}

function csvCell(value) {
  return `"${String(value ?? '').replace(/"/g, '""')}"`;
}

async function main() {
  // Electronegativity writes its translation fallback message with console.log: keep our output readable.
  const log = console.log;
  console.log = () => {};
  let result;
  try {
    const fromScanner = createRequire(require.resolve('@doyensec/electronegativity'));
    const gotPath = fromScanner.resolve('got');
    const offline = () => Promise.reject(new Error('offline: translations are not fetched'));
    require.cache[gotPath] = { id: gotPath, filename: gotPath, loaded: true, exports: offline };
    const run = require('@doyensec/electronegativity');
    result = await run({
      input: resolve(args.input),
      isRelative: false,
      electronVersionOverride: require('electron/package.json').version,
      customScan: [],
      excludeFromScan: ['AvailableSecurityFixesGlobalCheck'],
    });
  } finally {
    console.log = log;
  }

  const findings = result.issues.map((issue) => ({
    check: issue.id,
    severity: issue.severity.name,
    confidence: issue.confidence.name,
    file: issue.file === 'N/A' ? 'N/A' : relative(root, issue.file),
    line: issue.location?.line ?? 0,
    sample: (issue.sample ?? '').split('\n')[0].slice(0, 100),
    description: issue.description,
  }));
  if (args.csv !== undefined) {
    const header = 'check,severity,confidence,file,line,sample,description';
    const rows = findings.map((f) =>
      [f.check, f.severity, f.confidence, f.file, f.line, f.sample, f.description].map(csvCell).join(','),
    );
    mkdirSync(dirname(resolve(args.csv)), { recursive: true });
    writeFileSync(args.csv, [header, ...rows].join('\n') + '\n');
  }

  const allowList = readAllowList(args.allowlist);
  const used = new Set();
  const unexplained = [];
  for (const f of findings) {
    const entry = allowList.findIndex((e) => e.check === f.check && e.file === f.file);
    const fatal = FATAL.has(f.severity);
    if (entry >= 0) used.add(entry);
    else if (fatal) unexplained.push(f);
    const mark = !fatal ? 'info' : entry >= 0 ? 'explained' : 'UNEXPLAINED';
    console.log(`${mark.padEnd(11)} ${f.severity.padEnd(6)} ${f.check} ${f.file}:${f.line}`);
  }
  const stale = allowList.filter((_, i) => !used.has(i));
  const parseErrors = result.errors.filter((e) => !e.tolerable);

  console.log(
    `electronegativity ${require('@doyensec/electronegativity/package.json').version}: ` +
      `${result.globalChecks + result.atomicChecks} checks over ${relative(root, resolve(args.input)) || '.'}, ` +
      `${findings.length} findings, ${findings.filter((f) => FATAL.has(f.severity)).length} high or medium, ` +
      `${unexplained.length} unexplained`,
  );
  for (const f of unexplained) {
    console.error(
      `UNEXPLAINED ${f.severity} ${f.check} at ${f.file}:${f.line}: ${f.description}\n  ${f.sample}\n` +
        `  Fix it, or explain it in ${relative(root, args.allowlist)} (check, file, reason).`,
    );
  }
  for (const e of stale) {
    console.error(`STALE allow-list entry ${e.check} ${e.file}: no such finding any more; remove it.`);
  }
  for (const e of parseErrors) console.error(`NOT SCANNED ${e.file}: ${e.message}`);
  if (unexplained.length > 0 || stale.length > 0 || parseErrors.length > 0) process.exitCode = 1;
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
