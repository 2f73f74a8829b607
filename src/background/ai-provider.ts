/**
 * The LLM provider settings and the `ai/*` messages. Suggestions run their model request in the
 * visible sidebar or options page (MV3: the worker may stop mid-stream), so those pages ask for
 * the provider with `ai/provider`; the router accepts it only from them, never from a content
 * script. The settings live in the extension's IndexedDB (`syncState`, beside the hub token):
 * content scripts can read `storage.local`, not the extension origin's IndexedDB. `ai/settings`
 * never returns the key, only whether one is stored.
 */
import { z } from 'zod';
import type { AiProviderAnswer, AiProviderView, AiSettingsRequest } from '../shared/messages';
import type { ContinuumDb } from '../storage/db';
import type { Handlers, SenderContext } from './router';
import { getPairing } from './sync/sync-state';

const KEY = 'ai-provider';
/** The hub's OpenAI-compatible proxy (server/llm) and the model name that means "the team's". */
export const HUB_LLM_PATH = '/v1/llm';
export const HUB_MODEL = 'team';
export const OPENAI_DEFAULTS = { baseURL: 'https://api.openai.com/v1', model: 'gpt-4o-mini' } as const;

const storedSchema = z.object({
  mode: z.enum(['none', 'openai', 'hub']),
  // Kept when another mode is chosen, so switching back does not ask for the key again.
  openai: z.object({ baseURL: z.string(), model: z.string(), apiKey: z.string().nullable() }),
});
type StoredAiSettings = z.infer<typeof storedSchema>;
const DEFAULTS: StoredAiSettings = { mode: 'none', openai: { ...OPENAI_DEFAULTS, apiKey: null } };

export async function loadAiSettings(db: ContinuumDb): Promise<StoredAiSettings> {
  const parsed = storedSchema.safeParse((await db.syncState.get(KEY))?.value);
  return parsed.success ? parsed.data : DEFAULTS;
}

export async function saveAiSettings(db: ContinuumDb, request: AiSettingsRequest): Promise<void> {
  const current = await loadAiSettings(db);
  const openai = { ...current.openai };
  if (request.openai) {
    openai.baseURL = request.openai.baseURL.replace(/\/+$/, '');
    openai.model = request.openai.model;
    if (request.openai.apiKey !== undefined) openai.apiKey = request.openai.apiKey || null;
  }
  await db.syncState.put({ key: KEY, value: { mode: request.mode, openai } satisfies StoredAiSettings });
}

export async function aiProviderView(db: ContinuumDb): Promise<AiProviderView> {
  const [settings, pairing] = await Promise.all([loadAiSettings(db), getPairing(db)]);
  const { apiKey, ...openai } = settings.openai;
  return {
    mode: settings.mode,
    openai: { ...openai, hasApiKey: apiKey !== null },
    hub: { paired: Boolean(pairing && !pairing.revoked), teamName: pairing?.team.name ?? null },
  };
}

/** The provider to run model requests with, or null (local suggestions) and why. */
export async function resolveAiProvider(db: ContinuumDb): Promise<AiProviderAnswer> {
  const settings = await loadAiSettings(db);
  if (settings.mode === 'openai') {
    const { baseURL, model, apiKey } = settings.openai;
    return apiKey ? { mode: 'openai', provider: { baseURL, model, apiKey } } : { mode: 'openai', provider: null, reason: 'no-api-key' };
  }
  if (settings.mode === 'hub') {
    const pairing = await getPairing(db);
    if (!pairing) return { mode: 'hub', provider: null, reason: 'hub-not-paired' };
    if (pairing.revoked) return { mode: 'hub', provider: null, reason: 'hub-revoked' };
    // The member token is the key: the hub holds the provider's key and applies the team's limits.
    return { mode: 'hub', provider: { baseURL: pairing.hubUrl.replace(/\/+$/, '') + HUB_LLM_PATH, apiKey: pairing.token, model: HUB_MODEL } };
  }
  return { mode: 'none', provider: null };
}

type AiMessage = 'ai/settings' | 'ai/save-settings' | 'ai/provider';

export function createAiProviderHandlers(deps: { db: () => ContinuumDb; sessionTab: (session: string, sender: SenderContext) => Promise<number> }) {
  return {
    async 'ai/settings'() {
      return aiProviderView(deps.db());
    },
    async 'ai/save-settings'(request) {
      await saveAiSettings(deps.db(), request);
      return aiProviderView(deps.db());
    },
    async 'ai/provider'({ session }, sender) {
      // A sidebar speaks for a tab only after its handshake; the router already refused content scripts.
      if (sender.role === 'sidebar') await deps.sessionTab(session ?? '', sender);
      return resolveAiProvider(deps.db());
    },
  } satisfies Pick<Handlers, AiMessage>;
}
