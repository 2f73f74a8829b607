// Svelte options shared by the Vite plugin and svelte-check (which would otherwise load
// vite.config.ts, and with it the extension build's plugins).
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

export default { preprocess: vitePreprocess() };
