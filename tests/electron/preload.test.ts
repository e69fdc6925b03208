// The preload must expose exactly the contract: one function per channel, nothing else, on
// window.api; and, separately, window.creditDeskDesktop with the connection and its settings'
// three calls. 'electron' is replaced by a fake contextBridge/ipcRenderer (the real module would try to
// download the Electron binary under plain Node); preload.ts itself runs unchanged.
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { CHANNEL_NAMES } from '../../shared/channels';
import { CHANNELS, contract } from '../../shared/contract';
import { createBridge, IPC_CALL } from '../../electron/ipc/electron-bridge';
import {
  CONNECTION_CHOOSE_CA,
  CONNECTION_GET,
  CONNECTION_SAVE,
  createDesktopBridge,
} from '../../electron/ipc/desktop-bridge';

const exposed = vi.hoisted(() => ({
  calls: [] as { key: string; api: unknown }[],
  invokes: [] as unknown[][],
}));

vi.mock('electron', () => ({
  contextBridge: {
    exposeInMainWorld: (key: string, api: unknown) => exposed.calls.push({ key, api }),
  },
  ipcRenderer: {
    invoke: (...args: unknown[]) => {
      exposed.invokes.push(args);
      return Promise.resolve({ ok: true, value: 'answered' });
    },
    send: () => {
      throw new Error('the preload must not use ipcRenderer.send');
    },
  },
}));

const contractChannels = Object.keys(contract).sort();

describe('the channel list the preload is built from', () => {
  it("equals the contract's channels, with no duplicates", () => {
    expect([...CHANNEL_NAMES].sort()).toEqual(contractChannels);
    expect(new Set(CHANNEL_NAMES).size).toBe(CHANNEL_NAMES.length);
    expect([...CHANNELS].sort()).toEqual(contractChannels);
  });
});

describe('createBridge', () => {
  it('has exactly one function per channel and is frozen', () => {
    const bridge = createBridge(() => Promise.resolve(undefined));
    expect(Object.keys(bridge).sort()).toEqual(contractChannels);
    for (const fn of Object.values(bridge)) expect(typeof fn).toBe('function');
    expect(Object.isFrozen(bridge)).toBe(true);
  });

  it('sends (channel, input) on the single IPC channel, and only the first argument', async () => {
    const sent: unknown[][] = [];
    const bridge = createBridge((...args) => {
      sent.push(args);
      return Promise.resolve({ ok: true, value: 1 });
    });
    const call = bridge['clients.get'] as (...args: unknown[]) => Promise<unknown>;
    await expect(call({ clientId: 3 }, 'smuggled')).resolves.toEqual({ ok: true, value: 1 });
    expect(sent).toEqual([[IPC_CALL, 'clients.get', { clientId: 3 }]]);
  });
});

describe('createDesktopBridge', () => {
  it('reads the connection from the arguments and is frozen all the way down', () => {
    const bridge = createDesktopBridge(
      ['electron', '--credit-desk-connection=server', '--credit-desk-server=https://desk.example.com/'],
      () => Promise.resolve(undefined),
    );
    expect(bridge.mode).toBe('server');
    expect(bridge.serverUrl).toBe('https://desk.example.com/');
    expect(Object.isFrozen(bridge)).toBe(true);
    expect(Object.isFrozen(bridge.connectionSettings)).toBe(true);
    expect(Object.keys(bridge.connectionSettings).sort()).toEqual(['chooseCaFile', 'get', 'save']);
  });

  it('sends each call on its own channel, with at most one argument', async () => {
    const sent: unknown[][] = [];
    const bridge = createDesktopBridge([], (...args) => {
      sent.push(args);
      return Promise.resolve({ ok: true, value: null });
    });
    expect(bridge).toMatchObject({ mode: 'local', serverUrl: null });
    const settings = bridge.connectionSettings as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>;
    await settings.get!('smuggled');
    await settings.save!({ mode: 'local' }, 'smuggled');
    await settings.chooseCaFile!('smuggled');
    expect(sent).toEqual([[CONNECTION_GET], [CONNECTION_SAVE, { mode: 'local' }], [CONNECTION_CHOOSE_CA]]);
    for (const [channel] of sent) expect(channel).not.toBe(IPC_CALL);
  });
});

describe('electron/preload.ts', () => {
  beforeAll(async () => {
    await import('../../electron/preload');
  });

  it('exposes window.api and window.creditDeskDesktop, and nothing else', () => {
    expect(exposed.calls.map((c) => c.key)).toEqual(['api', 'creditDeskDesktop']);
  });

  it('window.creditDeskDesktop holds the connection and its settings, no IPC handle', () => {
    const desktop = exposed.calls[1]!.api as Record<string, unknown>;
    expect(Object.keys(desktop).sort()).toEqual(['connectionSettings', 'mode', 'serverUrl']);
    // Under vitest process.argv carries no connection arguments: this computer's ledger.
    expect(desktop).toMatchObject({ mode: 'local', serverUrl: null });
    expect(desktop).not.toHaveProperty('ipcRenderer');
  });

  it('window.api holds exactly the contract channels, all functions', () => {
    const api = exposed.calls[0]!.api as Record<string, unknown>;
    expect(Object.keys(api).sort()).toEqual(contractChannels);
    for (const [name, fn] of Object.entries(api)) expect(typeof fn, name).toBe('function');
    expect(api).not.toHaveProperty('ipcRenderer');
    expect(api).not.toHaveProperty('invoke');
  });

  it('forwards a call through ipcRenderer.invoke on the API channel', async () => {
    const api = exposed.calls[0]!.api as Record<string, (input: unknown) => Promise<unknown>>;
    await expect(api['rates.quote']!({ amount: '3.51', currency: 'USD' })).resolves.toEqual({
      ok: true,
      value: 'answered',
    });
    expect(exposed.invokes.at(-1)).toEqual([IPC_CALL, 'rates.quote', { amount: '3.51', currency: 'USD' }]);
  });
});
