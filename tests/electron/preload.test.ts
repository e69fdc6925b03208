// The preload must expose exactly the contract: one function per channel, nothing else.
// 'electron' is replaced by a fake contextBridge/ipcRenderer (the real module would try to
// download the Electron binary under plain Node); preload.ts itself runs unchanged.
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { CHANNEL_NAMES } from '../../shared/channels';
import { CHANNELS, contract } from '../../shared/contract';
import { createBridge, IPC_CALL } from '../../electron/ipc/electron-bridge';

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

describe('electron/preload.ts', () => {
  beforeAll(async () => {
    await import('../../electron/preload');
  });

  it('exposes one object, window.api, and nothing else', () => {
    expect(exposed.calls.map((c) => c.key)).toEqual(['api']);
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
