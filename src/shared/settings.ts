/** Settings and per-site sidebar layout, kept in extension storage (never in a content script) and validated on every read. */
import { browser } from './platform';
import { DEFAULT_LAYOUT, DEFAULT_SETTINGS, settingsSchema, siteLayoutSchema, type Settings, type SiteLayout } from './schemas';

const SETTINGS_KEY = 'settings';
const LAYOUT_KEY = 'layouts';

export async function loadSettings(): Promise<Settings> {
  const stored = (await browser.storage.local.get(SETTINGS_KEY))[SETTINGS_KEY];
  // A bad stored value (an older version, a hand edit) falls back field by field, never throws.
  const merged = { ...DEFAULT_SETTINGS, ...(typeof stored === 'object' && stored ? stored : {}) };
  const parsed = settingsSchema.safeParse(merged);
  return parsed.success ? parsed.data : DEFAULT_SETTINGS;
}

export async function updateSettings(patch: Partial<Settings>): Promise<Settings> {
  const next = settingsSchema.parse({ ...(await loadSettings()), ...patch });
  next.teamDomains = [...new Set(next.teamDomains.map((d) => d.trim().toLowerCase().replace(/^@/, '')).filter(Boolean))];
  next.signatures = [...new Set(next.signatures.map((s) => s.trim()).filter(Boolean))];
  await browser.storage.local.set({ [SETTINGS_KEY]: next });
  return next;
}

type Layouts = Record<string, SiteLayout>;

async function loadLayouts(): Promise<Layouts> {
  const stored = (await browser.storage.local.get(LAYOUT_KEY))[LAYOUT_KEY];
  return typeof stored === 'object' && stored ? (stored as Layouts) : {};
}

export async function siteLayout(origin: string): Promise<SiteLayout> {
  const parsed = siteLayoutSchema.safeParse((await loadLayouts())[origin]);
  return parsed.success ? parsed.data : DEFAULT_LAYOUT;
}

export async function saveSiteLayout(origin: string, patch: Partial<SiteLayout>): Promise<SiteLayout> {
  const layouts = await loadLayouts();
  const next = siteLayoutSchema.parse({ ...(await siteLayout(origin)), ...patch });
  await browser.storage.local.set({ [LAYOUT_KEY]: { ...layouts, [origin]: next } });
  return next;
}
