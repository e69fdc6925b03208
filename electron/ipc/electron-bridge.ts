/**
 * The renderer half of the Electron IPC door, used by the preload: `window.api` built from
 * the contract's channel list, one function per channel and nothing else. Pure (no 'electron'
 * import and no zod): the preload passes `ipcRenderer.invoke`, tests pass a fake.
 */
import type { Bridge } from '../../shared/bridge';
import { CHANNEL_NAMES } from '../../shared/channels';

/** The single IPC channel every API call travels on: (channel, input) → Result. */
export const IPC_CALL = 'credit-desk:call';

/** Sends one call to the main process; the preload passes `(…args) => ipcRenderer.invoke(…args)`. */
export type Invoke = (ipcChannel: typeof IPC_CALL, channel: string, input: unknown) => Promise<unknown>;

/**
 * One function per channel. Each takes exactly one argument, so the page cannot smuggle extra
 * arguments across, and the returned object is frozen.
 */
export function createBridge(invoke: Invoke): Bridge {
  const api: Record<string, (input: unknown) => Promise<unknown>> = {};
  for (const channel of CHANNEL_NAMES) {
    api[channel] = (input: unknown) => invoke(IPC_CALL, channel, input);
  }
  return Object.freeze(api) as unknown as Bridge;
}
