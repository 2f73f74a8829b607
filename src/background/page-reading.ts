/**
 * What happens when a page is read: the identifiers on screen go through the identity graph
 * (link, attach, merge or flag a conflict), the messages join the customer's timeline, and the
 * tab remembers which customer and conversation it shows.
 */
import { v7 as uuidv7 } from 'uuid';
import type { Detection } from '../adapters/types';
import { normaliseIdentifier, type Identifier } from '../core/identity/identifier';
import { resolveSighting, type SightingResult } from '../core/identity/graph';
import type { Settings } from '../shared/schemas';
import { db } from '../storage/db';
import { loadSlice, saveChanges } from '../storage/identity-store';
import type { Place } from '../core/timeline/event';
import { appendEvents, commitmentEvents, keepPageOrder, messageEvents } from '../storage/timeline-store';
import { setTabState, tabState, type TabState } from './session-store';
import { isQuotaError } from '../storage/retention';
import { ContinuumError, ErrorCode } from '../shared/errors';

/**
 * Below this score an identifier is more likely someone else on the page (a list of other
 * conversations, a footer) than the customer, and is not linked to them.
 */
export const MIN_LINK_SCORE = 0.35;

/** The identifiers worth linking, normalised; phones checked with libphonenumber-js. */
export function sightingIdentifiers(detection: Detection, defaultRegion: string): Identifier[] {
  const seen = new Set<string>();
  const result: Identifier[] = [];
  for (const detected of detection.customer.identifiers) {
    if (detected.score < MIN_LINK_SCORE) continue;
    const network = detected.network === 'unknown' ? undefined : detected.network;
    const identifier = normaliseIdentifier(detected.kind === 'phone' ? detected.raw : detected.value, detected.kind, { defaultRegion, network });
    if (identifier && !seen.has(identifier.key)) {
      seen.add(identifier.key);
      result.push(identifier);
    }
  }
  return result;
}

/** The channel a generic reading came through: the social network of its handle, else e-mail or web. */
export function channelOf(identifiers: readonly Identifier[]): string {
  return identifiers.find((i) => i.kind === 'handle' && i.network)?.network ?? (identifiers.some((i) => i.kind === 'email') ? 'email' : 'web');
}

export interface ReadingContext {
  tabId: number;
  origin: string;
  url: string;
  pageUrl: string;
  settings: Settings;
  now?: number;
  /**
   * Called once the tab's state names a customer it did not show before, while the messages are
   * still being stored: the sidebar can show who it is without waiting for them (a view pushed
   * again afterwards adds them).
   */
  onIdentified?: () => Promise<void>;
}

export async function recordReading(detection: Detection | null, context: ReadingContext): Promise<SightingResult | null> {
  try {
    return await storeReading(detection, context);
  } catch (error) {
    if (!isQuotaError(error)) throw error;
    // Say so in the sidebar rather than fail silently: nothing already stored is lost.
    await setTabState(context.tabId, { site: context.origin, pageUrl: context.pageUrl, status: 'none', storageFull: true });
    throw new ContinuumError(ErrorCode.StorageFull, 'The browser has no room left to store this conversation');
  }
}

async function storeReading(detection: Detection | null, context: ReadingContext): Promise<SightingResult | null> {
  const { tabId, origin, pageUrl, settings } = context;
  const now = context.now ?? Date.now();
  const base: TabState = { site: origin, pageUrl, status: 'none' };
  if (!detection) {
    await setTabState(tabId, base);
    return null;
  }
  const identifiers = sightingIdentifiers(detection, settings.defaultRegion);
  const name = detection.customer.name ? normaliseIdentifier(detection.customer.name, 'name') : null;
  const state = await loadSlice(db(), [...identifiers.map((i) => i.key), ...(name ? [name.key] : [])]);
  const channel = channelOf(identifiers);
  const result = resolveSighting(
    state,
    { identifiers, displayName: detection.customer.name, tool: detection.adapter, channel },
    {
      ownIdentities: { domains: settings.teamDomains, signatures: settings.signatures },
      sharedAddresses: settings.sharedAddresses,
      defaultRegion: settings.defaultRegion,
      now,
      newId: uuidv7,
      actor: 'agent',
    },
  );
  await saveChanges(db(), result.changes, now);
  const conversationKey = detection.conversation.key;
  const shows: TabState = {
    ...base,
    status: result.outcome === 'conflict' ? 'conflict' : result.customerId ? 'detected' : 'none',
    conversationKey,
    ...(result.customerId ? { customerId: result.customerId } : {}),
    ...(result.conflict ? { conflictWith: result.conflict.customerIds } : {}),
  };
  try {
    if (result.subject && context.onIdentified) {
      const shown = await tabState(tabId);
      if (shown?.customerId !== shows.customerId || shown?.conversationKey !== conversationKey) {
        await setTabState(tabId, { ...shows, reading: true });
        await context.onIdentified();
      }
    }
    const place = { tool: detection.adapter, channel, conversationKey, url: context.url };
    if (result.subject) await storeMessages(result.subject, detection, place, context, now);
  } finally {
    // Done reading (or failed to store): the sidebar gets the full view, never a view left half-read.
    await setTabState(tabId, shows);
  }
  return result;
}

/** The messages on screen join the customer's timeline, with the promises the agent made in them. */
async function storeMessages(subject: NonNullable<SightingResult['subject']>, detection: Detection, place: Place, context: ReadingContext, now: number): Promise<void> {
  const { settings } = context;
  const read = detection.conversation.messages;
  const messages = await keepPageOrder(db(), await messageEvents(subject, place, read, now), read);
  await appendEvents(db(), [...messages, ...commitmentEvents(messages, settings.language === 'auto' ? undefined : settings.language)]);
  await db().conversations.put({
    key: place.conversationKey,
    customerId: subject.customerId,
    site: context.origin,
    pageUrl: context.pageUrl,
    adapter: detection.adapter,
    confidence: detection.confidence,
    lastSeenAt: now,
  });
}
