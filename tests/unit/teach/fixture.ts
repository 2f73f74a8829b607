/** The teach-mode fixture page (tests/fixtures/teach/), parsed into the test's DOM. */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

export const ATELIER_URL = 'http://127.0.0.1:4300/teach/2026-11-23-atelier-crm/#/clients/4821';

/** Loads the page into the global `document` (happy-dom), scripts left out. */
export function loadAtelier(): Document {
  const file = resolve(import.meta.dirname, '../../fixtures/teach/2026-11-23-atelier-crm/index.html');
  const html = readFileSync(file, 'utf8').replace(/<script>[\s\S]*?<\/script>/g, '');
  document.documentElement.innerHTML = new DOMParser().parseFromString(html, 'text/html').documentElement.innerHTML;
  return document;
}

export function $(selector: string): Element {
  const el = document.querySelector(selector);
  if (!el) throw new Error(`No ${selector} in the fixture`);
  return el;
}

/** Every element each selector finds. */
export const found = (selectors: readonly string[]) => selectors.map((s) => Array.from(document.querySelectorAll(s)));

/** Something the page adds later that has nothing to do with the customer: a banner, a toast. */
export function addUnrelatedContent(): void {
  const main = $('main');
  const banner = document.createElement('section');
  banner.className = 'css-9z8y7x';
  banner.innerHTML = '<h1 class="css-k2j3h4">Nouveau : les étiquettes colorées</h1><a class="css-g5f4d3" href="/aide">Aide</a><span class="css-w2e3r4">v2</span>';
  main.prepend(banner);
  const toast = document.createElement('div');
  toast.innerHTML = '<article class="css-c1v2b3"><b>Sauvegardé</b><span>à l’instant</span></article>';
  document.body.append(toast);
}

/** What a `Pick` reads: the elements of the first alternative that finds any. */
export function firstFound(selectors: readonly string[]): Element[] {
  return found(selectors).find((list) => list.length) ?? [];
}
