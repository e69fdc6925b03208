/**
 * The sandboxed preload: exposes `window.api`, exactly one function per contract channel and
 * nothing else — no ipcRenderer, no Node API. Bundled as CommonJS (out/preload/index.cjs) so
 * the window keeps `sandbox: true`; it imports no zod (shared/channels.ts is a literal list).
 */
import { contextBridge, ipcRenderer } from 'electron';
import { createBridge } from './ipc/electron-bridge';

contextBridge.exposeInMainWorld(
  'api',
  createBridge((ipcChannel, channel, input) => ipcRenderer.invoke(ipcChannel, channel, input)),
);
