import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The renderer is built once and served both by browser mode (http://127.0.0.1)
// and by Electron's app:// protocol, so asset URLs are relative.
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    sourcemap: true,
    target: 'es2022',
    // One bundle read from local disk (app:// or 127.0.0.1), never over a network:
    // Lexical and React together are larger than Vite's web-page default.
    chunkSizeWarningLimit: 1500,
  },
});
