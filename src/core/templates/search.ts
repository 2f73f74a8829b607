/**
 * Template search for the sidebar: every query word must be found (the last one as a prefix, as
 * the agent is still typing it), in the title, tags, folder, shortcut or body, and matches in
 * the title and tags weigh more. Small and exact; the suggestion engine has its own index.
 */
import type { BrandChannel, Language, Template } from '../brand/model';
import { foldedWords } from '../brand/text';

export interface SearchOptions {
  language?: Language;
  channel?: BrandChannel;
  limit?: number;
  /** Times each template was used, by id: breaks ties toward the team's habits. */
  usage?: Readonly<Record<string, number>>;
}

export interface SearchHit {
  template: Template;
  score: number;
}

interface Fields {
  title: Set<string>;
  tags: Set<string>;
  other: Set<string>;
  body: Set<string>;
  languages: Set<Language>;
  channels: Set<BrandChannel>;
}

const WEIGHTS = { title: 4, tags: 3, other: 2, body: 1 } as const;
const fieldsCache = new WeakMap<Template, Fields>();

function fieldsOf(t: Template): Fields {
  let f = fieldsCache.get(t);
  if (!f) {
    f = {
      title: new Set(foldedWords(t.title)),
      tags: new Set(t.tags.flatMap(foldedWords)),
      other: new Set([...foldedWords(t.folder), ...(t.shortcut ? foldedWords(t.shortcut) : [])]),
      body: new Set(t.variants.flatMap((v) => foldedWords(v.body))),
      languages: new Set(t.variants.map((v) => v.language)),
      channels: new Set(t.variants.map((v) => v.channel)),
    };
    fieldsCache.set(t, f);
  }
  return f;
}

function wordScore(f: Fields, word: string, prefix: boolean): number {
  let best = 0;
  for (const field of ['title', 'tags', 'other', 'body'] as const) {
    const words = f[field];
    const hit = words.has(word) ? 1 : prefix && [...words].some((w) => w.startsWith(word)) ? 0.75 : 0;
    best = Math.max(best, hit * WEIGHTS[field]);
  }
  return best;
}

/** Templates matching `query`, best first; an empty query lists them all (most used first). */
export function searchTemplates(query: string, templates: readonly Template[], options: SearchOptions = {}): SearchHit[] {
  const words = foldedWords(query.replace(/^;/, ''));
  const hits: SearchHit[] = [];
  for (const template of templates) {
    if (template.deleted) continue;
    const f = fieldsOf(template);
    let score = 0;
    for (const [i, word] of words.entries()) {
      const s = wordScore(f, word, i === words.length - 1);
      if (!s) {
        score = 0;
        break;
      }
      score += s;
    }
    if (words.length && !score) continue;
    // A wording in the customer's language, written for this very channel, ranks first; the
    // others stay listed, as rendering falls back to them.
    if (options.language && f.languages.has(options.language)) score += 1;
    if (options.channel && f.channels.has(options.channel)) score += 0.5;
    hits.push({ template, score });
  }
  const used = (t: Template) => options.usage?.[t.id] ?? 0;
  hits.sort((a, b) => b.score - a.score || used(b.template) - used(a.template) || a.template.title.localeCompare(b.template.title));
  return hits.slice(0, options.limit ?? 20);
}
