/**
 * The connection settings' IPC door (electron/ipc/connection-door.ts) with the real sender
 * check and a real user-data folder; only ipcMain is a stand-in. Saving writes connection.json
 * and restarts once; a refusal names its field and writes nothing; a foreign sender is refused.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { IpcMainInvokeEvent } from 'electron';
import { beforeEach, describe, expect, it } from 'vitest';
import { registerConnectionDoor } from '../../electron/ipc/connection-door';
import { CONNECTION_CHOOSE_CA, CONNECTION_GET, CONNECTION_SAVE } from '../../electron/ipc/desktop-bridge';
import { createSenderCheck, UntrustedSenderError } from '../../electron/ipc/electron';
import { CONNECTION_FILE_NAME } from '../../electron/platform/connection-settings';
import { APP_ENTRY_URL, isTrustedSender } from '../../electron/platform/policy/trust';
import { tempDir } from '../reliability/helpers';

type Handler = (event: IpcMainInvokeEvent, ...args: unknown[]) => unknown;

const ownContents = { id: 1 };
const own = { sender: ownContents, senderFrame: { url: APP_ENTRY_URL, parent: null } } as unknown as IpcMainInvokeEvent;
const foreign = {
  sender: ownContents,
  senderFrame: { url: 'https://evil.example/', parent: null },
} as unknown as IpcMainInvokeEvent;

describe('the connection settings door', () => {
  let handlers: Map<string, Handler>;
  let userData: string;
  let restarts: number;
  let restarted: Promise<void>;
  let unregister: () => void;

  beforeEach(() => {
    handlers = new Map();
    userData = tempDir('connection-door');
    restarts = 0;
    let signal: () => void = () => undefined;
    restarted = new Promise((resolve) => (signal = resolve));
    unregister = registerConnectionDoor(
      {
        handle: (channel, handler) => handlers.set(channel, handler as Handler),
        removeHandler: (c) => handlers.delete(c),
      },
      {
        userData,
        current: { mode: 'local' },
        isTrustedSender: createSenderCheck(
          () => ownContents,
          (url, isTop) => isTrustedSender(url, isTop),
        ),
        chooseCaFile: () => Promise.resolve('/etc/credit-desk/ca.pem'),
        restart: () => {
          restarts += 1;
          signal();
        },
        log: () => undefined,
      },
    );
  });

  const invoke = (channel: string, event: IpcMainInvokeEvent, ...args: unknown[]) =>
    Promise.resolve().then(() => handlers.get(channel)!(event, ...args));

  it('answers the settings this run started with, and the chosen CA file', async () => {
    expect(await invoke(CONNECTION_GET, own)).toEqual({ ok: true, value: { mode: 'local' } });
    expect(await invoke(CONNECTION_CHOOSE_CA, own)).toEqual({ ok: true, value: '/etc/credit-desk/ca.pem' });
  });

  it('saves valid settings to connection.json, then restarts once', async () => {
    expect(await invoke(CONNECTION_SAVE, own, { mode: 'server', url: 'https://desk.example.com' })).toEqual({
      ok: true,
      value: null,
    });
    await restarted;
    expect(restarts).toBe(1);
    expect(JSON.parse(readFileSync(join(userData, CONNECTION_FILE_NAME), 'utf8'))).toEqual({
      mode: 'server',
      url: 'https://desk.example.com/',
    });
  });

  it('refuses bad settings naming the field, writing nothing and not restarting', async () => {
    expect(await invoke(CONNECTION_SAVE, own, { mode: 'server', url: 'http://example.com' })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_ERROR', details: { field: 'url' } },
    });
    expect(
      await invoke(CONNECTION_SAVE, own, {
        mode: 'server',
        url: 'https://desk.example.com',
        caFile: '/nowhere/ca.pem',
      }),
    ).toMatchObject({ ok: false, error: { details: { field: 'caFile' } } });
    expect(await invoke(CONNECTION_SAVE, own, 'server')).toMatchObject({
      ok: false,
      error: { details: { field: 'mode' } },
    });
    expect(existsSync(join(userData, CONNECTION_FILE_NAME))).toBe(false);
    expect(restarts).toBe(0);
  });

  it('refuses every call from a frame that is not our page', async () => {
    for (const channel of [CONNECTION_GET, CONNECTION_SAVE, CONNECTION_CHOOSE_CA]) {
      await expect(invoke(channel, foreign, { mode: 'local' })).rejects.toBeInstanceOf(UntrustedSenderError);
    }
    expect(existsSync(join(userData, CONNECTION_FILE_NAME))).toBe(false);
  });

  it('removes its handlers', () => {
    unregister();
    expect(handlers.size).toBe(0);
  });
});
