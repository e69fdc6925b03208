// The Electron IPC door with a real router on an in-memory ledger; only ipcMain is a stand-in
// (it is Electron's, not ours).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { IpcMainInvokeEvent } from 'electron';
import type { Db } from '../../electron/db/database';
import { openLedgerDatabase } from '../../electron/db/open';
import { IPC_CALL } from '../../electron/ipc/electron-bridge';
import { createSenderCheck, registerIpcDoor, UntrustedSenderError } from '../../electron/ipc/electron';
import { createRouter } from '../../electron/ipc/router';
import { APP_ENTRY_URL, isTrustedSender } from '../../electron/platform/policy/trust';

type Handler = (event: IpcMainInvokeEvent, ...args: unknown[]) => Promise<unknown>;

function fakeIpcMain() {
  const handlers = new Map<string, Handler>();
  return {
    handlers,
    handle(channel: string, handler: Handler) {
      if (handlers.has(channel)) throw new Error(`second handler for ${channel}`);
      handlers.set(channel, handler);
    },
    removeHandler(channel: string) {
      handlers.delete(channel);
    },
  };
}

const ownContents = { id: 1 };
const top = (url: string) => ({ url, parent: null });
const event = (sender: unknown, senderFrame: unknown) => ({ sender, senderFrame }) as unknown as IpcMainInvokeEvent;

describe('the Electron IPC door', () => {
  let db: Db;
  let ipc: ReturnType<typeof fakeIpcMain>;
  let refused: string[];
  let unregister: () => void;

  beforeEach(async () => {
    db = await openLedgerDatabase(':memory:');
    ipc = fakeIpcMain();
    refused = [];
    unregister = registerIpcDoor(ipc, {
      router: createRouter({ db, clock: () => new Date('2026-01-02T03:04:05Z') }),
      actor: 'alice',
      isTrustedSender: createSenderCheck(
        () => ownContents,
        (url, isTop) => isTrustedSender(url, isTop),
      ),
      log: (message) => refused.push(message),
    });
  });
  afterEach(() => db.close());

  const handler = () => ipc.handlers.get(IPC_CALL)!;

  it('registers one handler, on one channel', () => {
    expect([...ipc.handlers.keys()]).toEqual([IPC_CALL]);
    unregister();
    expect(ipc.handlers.size).toBe(0);
  });

  it("answers our own page's calls through the router, as the OS user", async () => {
    const created = await handler()(event(ownContents, top(APP_ENTRY_URL)), 'clients.create', { name: 'Northwind' });
    expect(created).toMatchObject({ ok: true, value: { name: 'Northwind' } });
    const invalid = await handler()(event(ownContents, top(APP_ENTRY_URL)), 'clients.create', { name: 'X', admin: 1 });
    expect(invalid).toMatchObject({ ok: false, error: { code: 'VALIDATION_ERROR' } });
    const unknown = await handler()(event(ownContents, top(APP_ENTRY_URL)), 'db.exec', {});
    expect(unknown).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    const clients = db.sqlite.prepare('SELECT count(*) AS n FROM clients').get() as { n: number };
    expect(clients.n).toBe(1);
    const rate = await handler()(event(ownContents, top(APP_ENTRY_URL)), 'rates.set', {
      currency: 'USD',
      creditsPerUnit: '10',
    });
    expect(rate).toMatchObject({ ok: true });
    const actors = db.sqlite.prepare('SELECT DISTINCT actor FROM audit_log').all() as { actor: string }[];
    expect(actors).toEqual([{ actor: 'alice' }]);
  });

  it('refuses other senders before anything reaches the ledger', async () => {
    const attempts = [
      event(ownContents, top('https://evil.example/')),
      event(ownContents, top('file:///tmp/index.html')),
      event(ownContents, top('devtools://devtools/bundled/devtools_app.html')),
      event(ownContents, { url: APP_ENTRY_URL, parent: top(APP_ENTRY_URL) }),
      event(ownContents, null),
      event({ id: 2 }, top(APP_ENTRY_URL)),
    ];
    for (const attempt of attempts) {
      await expect(handler()(attempt, 'clients.create', { name: 'Intruder' })).rejects.toBeInstanceOf(
        UntrustedSenderError,
      );
    }
    expect(refused).toHaveLength(attempts.length);
    const count = db.sqlite.prepare('SELECT count(*) AS n FROM clients').get() as { n: number };
    expect(count.n).toBe(0);
  });

  it('the sender check: own window, top frame, our page, nothing else', () => {
    const check = createSenderCheck(
      () => ownContents,
      (url, isTop) => isTrustedSender(url, isTop),
    );
    const foreignTop = top('https://evil.example/');
    expect(check(event(ownContents, top(APP_ENTRY_URL)))).toBe(true);
    expect(check(event(ownContents, top('app://credit-desk/index.html#/backups')))).toBe(true);
    for (const [why, attempt] of [
      ['our page framed by a foreign page', event(ownContents, { url: APP_ENTRY_URL, parent: foreignTop })],
      [
        'a foreign iframe in our page',
        event(ownContents, { url: 'https://evil.example/', parent: top(APP_ENTRY_URL) }),
      ],
      [
        'a nested subframe',
        event(ownContents, { url: APP_ENTRY_URL, parent: { url: APP_ENTRY_URL, parent: top(APP_ENTRY_URL) } }),
      ],
      ['devtools', event(ownContents, top('devtools://devtools/bundled/devtools_app.html'))],
      [
        'a file:// page',
        event(ownContents, top('file:///opt/Credit%20Desk/resources/app.asar/out/renderer/index.html')),
      ],
      ['a data: page', event(ownContents, top('data:text/html,<script>1</script>'))],
      ['about:blank', event(ownContents, top('about:blank'))],
      ['a look-alike host', event(ownContents, top('app://credit-desk.evil.com/index.html'))],
      ['the dev server when not in development', event(ownContents, top('http://localhost:5173/'))],
      ['a destroyed frame', event(ownContents, undefined)],
      ['another web contents showing our page', event({ id: 1 }, top(APP_ENTRY_URL))],
    ] as const) {
      expect(check(attempt), why).toBe(false);
    }
    // After the window is closed there is no own web contents: nothing is trusted.
    const closed = createSenderCheck(
      () => undefined,
      (url, isTop) => isTrustedSender(url, isTop),
    );
    expect(closed(event(ownContents, top(APP_ENTRY_URL)))).toBe(false);
  });

  it('refuses a channel that is not a string', async () => {
    await expect(handler()(event(ownContents, top(APP_ENTRY_URL)), 42, {})).rejects.toThrow(TypeError);
  });
});
