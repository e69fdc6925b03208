/**
 * `user-add --username U --role R [--display-name NAME]`: makes a user (the first admin of a
 * team, PRODUCT F14) with the password read from stdin, never from the command line, where
 * it would sit in the shell history and the process list. At a terminal it asks twice, echoing
 * nothing; from a pipe it reads the first line. The reply is users.create's, without the password.
 */
import type { AsyncDb } from './db/async-db';
import { createRouter } from './ipc/router';

const OPTIONS = { username: 'username', role: 'role', 'display-name': 'displayName' } as const;

/** The parsed options of `user-add`, or a usage error naming what is wrong. */
function parseUserAdd(args: string[], usage: (m: string) => Error): Record<string, string> {
  const input: Record<string, string> = {};
  for (let i = 0; i < args.length; i++) {
    const m = /^--([a-z-]+)(?:=(.*))?$/.exec(args[i]!);
    const name = m?.[1];
    if (m === null || name === undefined || !Object.prototype.hasOwnProperty.call(OPTIONS, name)) {
      throw usage(`user-add does not take "${args[i]}".`);
    }
    const key = OPTIONS[name as keyof typeof OPTIONS];
    const value = m[2] ?? args[++i];
    if (value === undefined || value === '') throw usage(`--${name} needs a value.`);
    if (key in input) throw usage(`--${name} is given twice.`);
    input[key] = value;
  }
  if (input.username === undefined || input.role === undefined) throw usage('user-add needs --username and --role.');
  return input;
}

/** Reads one line at the terminal without echoing it; Ctrl-C gives up. */
function readHidden(prompt: string): Promise<string> {
  const stdin = process.stdin;
  process.stderr.write(prompt);
  return new Promise((resolve, reject) => {
    let typed = '';
    const done = (finish: () => void) => {
      stdin.setRawMode(false);
      stdin.pause();
      stdin.off('data', onData);
      process.stderr.write('\n');
      finish();
    };
    const onData = (chunk: Buffer) => {
      for (const ch of chunk.toString('utf8')) {
        if (ch === '\r' || ch === '\n') return done(() => resolve(typed));
        if (ch === '\u0003') return done(() => reject(new Error('cancelled')));
        if (ch === '\u007f' || ch === '\b') typed = [...typed].slice(0, -1).join('');
        else typed += ch;
      }
    };
    stdin.setRawMode(true);
    stdin.resume();
    stdin.on('data', onData);
  });
}

/** The password: asked twice at a terminal, else the first line of stdin. */
async function readPassword(): Promise<string> {
  if (process.stdin.isTTY) {
    const first = await readHidden('Password for the new user: ');
    const again = await readHidden('The same password again: ');
    if (first !== again) throw new Error('the two passwords differ; nothing was created');
    return first;
  }
  let text = '';
  for await (const chunk of process.stdin) text += (chunk as Buffer).toString('utf8');
  return text.split(/\r?\n/, 1)[0] ?? '';
}

/** The `user-add` command: what main() runs against the opened ledger. */
export function userAddCommand(
  args: string[],
  actor: string,
  usage: (m: string) => Error,
  print: (value: unknown) => void,
): (db: AsyncDb) => Promise<number> {
  const input = parseUserAdd(args, usage);
  return async (db) => {
    const password = await readPassword();
    const result = await createRouter({ db }).call('users.create', { ...input, password }, { actor });
    print(result);
    return result.ok ? 0 : 1;
  };
}
