/**
 * The sandboxed preload: exposes `window.api`, exactly one function per contract channel and
 * nothing else — no ipcRenderer, no Node API — and, separately, `window.creditDeskDesktop`:
 * how the window is connected (read from the arguments main.ts gave it) and the connection
 * settings dialog's three calls. Bundled as CommonJS (out/preload/index.cjs) so the window
 * keeps `sandbox: true`; it imports no zod (shared/channels.ts is a literal list).
 */
import { contextBridge, ipcRenderer } from 'electron';
import { createDesktopBridge } from './ipc/desktop-bridge';
import { createBridge } from './ipc/electron-bridge';

contextBridge.exposeInMainWorld(
  'api',
  createBridge((ipcChannel, channel, input) => ipcRenderer.invoke(ipcChannel, channel, input)),
);
contextBridge.exposeInMainWorld(
  'creditDeskDesktop',
  createDesktopBridge(process.argv, (channel, ...args) => ipcRenderer.invoke(channel, ...args)),
);
