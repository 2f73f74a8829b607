import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { crx } from '@crxjs/vite-plugin';
import { manifestFor, type BuildTarget } from './manifest.config.ts';

/**
 * Builds the extension pages and the background for one target (CONTINUUM_TARGET).
 * The content script is built separately as one classic script (scripts/build.mjs): it must
 * run without module loaders or web-accessible chunks on any host page.
 */
const target = (process.env.CONTINUUM_TARGET ?? 'chrome-dev') as BuildTarget;

export default defineConfig(({ command }) => ({
  plugins: [
    svelte(),
    // Only a build gets the extension plugin: tools that merely read this config (svelte-check)
    // must not have it empty dist/.
    command === 'build' && crx({ manifest: manifestFor(target) as never, browser: target.startsWith('firefox') ? 'firefox' : 'chrome' }),
  ],
  define: { __BUILD_TARGET__: JSON.stringify(target) },
  build: {
    outDir: `dist/${target}`,
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    rollupOptions: {
      // Pages the manifest does not name (the lead console is opened from settings).
      input: { sidebar: 'src/sidebar/index.html', console: 'src/console/index.html' },
    },
  },
  server: { cors: { origin: [/chrome-extension:\/\//, /moz-extension:\/\//] } },
}));
