/// <reference types="svelte" />
/// <reference types="vite/client" />

/** Which build this is: chrome, chrome-dev, firefox or firefox-dev (set by vite `define`). */
declare const __BUILD_TARGET__: string;
