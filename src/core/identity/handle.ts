/**
 * Social handles per network, from `@Name`, `Name` or a profile URL. Each network's own username
 * rules decide what is valid; only Facebook's documented "periods don't count" changes the
 * matching form.
 */
import { parseProfileUrl } from '../identifiers';

export type HandleNetwork = 'x' | 'instagram' | 'facebook' | 'linkedin' | 'tiktok' | 'whatsapp' | 'unknown';

export interface ParsedHandle {
  network: Exclude<HandleNetwork, 'whatsapp'>;
  /** `@Jules_W`: the case as written, for display. */
  display: string;
  /** `@jules_w`: the network's matching form. */
  matchBody: string;
}

// Username rules as each network documents them (lower-cased before testing).
const RULES: Record<ParsedHandle['network'], RegExp> = {
  x: /^[a-z0-9_]{1,15}$/,
  instagram: /^(?!.*\.\.)(?!\.)[a-z0-9._]{1,30}(?<!\.)$/,
  // Vanity names (5+ characters of letters, digits, dots) or numeric profile ids.
  facebook: /^(?:[a-z0-9.]{5,50}|\d{5,20})$/,
  linkedin: /^[\p{L}\p{N}-]{3,100}$/u,
  tiktok: /^[a-z0-9._]{2,24}$/,
  unknown: /^[\p{L}\p{N}_.-]{1,100}$/u,
};

/**
 * The handle, or null when it breaks the network's rules or a URL points at another network.
 * With `network` unknown, a profile URL tells the network itself.
 */
export function parseHandle(raw: string, network: HandleNetwork = 'unknown'): ParsedHandle | null {
  if (network === 'whatsapp') return null;
  const s = raw.normalize('NFKC').trim();
  let target = network;
  let body: string;
  if (s.includes('/') || /^https?:/i.test(s)) {
    const profile = parseProfileUrl(s);
    if (!profile || (network !== 'unknown' && profile.network !== network)) return null;
    target = profile.network === 'unknown' ? network : profile.network;
    // parseProfileUrl lower-cases; take the written case back from the URL when it is there.
    body = writtenCase(s, profile.handle.slice(1));
  } else {
    body = s.replace(/^@/, '');
  }
  const lower = body.toLowerCase();
  if (!RULES[target].test(lower)) return null;
  const matchBody = target === 'facebook' ? lower.replace(/\./g, '') : lower;
  return { network: target, display: `@${body}`, matchBody: `@${matchBody}` };
}

function writtenCase(source: string, lower: string): string {
  const i = source.toLowerCase().indexOf(lower);
  return i >= 0 ? source.slice(i, i + lower.length) : lower;
}

const WHATSAPP_HOSTS = /^(?:wa\.me|(?:api|web|chat)\.whatsapp\.com)$/i;

/**
 * The international number in a WhatsApp link (`wa.me/33612345678`,
 * `api.whatsapp.com/send?phone=…`, `whatsapp://send?phone=…`) as `+digits`, or null.
 */
export function whatsappLinkNumber(raw: string): string | null {
  const s = raw.trim();
  let url: URL;
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:/i.test(s) ? s : `https://${s}`);
  } catch {
    return null;
  }
  const digits =
    url.protocol === 'whatsapp:' || WHATSAPP_HOSTS.test(url.hostname)
      ? (url.searchParams.get('phone') ?? url.pathname.replace(/^\/+/, '').split('/')[0] ?? '')
      : '';
  // WhatsApp links always carry the country code, without `+`.
  const bare = digits.replace(/[\s+()-]/g, '');
  return /^\d{8,15}$/.test(bare) ? `+${bare}` : null;
}
