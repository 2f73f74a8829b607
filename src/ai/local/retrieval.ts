/**
 * Local retrieval, the default with no model: one full-text index (minisearch, BM25) over every
 * wording of every template and the team's past replies, searched with the customer's latest
 * messages. Built once, then kept current one record at a time (`upsertTemplate`,
 * `addPastReply`…), so a team hub pushing a template never rebuilds 50,000 replies.
 */
import MiniSearch from 'minisearch';
import type { Language, Template } from '../../core/brand/model';
import { STOP_WORDS, fold, words } from '../../core/timeline/text';
import { generaliseReply, replyLanguage, type PastReply } from './past-replies';

interface Doc {
  id: string;
  kind: 'template' | 'reply';
  /** Template id, or the past reply's id. */
  ref: string;
  variant: number;
  language: Language | undefined;
  channel: string;
  title: string;
  tags: string;
  body: string;
  question: string;
}

export interface Candidate {
  kind: 'template' | 'reply';
  ref: string;
  /** Template: index of the wording in `variants`. */
  variant: number;
  language: Language | undefined;
  channel: string;
  score: number;
}

export interface RetrievalQuery {
  text: string;
  language: Language;
  channel: string;
  limit?: number;
}

// Stemming light enough for two languages: plural "s"/"x" dropped, like the timeline's topics.
function processTerm(term: string): string | null {
  if (term.length < 2 || STOP_WORDS.fr.has(term) || STOP_WORDS.en.has(term)) return null;
  return term.length > 4 ? term.replace(/[sx]$/, '') : term;
}

const tokenize = (text: string): string[] => words(fold(text));

// The rarest few words of a message find its topic; common ones match half the index and only cost time.
const MAX_QUERY_TERMS = 10;
const COMMON_SHARE = 0.2;

type Kind = Doc['kind'];

/** Removes the known ids no longer among `live`; returns how many. */
function removeMissing(known: Iterable<string>, live: ReadonlyArray<{ id: string }>, remove: (id: string) => void): number {
  const keep = new Set(live.map((item) => item.id));
  const gone = [...known].filter((id) => !keep.has(id));
  gone.forEach(remove);
  return gone.length;
}
/**
 * Whether a reply indexed before still makes the same document (its customer's name is turned
 * into variables, its question is searched): if so only the record is refreshed (identifiers the
 * guard withholds may have grown), else it is indexed again.
 */
function sameDocument(known: PastReply | undefined, reply: PastReply): boolean {
  return (
    known !== undefined &&
    known.text === reply.text &&
    known.question === reply.question &&
    known.channel === reply.channel &&
    known.language === reply.language &&
    known.customer?.firstName === reply.customer?.firstName &&
    known.customer?.lastName === reply.customer?.lastName
  );
}
const bucketOf = (kind: Kind, language: Language | undefined) => `${kind}:${language ?? 'any'}`;
const newBucket = () =>
  new MiniSearch<Doc>({
    fields: ['title', 'tags', 'body', 'question'],
    storeFields: [],
    tokenize,
    processTerm,
    autoVacuum: { minDirtCount: 200, minDirtFactor: 0.2, batchSize: 1000, batchWait: 10 },
  });

/**
 * One minisearch index per kind and language: a French question searches the French wordings
 * (a quarter of the documents), and the other language only when too little was found.
 */
export class LocalIndex {
  private readonly buckets = new Map<string, MiniSearch<Doc>>();
  private readonly docs = new Map<string, Doc>();
  /** Documents per term, to search with a message's most telling words. */
  private readonly df = new Map<string, number>();
  private readonly templateDocs = new Map<string, string[]>();
  readonly templates = new Map<string, Template>();
  readonly replies = new Map<string, PastReply>();

  constructor(templates: readonly Template[] = [], replies: readonly PastReply[] = []) {
    const docs: Doc[] = [];
    for (const template of templates) docs.push(...this.templateDocsOf(template));
    for (const reply of replies) docs.push(this.replyDoc(reply));
    this.addDocs(docs);
  }

  get size(): number {
    return this.docs.size;
  }

  upsertTemplate(template: Template): void {
    this.removeTemplate(template.id);
    this.addDocs(this.templateDocsOf(template));
  }

  removeTemplate(id: string): void {
    for (const docId of this.templateDocs.get(id) ?? []) this.discard(docId);
    this.templateDocs.delete(id);
    this.templates.delete(id);
  }

  addPastReply(reply: PastReply): void {
    this.removePastReply(reply.id);
    this.addDocs([this.replyDoc(reply)]);
  }

  /**
   * Brings the index to these templates and replies, touching only what changed (a template
   * whose `updatedAt` moved, a reply not seen yet, anything gone), so a long-lived index follows
   * the hub and the timeline without a rebuild.
   */
  sync(templates: readonly Template[], replies: readonly PastReply[]): { changed: number } {
    const liveTemplates = templates.filter((t) => !t.deleted);
    const changedTemplates = liveTemplates.filter((t) => this.templates.get(t.id)?.updatedAt !== t.updatedAt);
    const newReplies: PastReply[] = [];
    for (const reply of replies) {
      if (sameDocument(this.replies.get(reply.id), reply)) this.replies.set(reply.id, reply);
      else newReplies.push(reply);
    }
    changedTemplates.forEach((t) => this.upsertTemplate(t));
    newReplies.forEach((r) => this.addPastReply(r));
    const removed =
      removeMissing(this.templates.keys(), liveTemplates, (id) => this.removeTemplate(id)) +
      removeMissing(this.replies.keys(), replies, (id) => this.removePastReply(id));
    return { changed: changedTemplates.length + newReplies.length + removed };
  }

  removePastReply(id: string): void {
    if (this.replies.delete(id)) this.discard(`r:${id}`);
  }

  /** Best matches first; wordings in the asked language first, the other language only to fill. */
  find(query: RetrievalQuery & { kinds?: readonly Kind[] }): Candidate[] {
    const terms = this.tellingTerms(query.text);
    if (!terms.length) return [];
    const limit = query.limit ?? 10;
    const kinds = query.kinds ?? ['template', 'reply'];
    const other: Language = query.language === 'fr' ? 'en' : 'fr';
    const out: Candidate[] = [];
    for (const kind of kinds) {
      this.collect(bucketOf(kind, query.language), terms, query, limit, out);
      this.collect(bucketOf(kind, undefined), terms, query, limit, out);
    }
    if (out.length < limit) for (const kind of kinds) this.collect(bucketOf(kind, other), terms, query, limit, out);
    return out.sort((a, b) => b.score - a.score);
  }

  private collect(bucket: string, terms: string[], query: RetrievalQuery, limit: number, out: Candidate[]): void {
    const results = this.buckets.get(bucket)?.search(terms.join(' '), { boost: { title: 2, tags: 2, question: 2.5, body: 1 }, combineWith: 'OR' }) ?? [];
    let taken = 0;
    for (const result of results) {
      const doc = this.docs.get(result.id as string);
      if (!doc) continue;
      let score = result.score;
      if (doc.language && doc.language !== query.language) score *= 0.25;
      if (doc.kind === 'template') score *= doc.channel === query.channel ? 1.3 : doc.channel === 'default' ? 1.2 : 1;
      out.push({ kind: doc.kind, ref: doc.ref, variant: doc.variant, language: doc.language, channel: doc.channel, score });
      // Results come best first: past a few times the limit, the rest cannot climb back.
      if (++taken >= limit * 4) break;
    }
  }

  /** The query's words found in the index, rarest first; very common ones only when nothing else is left. */
  private tellingTerms(text: string): string[] {
    const terms = [...new Set(tokenize(text).map(processTerm).filter((t): t is string => t !== null))]
      .map((term) => [term, this.df.get(term) ?? 0] as const)
      .filter(([, df]) => df > 0)
      .sort((a, b) => a[1] - b[1]);
    const common = this.docs.size * COMMON_SHARE;
    const telling = terms.filter(([, df]) => df <= common);
    return (telling.length >= 3 ? telling : terms).slice(0, MAX_QUERY_TERMS).map(([term]) => term);
  }

  private addDocs(docs: Doc[]): void {
    const byBucket = new Map<string, Doc[]>();
    for (const doc of docs) {
      this.countTerms(doc, 1);
      const key = bucketOf(doc.kind, doc.language);
      const list = byBucket.get(key);
      if (list) list.push(doc);
      else byBucket.set(key, [doc]);
    }
    for (const [key, list] of byBucket) {
      let bucket = this.buckets.get(key);
      if (!bucket) this.buckets.set(key, (bucket = newBucket()));
      bucket.addAll(list);
    }
  }

  private discard(docId: string): void {
    const doc = this.docs.get(docId);
    if (!doc) return;
    this.countTerms(doc, -1);
    this.docs.delete(docId);
    this.buckets.get(bucketOf(doc.kind, doc.language))?.discard(docId);
  }

  private countTerms(doc: Doc, delta: 1 | -1): void {
    const terms = new Set(tokenize(`${doc.title} ${doc.tags} ${doc.body} ${doc.question}`).map(processTerm));
    for (const term of terms) if (term !== null) this.df.set(term, (this.df.get(term) ?? 0) + delta);
  }

  private templateDocsOf(template: Template): Doc[] {
    if (template.deleted) return [];
    this.templates.set(template.id, template);
    const docs = template.variants.map((variant, i): Doc => ({
      id: `t:${template.id}:${i}`,
      kind: 'template',
      ref: template.id,
      variant: i,
      language: variant.language,
      channel: variant.channel,
      title: template.title,
      tags: template.tags.join(' '),
      body: variant.body,
      question: '',
    }));
    for (const doc of docs) this.docs.set(doc.id, doc);
    this.templateDocs.set(template.id, docs.map((d) => d.id));
    return docs;
  }

  private replyDoc(reply: PastReply): Doc {
    this.replies.set(reply.id, reply);
    const doc: Doc = {
      id: `r:${reply.id}`,
      kind: 'reply',
      ref: reply.id,
      variant: 0,
      language: replyLanguage(reply),
      channel: reply.channel,
      title: '',
      tags: '',
      body: generaliseReply(reply),
      question: reply.question,
    };
    this.docs.set(doc.id, doc);
    return doc;
  }
}
