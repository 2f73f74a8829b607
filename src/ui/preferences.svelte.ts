/**
 * Language and theme for an extension page, kept live: a change in the options page reaches an
 * open sidebar at once.
 */
import { browser } from '../shared/platform';
import { loadSettings } from '../shared/settings';
import { resolveLocale, translator, type Translate } from '../shared/i18n';
import type { Settings } from '../shared/schemas';

export interface Preferences {
  readonly t: Translate;
  readonly locale: 'en' | 'fr';
}

function applyTheme(theme: Settings['theme']): void {
  const dark = theme === 'dark' || (theme === 'auto' && matchMedia('(prefers-color-scheme: dark)').matches);
  document.documentElement.dataset.theme = dark ? 'dark' : 'light';
}

export function createPreferences(): Preferences {
  let language = $state<Settings['language']>('auto');
  let theme: Settings['theme'] = 'auto';
  const locale = $derived(resolveLocale(language));
  const t = $derived(translator(locale));

  function apply(settings: Settings) {
    language = settings.language;
    theme = settings.theme;
    document.documentElement.lang = resolveLocale(settings.language);
    applyTheme(theme);
  }

  applyTheme(theme);
  void loadSettings().then(apply);
  browser.storage.onChanged.addListener((changes, area) => {
    if (area === 'local' && changes.settings) void loadSettings().then(apply);
  });
  matchMedia('(prefers-color-scheme: dark)').addEventListener('change', () => applyTheme(theme));

  return {
    get t() {
      return t;
    },
    get locale() {
      return locale;
    },
  };
}
