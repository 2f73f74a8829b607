/**
 * Which names in a page's markup are worth anchoring a taught selector on. Build tools generate
 * class names and ids that change with every release of the host app (CSS-in-JS hashes, CSS
 * modules, framework counters), utility classes describe looks rather than meaning, and some
 * attribute values are the customer's own data: none of these survive the next page or release.
 */

/** Attributes test suites and apps put on purpose to find elements again, best first. */
export const TEST_ATTRIBUTES = ['data-testid', 'data-test-id', 'data-test', 'data-qa', 'data-cy', 'data-automation-id'] as const;

/** Other meaningful attributes, in order of preference. */
export const MEANING_ATTRIBUTES = ['itemprop', 'name', 'aria-label', 'role', 'type', 'placeholder', 'title'] as const;

/** Framework bookkeeping, never meaning: React/Vue/Angular/Emotion/styled-components internals. */
const NOISE_ATTRIBUTE = /^(?:data-(?:reactid|reactroot|react-[\w-]*|v-[\w-]+|emotion|styled|styled-[\w-]*|rbd-[\w-]*|radix-[\w-]*|headlessui-[\w-]*|state|focus-visible-added|aria-hidden)|_ngcontent-.*|_nghost-.*|ng-.*)$/i;

/** Class name shapes build tools emit. */
const GENERATED_CLASS = [
  /^css-[a-z0-9]{4,}(?:-|$)/i, // emotion: css-1x2y3z, css-abc123-Button
  /^sc-[a-z0-9]{4,}/i, // styled-components component id
  /^jss\d+$/i, // JSS sheet counters
  /^(?:makeStyles|withStyles)-/, // MUI v4 generated names
  /^(?:svelte|astro|tw|emotion|styled|vue|ng|e|x)-[a-z0-9]{5,}$/i, // scoped-style hashes
  /^_[a-z0-9_-]{4,}$/i, // CSS modules without a readable part: _3xYz1
  /__[a-z0-9_-]{5}$/i, // CSS modules suffix: Header_title__3xYz1
];

/** Tailwind / Bootstrap style utilities: they say how an element looks, not what it is. */
const UTILITY_CLASS =
  /^-?(?:[mp][trblxyse]?|gap|space-[xy]|inset|top|left|right|bottom|w|h|min-[wh]|max-[wh]|size|z|order|col|row|grid-cols|grid-rows|col-span|row-span|basis|grow|shrink|flex|items|justify|content|self|place|text|font|leading|tracking|bg|from|to|via|border|rounded|shadow|ring|outline|opacity|overflow|cursor|select|transition|duration|ease|delay|transform|translate-[xy]|scale|rotate|skew|fill|stroke|line-clamp|aspect|object|d|align|float|clear|fs|fw|lh|g|gx|gy|ps|pe|ms|me|whitespace|break|list|decoration|divide|backdrop|blur|animate)-[\w.-]+$|^(?:flex|grid|block|inline|inline-block|inline-flex|hidden|contents|table|relative|absolute|fixed|sticky|static|truncate|italic|underline|uppercase|lowercase|capitalize|container|sr-only|clearfix|visible|invisible|shadow|rounded|border|grow|shrink|ml-auto|mr-auto|mx-auto|antialiased|col|row|d-none|d-flex|d-block|w-100|h-100|small|lead|muted|active|show|open|selected|focus|hover|disabled|is-active|is-open|is-selected|is-focused|is-hovered)$/;

const VOWEL = /[aeiou]/i;

/** A token made by a machine: long digit runs, letters and digits interleaved, no vowels. */
export function looksRandom(token: string): boolean {
  if (/\d{3,}/.test(token)) return true;
  for (const part of token.split(/[-_:.]+/)) {
    if (!part) continue;
    const letters = part.replace(/[^a-z]/gi, '');
    // Digits and letters mixed inside one short word: "3xYz1", "a1b2c3", "k9d7"; not "h2" or "v2".
    if (/\d/.test(part) && letters.length && part.length >= 4 && !/^[a-z]+\d{1,2}$/i.test(part)) return true;
    // Case flips in a short word with few vowels: styled-components' "kQWpJc", "eCrYMa";
    // camelCase words ("isOpen", "myButton") flip once or keep their vowels.
    const flips = part.match(/[a-z][A-Z]|[A-Z]{2}[a-z]/g)?.length ?? 0;
    const vowels = letters.split('').filter((c) => VOWEL.test(c)).length;
    if (flips >= 2 && part.length <= 8 && vowels / Math.max(letters.length, 1) < 0.4) return true;
    if (letters.length >= 6 && vowels === 0) return true;
  }
  return false;
}

export function isStableClass(name: string): boolean {
  if (name.length < 2 || name.length > 48) return false;
  // Variant prefixes (md:, hover:) and arbitrary values (w-[12px], w-1/2) are utilities.
  if (/[:/[\]()!@#%]/.test(name)) return false;
  if (GENERATED_CLASS.some((re) => re.test(name)) || UTILITY_CLASS.test(name)) return false;
  return !looksRandom(name);
}

/**
 * An id the app gave on purpose (`customer-card`), not a counter (`ember412`, `:r3:`,
 * `react-select-2-input`), a UUID, or a record's own id (`customer-4821`).
 */
export function isStableId(id: string): boolean {
  if (!id || id.length > 48 || /[:\s]/.test(id)) return false;
  if (/\d/.test(id) && /(?:^|[-_])\d+(?:[-_]|$)|\d{2,}|\d$/.test(id)) return false;
  return !looksRandom(id);
}

export function isNoiseAttribute(name: string): boolean {
  return NOISE_ATTRIBUTE.test(name);
}

/**
 * An attribute value that names a kind of thing (`customer-email`, `message`), rather than one
 * customer's data (an address, a number, their name as shown in `text`).
 */
export function isStableValue(value: string, text = ''): boolean {
  const v = value.trim();
  if (!v || v.length > 40 || /[@\n"\\]/.test(v) || /\d{2,}/.test(v)) return false;
  const shown = text.trim().toLowerCase();
  if (shown && (shown.includes(v.toLowerCase()) || v.toLowerCase().includes(shown))) return false;
  return !looksRandom(v);
}
