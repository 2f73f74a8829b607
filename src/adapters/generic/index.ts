/**
 * The generic adapter: finds the customer, the conversation and the reply box on any page.
 *
 * Runs in a content script on every opted-in site, so it stays lean: no libphonenumber (phones
 * get a best-effort E.164 that the service worker re-checks), one capped text walk, layout-free.
 */
import { compileOwn, emailDomain, isPublicMailDomain, networkOfHost } from '../../core/identifiers';
import type { Adapter, Detection, ReadContext } from '../types';
import { collectSignedIn } from './account';
import { conversationKey, findMessageBlocks, MAX_MESSAGES, outboundBlocks, readConversation } from './conversation';
import { findDisplayName } from './display-name';
import { inMain, mainRoot, withReadMemo } from './dom';
import { findCustomerNumber } from './labelled-fields';
import { rankHits, type Ranked } from './ranking';
import { findReplyBox } from './reply-box';
import { scanPage } from './text-scan';

export const MAX_IDENTIFIERS = 25;
/** Message blocks scanned for identifiers at the start and at the end of a long thread. */
const SCAN_HEAD = 20;
const SCAN_TAIL = 60;

export const genericAdapter: Adapter = {
  id: 'generic',

  matches(ctx) {
    return /^(?:https?|file):$/.test(ctx.url.protocol) && ctx.document.body !== null;
  },

  read(ctx: ReadContext): Detection | null {
    return withReadMemo(() => readPage(ctx));
  },

  findReplyBox,
};

function readPage(ctx: ReadContext): Detection | null {
  const doc = ctx.document;
  if (!doc.body) return null;
  const region = ctx.defaultRegion || 'FR';
  const conversation = conversationKey(ctx.url);
  // Blocks are checked as far as this read looks: its messages and the ends it scans.
  const blocks = findMessageBlocks(doc, conversation, Math.max(SCAN_HEAD, SCAN_TAIL, ctx.messageLimit ?? MAX_MESSAGES));
  // A very long thread is read at both ends: the first messages and the latest show who it is
  // with, and walking thousands of messages on every read would slow the page down.
  const middle = blocks.length > SCAN_HEAD + SCAN_TAIL ? blocks.slice(SCAN_HEAD, -SCAN_TAIL) : [];
  const skip = new Set(middle);
  const scan = scanPage(doc, { region, pageNetwork: networkOfHost(ctx.url.hostname), skip });
  // The signed-in user (the agent) joins the own identity for this read only.
  const signedIn = collectSignedIn(doc, scan.hits, skip);
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
  const scanned = middle.length ? [...blocks.slice(0, SCAN_HEAD), ...blocks.slice(-SCAN_TAIL)] : blocks;
  const ranked = rankHits(scan.hits, { own, main, excluded: signedIn.values, outbound: outboundBlocks(scanned, own) });
  const name = findDisplayName(doc, ranked, scan.nameHints, { own, main, skip });
  const number = findCustomerNumber(doc, { hostname: ctx.url.hostname, main, inline: scan.fields, skip });
  if (ranked.length === 0 && !name && !number) return null;

  // The tail of a long list is noise (every handle in a feed); the worker only needs the top.
  const identifiers = ranked.slice(0, MAX_IDENTIFIERS).map((r) => r.id);
  if (number) {
    const at = identifiers.findIndex((i) => i.score < number.score);
    identifiers.splice(at < 0 ? identifiers.length : at, 0, number);
  }
  const messages = readConversation(blocks, {
    own,
    ownConfigured: ctx.own.domains.length + ctx.own.signatures.length + signedIn.signatures.length > 0,
    customer: { ...(name ? { name } : {}), values: identifiers.map((i) => i.value) },
    region,
    ...(ctx.messageLimit !== undefined ? { limit: ctx.messageLimit } : {}),
  });
  return {
    adapter: 'generic',
    ...confidenceOf(ranked, { name, number: number !== null, main }),
    customer: { ...(name ? { name } : {}), identifiers },
    conversation: { key: conversation, messages },
  };
}

/**
 * The top identifier's score, nudged up by a name and a customer number, down when an equal
 * rival competes; with the reasons, so the sidebar can say why it is sure or not.
 */
function confidenceOf(
  ranked: readonly Ranked[],
  { name, number, main }: { name: string | undefined; number: boolean; main: Element | null },
): { confidence: number; reasons: string[] } {
  const [top, second] = ranked;
  const reasons: string[] = [];
  let c = 0;
  if (top) {
    c = top.id.score;
    if (top.labelled) reasons.push('labelled-field');
    if (top.best.via === 'link') reasons.push('link');
    if (inMain(top.best.el, main)) reasons.push('main-content');
  }
  if (number) {
    // A labelled customer number names one person in this tool, whatever else the page shows.
    c = Math.max(c + 0.05, 0.7);
    reasons.push('customer-number');
  }
  if (name) {
    if (c >= 0.5) c += 0.05;
    else if (!top && !number) c = 0.2;
    reasons.push(top || number ? 'name' : 'name-only');
  }
  if (top && second && second.id.kind === top.id.kind && second.id.score >= top.id.score - 0.05) {
    c -= 0.1;
    reasons.push('rival');
  }
  return { confidence: Math.round(Math.max(0, Math.min(1, c)) * 100) / 100, reasons };
}
