import { join } from 'node:path';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'vite';
import { compressAssets } from './build/compress-assets.js';

export default defineConfig({
  root: import.meta.dirname,
  base: './',
  plugins: [svelte(), compressAssets()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    target: 'chrome130',
    // livekit-client alone is ~570 kB minified; it sits in the lazy meeting chunk (lib/meeting-chunk.ts).
    chunkSizeWarningLimit: 700,
    // Two pages: the app window, and the desktop's small ring window (src/ring/).
    rollupOptions: {
      input: { main: join(import.meta.dirname, 'index.html'), ring: join(import.meta.dirname, 'ring.html') },
    },
  },
});
