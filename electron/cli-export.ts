/**
 * The CLI's export commands (`statement`, `ledger-export`, `requests-export`): the same
 * validation (the contract's schemas) and the same export services as the API channels, but
 * streamed straight to a file instead of being built in memory.
 */
import { closeSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { resolve } from 'node:path';
import { inputSchema } from '../shared/contract';
import { AppError, type Result } from '../shared/result';
import type { AsyncDb } from './db/async-db';
import { validationError } from './ipc/router';
import {
  exportLedger,
  exportRequests,
  exportStatement,
  type ByteSink,
  type ExportSummary,
} from './ledger/exports.service';
import { defaultFontDir } from './ledger/statement-pdf';

const COMMANDS = {
  statement: { options: ['client', 'from', 'to', 'format', 'out'], channel: 'statements.export' },
  'ledger-export': { options: ['from', 'to', 'out'], channel: 'ledger.export' },
  'requests-export': { options: ['status', 'client', 'out'], channel: 'requests.export' },
} as const;

/** One of the export commands. */
export type ExportCommand = keyof typeof COMMANDS;

export function isExportCommand(verb: string): verb is ExportCommand {
  return Object.prototype.hasOwnProperty.call(COMMANDS, verb);
}

/** `--name value` and `--name=value` pairs, each at most once, only the command's own. */
function parseOptions(command: ExportCommand, args: string[], usage: (m: string) => Error): Map<string, string> {
  const allowed: readonly string[] = COMMANDS[command].options;
  const options = new Map<string, string>();
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const m = /^--([a-z]+)(?:=(.*))?$/.exec(arg);
    if (m === null || !allowed.includes(m[1]!)) throw usage(`${command} does not take "${arg}".`);
    const value = m[2] ?? args[++i];
    if (value === undefined || value === '') throw usage(`--${m[1]} needs a value.`);
    if (options.has(m[1]!)) throw usage(`--${m[1]} is given twice.`);
    options.set(m[1]!, value);
  }
  return options;
}

function clientId(value: string | undefined, usage: (m: string) => Error): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) throw usage(`--client needs a client id (a whole number), not "${value}".`);
  return Number(value);
}

/** Writes to `<path>.partial-<pid>` and renames it into place once the export succeeded. */
async function toFile(path: string, run: (sink: ByteSink) => Promise<ExportSummary>): Promise<ExportSummary> {
  const partial = `${path}.partial-${process.pid}`;
  const fd = openSync(partial, 'w');
  let closed = false;
  try {
    const summary = await run({
      write(chunk) {
        let offset = 0;
        while (offset < chunk.length) offset += writeSync(fd, chunk, offset);
      },
    });
    closeSync(fd);
    closed = true;
    renameSync(partial, path);
    return summary;
  } finally {
    if (!closed) closeSync(fd);
    rmSync(partial, { force: true });
  }
}

/**
 * Builds the command's run function. Usage mistakes throw (exit 2 before the database is
 * opened); refusals print {"ok":false,…} and exit 1.
 */
export function exportCommand(
  command: ExportCommand,
  args: string[],
  usage: (message: string) => Error,
  print: (value: unknown) => void,
): (db: AsyncDb) => Promise<number> {
  const options = parseOptions(command, args, usage);
  const out = options.get('out');
  if (out === undefined) throw usage(`${command} needs --out PATH.`);
  if (command === 'statement') {
    if (!options.has('client')) throw usage('statement needs --client ID.');
    if (!options.has('format')) throw usage('statement needs --format csv or --format pdf.');
  }
  const raw: Record<string, unknown> = {};
  for (const [key, value] of options) {
    if (key === 'out') continue;
    if (key === 'client') raw.clientId = clientId(value, usage);
    else raw[key] = value;
  }
  const path = resolve(out);
  return async (db) => {
    const now = new Date().toISOString();
    const finish = (result: Result<unknown>): number => {
      print(result);
      return result.ok ? 0 : 1;
    };
    const parsed = inputSchema(COMMANDS[command].channel).safeParse(raw);
    if (!parsed.success) return finish({ ok: false, error: validationError(parsed.error).toApiError() });
    const options = { maxRows: Number.POSITIVE_INFINITY };
    try {
      const summary = await toFile(path, (sink) => {
        if (command === 'statement') {
          const input = parsed.data as Parameters<typeof exportStatement>[1];
          return exportStatement(db, input, now, sink, {
            ...options,
            ...(input.format === 'pdf' ? { fontDir: defaultFontDir() } : {}),
          });
        }
        if (command === 'ledger-export') {
          return exportLedger(db, parsed.data as Parameters<typeof exportLedger>[1], now, sink, options);
        }
        return exportRequests(db, parsed.data as Parameters<typeof exportRequests>[1], now, sink, options);
      });
      return finish({ ok: true, value: { path, ...summary } });
    } catch (error) {
      if (error instanceof AppError) return finish({ ok: false, error: error.toApiError() });
      throw error;
    }
  };
}
