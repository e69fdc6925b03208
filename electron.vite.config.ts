// electron-vite: the main process, the preload and the renderer, built into out/.
//
// main     ESM (package.json is "type": "module"), out/main/index.js, and beside it the worker
//          threads' entries ledger-worker.js and export-worker.js; every dependency stays
//          external and is loaded from node_modules at run time — better-sqlite3 must be, as it
//          is a native addon loaded through its nativeBinding option (out/native/electron).
// preload  CommonJS, out/preload/index.cjs, one self-contained file: a sandboxed preload can
//          `require` only 'electron' (and a few built-ins), so nothing else may stay external.
// renderer renderer/vite.config.ts is the one source of the renderer build (browser mode uses
//          it through `npm run build:renderer`); it is loaded here when it exists, so this file
//          also builds main and preload in a checkout without a renderer.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { defineConfig, type RendererViteConfig } from 'electron-vite';
import { loadConfigFromFile, type ConfigEnv } from 'vite';

const root = import.meta.dirname;

async function rendererConfig(env: ConfigEnv): Promise<RendererViteConfig | undefined> {
  const file = resolve(root, 'renderer/vite.config.ts');
  if (!existsSync(file) || !existsSync(resolve(root, 'renderer/index.html'))) return undefined;
  const loaded = await loadConfigFromFile(env, file, root);
  const config = loaded?.config ?? {};
  return {
    ...config,
    root: resolve(root, 'renderer'),
    build: {
      ...config.build,
      outDir: resolve(root, 'out/renderer'),
      rollupOptions: { input: resolve(root, 'renderer/index.html') },
    },
  };
}

export default defineConfig(async (env) => ({
  main: {
    build: {
      outDir: resolve(root, 'out/main'),
      externalizeDeps: true,
      rollupOptions: {
        // The worker threads' entries (electron/workers/off-thread.ts finds them beside index.js).
        input: {
          index: resolve(root, 'electron/main.ts'),
          'ledger-worker': resolve(root, 'electron/workers/ledger-worker.ts'),
          'export-worker': resolve(root, 'electron/workers/export-worker.ts'),
        },
        output: { format: 'es', entryFileNames: '[name].js', chunkFileNames: '[name]-[hash].js' },
      },
    },
  },
  preload: {
    build: {
      outDir: resolve(root, 'out/preload'),
      // Bundle everything the preload imports; 'electron' itself is always external.
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve(root, 'electron/preload.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: await rendererConfig(env),
}));
