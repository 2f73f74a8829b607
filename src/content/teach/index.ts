/**
 * Teach mode's entry: its own bundle (teach.js), injected into one tab by the background when the
 * agent asks (background/teach.ts), never loaded with the content script. Started again in the
 * same page, it replaces the previous overlay.
 */
import { send } from '../../shared/messaging';
import { defaultName } from '../../adapters/custom/teach-spec';
import { mountOverlay } from './overlay';
import { TeachSession } from './session';

const GUARD = '__continuumTeach';
const scope = globalThis as typeof globalThis & { [GUARD]?: { stop(): void } };

async function start(): Promise<void> {
  scope[GUARD]?.stop();
  const controller = new AbortController();
  scope[GUARD] = { stop: () => controller.abort() };

  let hello: Awaited<ReturnType<typeof send<'teach/hello'>>>;
  try {
    hello = await send('teach/hello', {});
  } catch {
    // Not started by the agent for this page (or the extension went away): show nothing.
    return controller.abort();
  }
  const session = new TeachSession(document, () => new URL(location.href), hello.region);
  const t = (key: string, name: string) => (hello.strings[key] ?? key).replace('{name}', name);

  mountOverlay({
    session,
    strings: hello.strings,
    signal: controller.signal,
    async save() {
      const url = new URL(location.href);
      const { picks } = session;
      if (!picks.name || !picks.reply) throw new Error('incomplete');
      const saved = await send('teach/save', { url: url.href, name: defaultName(document.title, url), picks: { ...picks, name: picks.name, reply: picks.reply } });
      return t(saved.siteEnabled ? 'teachSaved' : 'teachSavedNotEnabled', saved.name);
    },
    cancel() {
      void send('teach/cancel', {}).catch(() => undefined);
      controller.abort();
    },
  });
}

void start();
