/**
 * Identifier normalisation and "is this us?" checks.
 *
 * DOM-free and dependency-free: imported by content scripts (so it must stay small), by the
 * service worker and by the hub. Authoritative phone parsing lives in `phone.ts`
 * (libphonenumber); `phoneE164Lite` here is a cheap best-effort for content scripts.
 */

/** Same union as `HandleNetwork` in adapters/types.ts, kept here so core never imports DOM types. */
export type SocialNetwork = 'x' | 'instagram' | 'facebook' | 'linkedin' | 'tiktok' | 'unknown';

/** Structurally identical to `OwnIdentity` in adapters/types.ts. */
export interface OwnIdentityLike {
  domains: readonly string[];
  signatures: readonly string[];
}

// Deliberately loose: pages show addresses, not RFC 5322 edge cases. IDN domains are matched in
// their ASCII (punycode) form, so the top-level domain may be `xn--…`.
const EMAIL_RE = /^[a-z0-9._%+'-]+@[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:[a-z]{2,24}|xn--[a-z0-9-]{1,59})$/;
// File names such as logo@2x.png look like e-mails.
const FILE_TLDS = new Set(['png', 'jpg', 'jpeg', 'gif', 'svg', 'webp', 'avif', 'ico', 'css', 'js']);

/** The address in a `mailto:` link (query dropped, percent-decoded), the text itself otherwise; null when undecodable. */
export function stripMailto(text: string): string | null {
  if (!/^mailto:/i.test(text)) return text;
  try {
    return decodeURIComponent(text.slice(7).split('?')[0] ?? '');
  } catch {
    return null;
  }
}

/** Trimmed, lower-cased e-mail (accepts `mailto:` and `<…>`), or null when it is not one. */
export function normalizeEmail(raw: string): string | null {
  let s = stripMailto(raw.trim());
  if (s === null) return null;
  s = s.replace(/^<|>$/g, '').trim().toLowerCase();
  if (!EMAIL_RE.test(s) || s.includes('..')) return null;
  const tld = s.slice(s.lastIndexOf('.') + 1);
  return FILE_TLDS.has(tld) ? null : s;
}

export function emailDomain(email: string): string {
  return email.slice(email.lastIndexOf('@') + 1).toLowerCase();
}

/** Mailbox providers anyone can sign up with: sharing one says nothing about being on a team. */
const PUBLIC_MAIL = /^(?:gmail|googlemail|outlook|hotmail|live|msn|yahoo|ymail|icloud|me|mac|aol|gmx|web|mail|proton|protonmail|pm|orange|wanadoo|free|sfr|neuf|laposte|bbox|numericable|skynet|bluewin|videotron|sympatico|yandex|zoho)\.[a-z.]{2,6}$/;

export function isPublicMailDomain(domain: string): boolean {
  return PUBLIC_MAIL.test(domain.toLowerCase());
}

/**
 * Key for matching one mailbox written several ways: drops `+tags`; for Gmail only, drops dots
 * and folds googlemail.com (other providers treat dots as significant).
 */
export function emailMatchKey(raw: string): string | null {
  const email = normalizeEmail(raw);
  if (!email) return null;
  const at = email.lastIndexOf('@');
  let local = email.slice(0, at).split('+')[0] ?? '';
  let domain = email.slice(at + 1);
  if (domain === 'gmail.com' || domain === 'googlemail.com') {
    local = local.replace(/\./g, '');
    domain = 'gmail.com';
  }
  return local ? `${local}@${domain}` : null;
}

/** True when the e-mail's domain is one of `domains` or a subdomain of one. */
export function isOwnDomain(email: string, domains: readonly string[]): boolean {
  const d = emailDomain(email);
  return domains.some((own) => {
    const o = own.trim().toLowerCase().replace(/^@/, '');
    return o !== '' && (d === o || d.endsWith(`.${o}`));
  });
}

const ROLE_LOCAL =
  /^(?:no[-_.]?reply|do[-_.]?not[-_.]?reply|ne[-_.]?pas[-_.]?repondre|notifications?|notify|alerts?|mailer[-_.]?daemon|postmaster|bounces?|support|help|helpdesk|newsletters?|news|webmaster|service[-_.]?clients?|sav|ticket|tickets)(?:[-_.+].*)?$/;

/** Role mailboxes (no-reply, support@, notifications@…) are rarely the customer. */
export function isRoleAddress(email: string): boolean {
  return ROLE_LOCAL.test(email.slice(0, email.lastIndexOf('@')).toLowerCase());
}

const PLACEHOLDER_DOMAINS =
  /^(?:example|exemple|domain|domaine|yourdomain|votredomaine|test|email|company|entreprise|societe)\.(?:com|org|net|fr)$/;
const PLACEHOLDER_LOCALS = new Set([
  'you', 'your.name', 'yourname', 'your.email', 'name', 'email', 'user', 'username',
  'firstname.lastname', 'prenom.nom', 'votre.nom', 'votre.email', 'vous', 'john.doe', 'jane.doe',
]);

/** Addresses used as examples in forms and docs (`name@example.com`, `prenom.nom@…`). */
export function isPlaceholderEmail(email: string): boolean {
  const at = email.lastIndexOf('@');
  return PLACEHOLDER_DOMAINS.test(email.slice(at + 1)) || PLACEHOLDER_LOCALS.has(email.slice(0, at));
}

const NETWORK_HOSTS: Record<string, SocialNetwork> = {
  'x.com': 'x',
  'twitter.com': 'x',
  'instagram.com': 'instagram',
  'facebook.com': 'facebook',
  'fb.com': 'facebook',
  'linkedin.com': 'linkedin',
  'tiktok.com': 'tiktok',
  // Messenger links name the Facebook profile.
  'm.me': 'facebook',
};

// First path segments that are app pages, not profiles.
const RESERVED: Partial<Record<SocialNetwork, Set<string>>> = {
  x: new Set(['home', 'i', 'intent', 'share', 'search', 'explore', 'notifications', 'messages', 'settings', 'hashtag', 'login', 'signup', 'tos', 'privacy', 'compose']),
  instagram: new Set(['_u', 'p', 'reel', 'reels', 'explore', 'accounts', 'stories', 'direct', 'about', 'legal', 'tv']),
  facebook: new Set(['people', 'sharer', 'sharer.php', 'share', 'share.php', 'pages', 'groups', 'events', 'watch', 'messages', 'login', 'dialog', 'help', 'policies', 'privacy', 'marketplace', 'gaming', 'hashtag', 'photo', 'photo.php', 'story.php', 'permalink.php', 'plugins', 'tr', 'business']),
};

/** The network a host belongs to (`www.`, `m.`, `fr.` … prefixes allowed), or null. */
export function networkOfHost(host: string): SocialNetwork | null {
  const h = host.toLowerCase().replace(/\.$/, '');
  for (const [base, network] of Object.entries(NETWORK_HOSTS)) {
    if (h === base || h.endsWith(`.${base}`)) return network;
  }
  return null;
}

const HANDLE_BODY = /^[\p{L}\p{N}_.-]{1,100}$/u;

/** Handle from a profile URL (x.com/name, instagram.com/name, facebook.com/name, linkedin.com/in/name, tiktok.com/@name). */
export function parseProfileUrl(href: string): { network: SocialNetwork; handle: string } | null {
  let url: URL;
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:/i.test(href) ? href : `https://${href.replace(/^\/\//, '')}`);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  const network = networkOfHost(url.hostname);
  if (!network) return null;
  const parts = url.pathname.split('/').filter(Boolean).map(safeDecode);
  let name: string | undefined;
  if (network === 'linkedin') name = parts[0] === 'in' ? parts[1] : undefined;
  else if (network === 'tiktok') name = parts[0]?.startsWith('@') ? parts[0] : undefined;
  else if (network === 'facebook' && parts[0] === 'profile.php') name = url.searchParams.get('id') ?? undefined;
  // facebook.com/people/Marie-Dupont/100012345: the numeric id is the stable part.
  else if (network === 'facebook' && parts[0] === 'people') name = parts[2];
  else if (network === 'x' && parts[0] === 'intent') name = url.searchParams.get('screen_name') ?? undefined;
  // instagram.com/_u/name is the app deep link to a profile.
  else if (network === 'instagram' && parts[0] === '_u') name = parts[1];
  else name = parts[0];
  if (!name) return null;
  const bare = name.replace(/^@/, '').toLowerCase();
  if (RESERVED[network]?.has(bare)) return null;
  return HANDLE_BODY.test(bare) ? { network, handle: `@${bare}` } : null;
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** `@handle`, lower-cased; accepts `@Name`, `Name` or a profile URL. Null when not a handle. */
export function normalizeHandle(network: SocialNetwork, raw: string): string | null {
  const s = raw.trim();
  if (/[/]/.test(s) || /^https?:/i.test(s)) {
    const parsed = parseProfileUrl(s);
    return parsed && (network === 'unknown' || parsed.network === network) ? parsed.handle : null;
  }
  const bare = s.replace(/^@/, '').toLowerCase();
  return HANDLE_BODY.test(bare) ? `@${bare}` : null;
}

/** Calling codes for regions whose national numbers start with a trunk `0` that E.164 drops. */
const TRUNK_ZERO: Record<string, string> = {
  FR: '33', BE: '32', CH: '41', DE: '49', AT: '43', GB: '44', IE: '353', NL: '31', SE: '46',
  MA: '212', TN: '216', DZ: '213',
};
const NO_TRUNK: Record<string, string> = { IT: '39', ES: '34', PT: '351', LU: '352', MC: '377' };

/**
 * Best-effort E.164 without metadata, for content scripts: `+`/`00` prefixes, `(0)`, trunk `0`
 * for a few regions. The service worker re-checks with `normalizePhone` (libphonenumber).
 */
export function phoneE164Lite(raw: string, defaultRegion = 'FR'): string | null {
  const s = raw.trim().replace(/^tel:/i, '').replace(/\(0\)/g, '');
  let digits = s.replace(/\D/g, '');
  let intl = s.startsWith('+');
  if (!intl && digits.startsWith('00')) {
    digits = digits.slice(2);
    intl = true;
  }
  const region = defaultRegion.toUpperCase();
  if (!intl) {
    const trunk = TRUNK_ZERO[region];
    const plain = NO_TRUNK[region];
    if (trunk && digits.startsWith('0')) digits = trunk + digits.slice(1);
    else if ((region === 'US' || region === 'CA') && digits.length === 10) digits = `1${digits}`;
    else if (plain) digits = plain + digits;
    else return null;
  }
  // Fixed lengths for the commonest codes (FR, NANP) weed out order numbers and references.
  if ((digits.startsWith('33') || digits.startsWith('1')) && digits.length !== 11) return null;
  return digits.length >= 8 && digits.length <= 15 && !digits.startsWith('0') ? `+${digits}` : null;
}

/** Lower case, no accents, single spaces: for comparing names and signature lines. */
export function foldText(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** Whole-word containment on folded text. */
function containsWords(haystack: string, needle: string): boolean {
  if (!needle) return false;
  const i = haystack.indexOf(needle);
  if (i < 0) return false;
  const before = haystack[i - 1];
  const after = haystack[i + needle.length];
  const isWord = (c: string | undefined) => c !== undefined && /[\p{L}\p{N}]/u.test(c);
  return !isWord(before) && !isWord(after);
}

const EMAIL_IN_TEXT = /[a-z0-9._%+'-]+@[a-z0-9.-]+\.[a-z]{2,24}/gi;
const HANDLE_IN_TEXT = /(?<![\w@.])@([\p{L}\p{N}_.]{1,50})/gu;
const PHONE_IN_TEXT = /(?:\+|\b0)[\d\s.()-]{7,20}\d/g;

/** A compiled view of the agent's own identity, for many fast checks during one read. */
export interface OwnMatcher {
  email(email: string): boolean;
  handle(handle: string): boolean;
  /** Compares the last 9 digits, so `06…` and `+33 6…` match. */
  phone(phone: string): boolean;
  name(name: string): boolean;
}

export function compileOwn(own: OwnIdentityLike): OwnMatcher {
  const emailKeys = new Set<string>();
  const handles = new Set<string>();
  const phones = new Set<string>();
  const lines: string[] = [];
  for (const sig of own.signatures) {
    for (const m of sig.match(EMAIL_IN_TEXT) ?? []) {
      const key = emailMatchKey(m);
      if (key) emailKeys.add(key);
    }
    for (const m of sig.matchAll(HANDLE_IN_TEXT)) if (m[1]) handles.add(`@${m[1].toLowerCase()}`);
    for (const m of sig.match(PHONE_IN_TEXT) ?? []) {
      const key = phoneKey(m);
      if (key) phones.add(key);
    }
    const bare = foldText(sig.replace(EMAIL_IN_TEXT, ' ').replace(/[<>()[\]"|,;]/g, ' '));
    // A lone token with digits, `_` or `.` is a handle typed without `@`; plain words are names.
    if (/^[\p{L}\p{N}_.-]{2,}$/u.test(bare) && /[\d_.]/.test(bare)) handles.add(`@${bare}`);
    if (bare.length >= 2) lines.push(bare);
  }
  const domains = own.domains;
  return {
    email(email) {
      const key = emailMatchKey(email);
      return isOwnDomain(email, domains) || (key !== null && emailKeys.has(key));
    },
    handle(handle) {
      return handles.has(handle.toLowerCase());
    },
    phone(phone) {
      const key = phoneKey(phone);
      return key !== null && phones.has(key);
    },
    name(name) {
      // "Jean Martin (Acme)" / "Jean Martin <jean@…>": compare the name part.
      const n = foldText(name.split(/[<([]/)[0] ?? '');
      if (n.length < 2) return false;
      const words = n.split(' ').length;
      // A signature line contains the agent's full name; a single first name inside it is too weak.
      return lines.some(
        (line) => line === n || (line.length >= 3 && containsWords(n, line)) || (words >= 2 && containsWords(line, n)),
      );
    },
  };
}

function phoneKey(raw: string): string | null {
  const digits = raw.replace(/\D/g, '');
  return digits.length >= 8 ? digits.slice(-9) : null;
}

export type IdentifierKindLike = 'email' | 'phone' | 'handle' | 'app-id';

/** One-off check; for many checks in a row use `compileOwn`. */
export function isOwnIdentity(kind: IdentifierKindLike, value: string, own: OwnIdentityLike): boolean {
  const m = compileOwn(own);
  if (kind === 'email') return m.email(value);
  if (kind === 'phone') return m.phone(value);
  if (kind === 'handle') return m.handle(value);
  return false;
}
