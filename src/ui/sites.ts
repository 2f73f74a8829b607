/**
 * Enabling a site from an extension page. The permission prompt must come from the page the
 * agent clicked in (browsers require a user gesture), then the background registers the content
 * script for it.
 */
import { browser } from '../shared/platform';
import { send } from '../shared/messaging';

/** `https://desk.example.com/*` from what the agent typed or the tab's URL, or null. */
export function sitePattern(input: string): string | null {
  const text = input.trim();
  const candidate = /^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}`;
  if (!URL.canParse(candidate)) return null;
  const url = new URL(candidate);
  if ((url.protocol !== 'https:' && url.protocol !== 'http:') || !url.hostname.includes('.') && url.hostname !== 'localhost') return null;
  return `${url.protocol}//${url.hostname}/*`;
}

export async function enableSite(pattern: string): Promise<boolean> {
  const granted = await browser.permissions.request({ origins: [pattern] });
  if (granted) await send('sites/sync', {});
  return granted;
}

export function siteLabel(pattern: string): string {
  return pattern.replace(/\/\*$/, '');
}
