/**
 * The generic adapter: finds the customer, the conversation and the reply box on any page.
 *
 * Runs in a content script on every opted-in site, so it stays lean: no libphonenumber (phones
 * get a best-effort E.164 that the service worker re-checks), one capped text walk, layout-free.
 */
import { compileOwn, emailDomain, isPublicMailDomain, networkOfHost } from '../../core/identifiers';
import type { Adapter, Detection, ReadContext } from '../types';
import { collectSignedIn } from './account';
import { conversationKey, findMessageBlocks, outboundBlocks, readConversation } from './conversation';
import { findDisplayName } from './display-name';
import { mainRoot } from './dom';
import { rankHits, type Ranked } from './ranking';
import { findReplyBox } from './reply-box';
import { scanPage } from './text-scan';

export const MAX_IDENTIFIERS = 25;

export const genericAdapter: Adapter = {
  id: 'generic',

  matches(ctx) {
    return /^(?:https?|file):$/.test(ctx.url.protocol) && ctx.document.body !== null;
  },

  read(ctx: ReadContext): Detection | null {
    const doc = ctx.document;
    if (!doc.body) return null;
    const region = ctx.defaultRegion || 'FR';
    const scan = scanPage(doc, { region, pageNetwork: networkOfHost(ctx.url.hostname) });
    // The signed-in user (the agent) joins the own identity for this read only.
    const signedIn = collectSignedIn(doc, scan.hits);
    // The signed-in agent's company domain is the team's too (not a public mailbox provider's).
    const signedInDomains = [...signedIn.values]
      .filter((key) => key.startsWith('email:'))
      .map((key) => emailDomain(key))
      .filter((domain) => !isPublicMailDomain(domain));
    const own = compileOwn({
      domains: [...ctx.own.domains, ...signedInDomains],
      signatures: [...ctx.own.signatures, ...signedIn.signatures],
    });
    const main = mainRoot(doc);
    const blocks = findMessageBlocks(doc);
    const ranked = rankHits(scan.hits, { own, main, excluded: signedIn.values, outbound: outboundBlocks(blocks, own) });
    const name = findDisplayName(doc, ranked, scan.nameHints, { own, main });
    if (ranked.length === 0 && !name) return null;

    // The tail of a long list is noise (every handle in a feed); the worker only needs the top.
    const identifiers = ranked.slice(0, MAX_IDENTIFIERS).map((r) => r.id);
    const messages = readConversation(blocks, {
      own,
      ownConfigured: ctx.own.domains.length + ctx.own.signatures.length + signedIn.signatures.length > 0,
      customer: { ...(name ? { name } : {}), values: identifiers.map((i) => i.value) },
      region,
    });
    return {
      adapter: 'generic',
      confidence: confidenceOf(ranked, name),
      customer: { ...(name ? { name } : {}), identifiers },
      conversation: { key: conversationKey(ctx.url), messages },
    };
  },

  findReplyBox,
};

/** The top identifier's score, nudged up by a name and down when an equal rival competes. */
function confidenceOf(ranked: readonly Ranked[], name: string | undefined): number {
  const [top, second] = ranked;
  if (!top) return name ? 0.2 : 0;
  let c = top.id.score;
  if (name && c >= 0.5) c += 0.05;
  if (second && second.id.kind === top.id.kind && second.id.score >= top.id.score - 0.05) c -= 0.1;
  return Math.round(Math.max(0, Math.min(1, c)) * 100) / 100;
}
