// The renderer build: one static bundle that works from a file:// URL (Electron) or from the
// browser-mode server, hence the relative base. No inline scripts: the CSP forbids them.
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const here = import.meta.dirname;

export default defineConfig({
  root: here,
  base: './',
  plugins: [react()],
  build: {
    outDir: `${here}/../out/renderer`,
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
    modulePreload: { polyfill: false },
  },
});
