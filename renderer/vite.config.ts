import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'vite';
import { compressAssets } from './build/compress-assets.js';

export default defineConfig({
  root: import.meta.dirname,
  base: './',
  plugins: [svelte(), compressAssets()],
  // livekit-client alone is ~570 kB minified; it sits in the lazy meeting chunk (lib/meeting-chunk.ts).
  build: { outDir: '../dist/renderer', emptyOutDir: true, target: 'chrome130', chunkSizeWarningLimit: 700 },
});
