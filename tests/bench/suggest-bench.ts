/**
 * The suggestion benchmark, run inside real Chromium by scripts/bench.mjs: a local index over
 * `templates` templates (French and English wordings) and `pastReplies` past replies, then the
 * time of a local suggestion (retrieval, filling, guard) and of everything done before a model
 * request leaves (template retrieval, context, masking), for varied customer messages.
 */
import { LocalIndex } from '../../src/ai/local/retrieval';
import { summarise } from '../../src/core/timeline/summary';
import type { PastReply } from '../../src/ai/local/past-replies';
import { prepareRequest, suggest, type SuggestInput } from '../../src/ai/suggest';
import type { Template } from '../../src/core/brand/model';
import type { MessageEvent, TimelineEvent } from '../../src/core/timeline/event';
import { LEA, NOW, OTHER_IDENTIFIERS, PROMOTIONS } from '../corpora/people';
import { maskingCases } from '../corpora/masking';
import { mulberry32, pick } from '../corpora/random';

export interface SuggestBenchOptions {
  templates: number;
  pastReplies: number;
  samples: number;
}

const TOPICS: Record<'fr' | 'en', ReadonlyArray<readonly string[]>> = {
  fr: [
    ['livraison', 'retard', 'colis', 'transporteur', 'suivi'],
    ['remboursement', 'retour', 'virement', 'délai', 'article'],
    ['échange', 'taille', 'couleur', 'stock', 'modèle'],
    ['facture', 'TVA', 'entreprise', 'adresse', 'duplicata'],
    ['paiement', 'refusé', 'carte', 'banque', 'débit'],
    ['compte', 'mot', 'passe', 'connexion', 'email'],
    ['annulation', 'commande', 'erreur', 'urgent', 'modifier'],
    ['produit', 'cassé', 'défaut', 'photo', 'garantie'],
    ['fidélité', 'points', 'avantages', 'carte', 'membre'],
    ['précommande', 'disponibilité', 'date', 'sortie', 'réservation'],
  ],
  en: [
    ['delivery', 'late', 'parcel', 'carrier', 'tracking'],
    ['refund', 'return', 'transfer', 'delay', 'item'],
    ['exchange', 'size', 'colour', 'stock', 'model'],
    ['invoice', 'VAT', 'company', 'address', 'copy'],
    ['payment', 'declined', 'card', 'bank', 'charge'],
    ['account', 'password', 'login', 'reset', 'email'],
    ['cancel', 'order', 'mistake', 'urgent', 'change'],
    ['product', 'broken', 'fault', 'photo', 'warranty'],
    ['loyalty', 'points', 'perks', 'card', 'member'],
    ['preorder', 'availability', 'date', 'release', 'booking'],
  ],
};
const FILLER = { fr: 'nous vous votre merci pour le la les de des avec sans avant après bientôt aujourd’hui vérifier'.split(' '), en: 'we you your thanks for the with without before after soon today check'.split(' ') };

/** Pseudo-words with a Zipf-like use, so the index sees a vocabulary of thousands of words as real mail does. */
const SYLLABLES = ['ca', 'ro', 'li', 'ne', 'ta', 'mi', 'son', 'ver', 'pla', 'tre', 'du', 'gor', 'bel', 'fi', 'sta', 'que', 'mon', 'ri', 'pa', 'lo'];
const LEXICON = Array.from({ length: 4_000 }, (_, i) => {
  let word = '';
  for (let n = i + 7; word.length < 5 || n > 0; n = Math.floor(n / SYLLABLES.length)) word += SYLLABLES[n % SYLLABLES.length];
  return word;
});
function zipfWord(rnd: () => number): string {
  return LEXICON[Math.min(LEXICON.length - 1, Math.floor(Math.exp(rnd() * Math.log(LEXICON.length))) - 1)]!;
}

function sentence(language: 'fr' | 'en', topic: readonly string[], rnd: () => number, words = 14): string {
  const out: string[] = [];
  for (let i = 0; i < words; i++) {
    const r = rnd();
    out.push(r < 0.35 ? pick(topic, rnd) : r < 0.65 ? pick(FILLER[language], rnd) : zipfWord(rnd));
  }
  return `${out.join(' ')}.`;
}

function templates(count: number, rnd: () => number): Template[] {
  return Array.from({ length: count }, (_, i) => {
    const t = i % TOPICS.fr.length;
    return {
      id: `t${i}`,
      title: `${TOPICS.fr[t]![0]} / ${TOPICS.en[t]![0]} ${i}`,
      folder: '',
      tags: [TOPICS.fr[t]![1]!, TOPICS.en[t]![1]!],
      variants: (['fr', 'en'] as const).map((language) => ({
        language,
        channel: 'default' as const,
        body: `${language === 'fr' ? 'Bonjour' : 'Hi'} {{customer.firstName}},\n\n${sentence(language, TOPICS[language][t]!, rnd)} ${sentence(language, TOPICS[language][t]!, rnd)}\n\n{{agent.name}}`,
      })),
      links: [],
      updatedAt: NOW,
      deleted: false,
    };
  });
}

function replies(count: number, rnd: () => number): PastReply[] {
  return Array.from({ length: count }, (_, i) => {
    const language = i % 2 ? 'en' : 'fr';
    const topic = pick(TOPICS[language], rnd);
    return {
      id: `r${i}`,
      question: sentence(language, topic, rnd, 18),
      text: `${language === 'fr' ? 'Bonjour' : 'Hi'} Client${i}, ${sentence(language, topic, rnd, 24)}`,
      channel: i % 3 ? 'email' : 'instagram',
      at: NOW - i * 60_000,
      language,
      customer: { firstName: `Client${i}`, identifiers: [`email:client${i}@example.com`] },
    };
  });
}

function timeline(rnd: () => number): TimelineEvent[] {
  const pii = maskingCases(60, 7);
  return Array.from({ length: 300 }, (_, i): MessageEvent => ({
    id: `e${i}`,
    type: 'message',
    subject: { customerId: 'c-lea', identifierKey: 'email:lea.martin@gmail.com' },
    at: NOW - (300 - i) * 3_600_000,
    tool: i % 2 ? 'zendesk' : 'instagram',
    channel: i % 2 ? 'email' : 'instagram',
    conversationKey: `conv-${i % 9}`,
    direction: i % 3 ? 'inbound' : 'outbound',
    text: i % 5 ? sentence('fr', pick(TOPICS.fr, rnd), rnd, 30) : pii[i % pii.length]!.text,
  }));
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return Math.round(sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]! * 100) / 100;
}

async function time(samples: number, run: (i: number) => unknown): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < samples; i++) {
    const started = performance.now();
    await run(i);
    times.push(performance.now() - started);
  }
  return times;
}

export async function runSuggestBench(options: SuggestBenchOptions) {
  const rnd = mulberry32(42);
  const allTemplates = templates(options.templates, rnd);
  const allReplies = replies(options.pastReplies, rnd);
  let started = performance.now();
  const index = new LocalIndex(allTemplates, allReplies);
  const indexBuildMs = performance.now() - started;

  const messages = Array.from({ length: options.samples }, (_, i) => {
    const language = i % 2 ? 'en' : 'fr';
    return { language, text: `${sentence(language, pick(TOPICS[language], rnd), rnd, 20)} ${sentence(language, pick(TOPICS[language], rnd), rnd, 12)}` } as const;
  });
  const history = timeline(rnd);
  // The sidebar computes the summary once per conversation to show it; suggestions reuse it.
  started = performance.now();
  const summary = summarise(history, NOW);
  const summaryMs = performance.now() - started;
  const input = (i: number): SuggestInput => {
    const m = messages[i % messages.length]!;
    return {
      conversation: {
        key: `bench-${i}`,
        channel: 'email',
        messages: [...history.slice(-12).map((e) => ({ direction: (e as MessageEvent).direction, text: (e as MessageEvent).text })), { direction: 'inbound', text: m.text }],
      },
      customer: { ...LEA, language: m.language },
      timeline: history,
      summary,
      promotions: PROMOTIONS,
      templates: allTemplates,
      index,
      others: OTHER_IDENTIFIERS,
      agent: { name: 'Camille' },
      now: NOW,
    };
  };
  // Warm-up: the first calls compile the code paths.
  for (let i = 0; i < 20; i++) await suggest(input(i));
  let shown = 0;
  const local = await time(options.samples, async (i) => {
    shown += (await suggest(input(i))).suggestions.length;
  });
  let masked = 0;
  let tokens = 0;
  const context = await time(options.samples, (i) => {
    const built = prepareRequest(input(i), index, messages[i % messages.length]!.language, NOW);
    masked += built.masked.total;
    tokens += built.tokens;
  });
  // Without the sidebar's summary: the timeline is summarised for every request too.
  const contextCold = await time(options.samples, (i) => {
    const { summary: _shown, ...rest } = input(i);
    prepareRequest(rest, index, messages[i % messages.length]!.language, NOW);
  });

  started = performance.now();
  for (let i = 0; i < 100; i++) index.upsertTemplate({ ...allTemplates[i]!, title: `${allTemplates[i]!.title} v2` });
  const upsertTemplateMs = (performance.now() - started) / 100;
  started = performance.now();
  for (let i = 0; i < 100; i++) index.addPastReply({ ...allReplies[i]!, id: `new-${i}` });
  const addPastReplyMs = (performance.now() - started) / 100;

  return {
    templates: options.templates,
    template_variants: options.templates * 2,
    past_replies: options.pastReplies,
    samples: options.samples,
    index_build_ms: Math.round(indexBuildMs),
    local_suggest_p50_ms: percentile(local, 0.5),
    local_suggest_p95_ms: percentile(local, 0.95),
    local_suggestions_per_query: Math.round((shown / options.samples) * 100) / 100,
    context_build_p50_ms: percentile(context, 0.5),
    context_build_p95_ms: percentile(context, 0.95),
    context_build_with_summary_p95_ms: percentile(contextCold, 0.95),
    context_timeline_events: history.length,
    timeline_summary_ms: Math.round(summaryMs * 100) / 100,
    context_tokens_avg: Math.round(tokens / options.samples),
    context_masked_per_request_avg: Math.round((masked / options.samples) * 10) / 10,
    upsert_template_ms: Math.round(upsertTemplateMs * 100) / 100,
    add_past_reply_ms: Math.round(addPastReplyMs * 100) / 100,
  };
}

(globalThis as { runSuggestBench?: typeof runSuggestBench }).runSuggestBench = runSuggestBench;
