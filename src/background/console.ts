/**
 * The lead console, background side: what is published, previews for a sample customer, and
 * publishing. A publish is validated field by field, pushed to the hub at once as this paired
 * member, and written to the local `published` store only when the hub answers "applied": the hub
 * is the authority on roles (agents are refused there) and nothing is half-saved when it is down.
 */
import { v7 as uuidv7 } from 'uuid';
import { checkDraft } from '../core/brand/check-draft';
import { BRAND_CHANNELS, type BrandChannel, type BrandGuide, type CustomerFacts, type Language, type Promotion, type Template } from '../core/brand/model';
import { validateBrandGuide } from '../core/brand/validate-guide';
import type { FieldError, Validation } from '../core/brand/validation';
import { isEligible, validatePromotion } from '../core/promotions';
import { render, renderBody, validateTemplate, type RenderedBody } from '../core/templates';
import { ContinuumError, ErrorCode } from '../shared/errors';
import type { ConsolePreview, ConsoleState, PublishOutcome, RequestOf } from '../shared/messages';
import type { ContinuumDb } from '../storage/db';
import { loadPublished, type Published } from './assist';
import type { Handlers } from './router';
import { HubError, HubErrorCode, hubClient } from './sync/hub-client';
import { getPairing, setPairing, type Pairing } from './sync/sync-state';

type ConsoleMessage = 'console/state' | 'console/preview' | 'console/publish' | 'console/delete';
type PublishTable = RequestOf<'console/publish'>['table'];

export interface ConsoleDeps {
  db: () => ContinuumDb;
  fetch?: typeof fetch;
  now?: () => number;
}

/** Built-in customers, so a preview works before this browser has met anyone. */
const SAMPLES: Record<string, { label: string; facts: CustomerFacts }> = {
  'sample:fr': {
    label: 'Élodie Rousseau (exemple)',
    facts: { firstName: 'Élodie', lastName: 'Rousseau', fullName: 'Élodie Rousseau', email: 'elodie.rousseau@example.fr', language: 'fr', segments: [], tags: [], kind: 'existing' },
  },
  'sample:en': {
    label: 'Nora Lindqvist (sample)',
    facts: { firstName: 'Nora', lastName: 'Lindqvist', fullName: 'Nora Lindqvist', email: 'nora@example.com', language: 'en', segments: [], tags: [], kind: 'new' },
  },
};
const LOCAL_SAMPLES = 20;
const ME_TIMEOUT_MS = 3000;

const canPublish = (pairing: Pairing | undefined) => pairing?.member.role === 'lead' || pairing?.member.role === 'admin';

async function requirePairing(db: ContinuumDb): Promise<Pairing> {
  const pairing = await getPairing(db);
  if (!pairing || pairing.revoked) throw new ContinuumError(ErrorCode.HubNotPaired, 'Pair this browser with the team hub first (settings → Team hub)');
  return pairing;
}

/** The role may have changed on the hub since pairing (a promoted agent): ask, best effort. */
async function refreshMember(db: ContinuumDb, pairing: Pairing, doFetch?: typeof fetch): Promise<Pairing> {
  try {
    const { member } = await hubClient({ baseUrl: pairing.hubUrl, token: pairing.token, fetch: doFetch, timeoutMs: ME_TIMEOUT_MS }).me();
    if (member.role === pairing.member.role && member.name === pairing.member.name) return pairing;
    const updated = { ...pairing, member };
    await setPairing(db, updated);
    return updated;
  } catch {
    return pairing;
  }
}

function nameOf(row: { displayName?: string; identifiers: readonly { kind: string; value: string }[] }): string {
  return row.displayName ?? row.identifiers.find((i) => i.kind === 'email')?.value ?? row.identifiers[0]?.value ?? '?';
}

async function localSamples(db: ContinuumDb): Promise<Array<{ id: string; label: string }>> {
  const rows = await db.customers.orderBy('updatedAt').reverse().limit(LOCAL_SAMPLES).toArray();
  return rows.map((row) => ({ id: row.id, label: nameOf(row) }));
}

async function sampleFacts(db: ContinuumDb, sampleId: string, language: Language): Promise<CustomerFacts> {
  const sample = SAMPLES[sampleId];
  if (sample) return sample.facts;
  const row = await db.customers.get(sampleId);
  if (!row) throw new ContinuumError(ErrorCode.UnknownCustomer, 'This customer is no longer in this browser');
  const words = row.displayName?.trim().split(/\s+/).filter(Boolean) ?? [];
  const email = row.identifiers.find((i) => i.kind === 'email')?.value;
  return {
    ...(words.length ? { fullName: words.join(' '), firstName: words[0]! } : {}),
    ...(words.length > 1 ? { lastName: words.slice(1).join(' ') } : {}),
    ...(email ? { email } : {}),
    language,
    segments: [],
    tags: [],
    kind: 'existing',
  };
}

/** What a promotion sounds like when an agent mentions it, in the language of the preview. */
const PROMOTION_MENTION: Record<Language, { withCode: string; withoutCode: string }> = {
  fr: { withCode: '{{promotion.pitch}} Code : {{promotion.code}}, jusqu’au {{promotion.endsAt}}.', withoutCode: '{{promotion.pitch}} Jusqu’au {{promotion.endsAt}}.' },
  en: { withCode: '{{promotion.pitch}} Use code {{promotion.code}} until {{promotion.endsAt}}.', withoutCode: '{{promotion.pitch}} Until {{promotion.endsAt}}.' },
};
/** A promotion is a sentence inside a reply, not a whole reply: no greeting or sign-off to ask for. */
const FRAGMENT_ONLY = new Set(['missing-greeting', 'missing-sign-off']);

const others = <T extends { id: string }>(all: readonly T[], id: unknown) => all.filter((r) => r.id !== id);

/** Fills in what the lead does not type (id, time, guide version), then validates. */
function prepare(table: PublishTable, record: Record<string, unknown>, published: Published, pairing: Pairing, now: number): Validation<BrandGuide | Template | Promotion> {
  const id = typeof record.id === 'string' && record.id ? record.id : uuidv7();
  switch (table) {
    case 'brand-guide': {
      // Each publish is the next version; agents keep the highest they have seen.
      const version = Math.max(published.guide?.version ?? 0, typeof record.version === 'number' ? record.version : 0) + 1;
      return validateBrandGuide({ ...record, version, updatedAt: now, updatedBy: pairing.member.name });
    }
    case 'templates':
      return validateTemplate({ ...record, id, updatedAt: now, deleted: false }, others(published.templates, id));
    case 'promotions':
      return validatePromotion({ ...record, id, updatedAt: now, deleted: false }, others(published.promotions, id));
  }
}

export function hubFailure(error: unknown): ContinuumError {
  if (error instanceof ContinuumError) return error;
  if (error instanceof HubError && error.code === HubErrorCode.Unreachable) {
    return new ContinuumError(ErrorCode.HubUnreachable, `${error.message}. Nothing was published; your changes are still in the form.`);
  }
  if (error instanceof HubError) return new ContinuumError(ErrorCode.HubRefused, `${error.code}: ${error.message}`);
  return new ContinuumError(ErrorCode.Internal, (error as Error).message);
}

/** One op to the hub, now; resolves only when the hub applied it (or had already). */
export async function pushNow(pairing: Pairing, op: { table: string; id: string; data?: unknown; deleted?: boolean }, doFetch?: typeof fetch): Promise<void> {
  let answer;
  try {
    answer = await hubClient({ baseUrl: pairing.hubUrl, token: pairing.token, fetch: doFetch }).push([{ opId: uuidv7(), ...op }]);
  } catch (error) {
    throw hubFailure(error);
  }
  const result = answer.results[0];
  if (result?.status === 'applied' || result?.status === 'duplicate') return;
  if (result?.code === 'E_FORBIDDEN_TABLE') {
    throw new ContinuumError(ErrorCode.PublishForbidden, `The hub refused: only leads and admins publish (you are ${pairing.member.role})`);
  }
  throw new ContinuumError(ErrorCode.HubRefused, `${result?.code ?? 'E_HUB_BAD_RESPONSE'}: ${result?.message ?? 'no answer for this change'}`);
}

const recordId = (table: PublishTable, record: { id?: string }) => (table === 'brand-guide' ? 'current' : record.id!);

function previewOf(body: RenderedBody, issues: ConsolePreview['issues'], errors: FieldError[] = []): ConsolePreview {
  return { errors, text: body.text, unfilled: body.unfilled.map((u) => u.label), missing: body.missing, canInsert: body.canInsert, issues };
}

const EMPTY_BODY: RenderedBody = { text: '', unfilled: [], missing: [], leftovers: 0, canInsert: false };

export function createConsoleHandlers({ db, fetch: doFetch, now = Date.now }: ConsoleDeps) {
  return {
    async 'console/state'() {
      const database = db();
      const stored = await getPairing(database);
      const pairing = stored && !stored.revoked ? await refreshMember(database, stored, doFetch) : undefined;
      const [published, local] = await Promise.all([loadPublished(database), localSamples(database)]);
      const state: ConsoleState = {
        paired: Boolean(pairing),
        member: pairing ? { name: pairing.member.name, role: pairing.member.role } : null,
        team: pairing ? { name: pairing.team.name } : null,
        canEdit: canPublish(pairing),
        ...published,
        samples: [...Object.entries(SAMPLES).map(([id, s]) => ({ id, label: s.label })), ...local],
      };
      return state;
    },

    async 'console/preview'({ table, record, sampleId, channel, language, fills }) {
      const database = db();
      const at = now();
      const published = await loadPublished(database);
      const pairing = await getPairing(database);
      const customer = await sampleFacts(database, sampleId, language);
      const brandChannel: BrandChannel = (BRAND_CHANNELS as readonly string[]).includes(channel) ? (channel as BrandChannel) : 'default';
      const agent = pairing ? { name: pairing.member.name } : {};
      const check = (text: string, promotions: readonly Promotion[]) =>
        published.guide ? checkDraft(text, { guide: published.guide, channel: brandChannel, language, promotions, customer, now: at, agent }) : [];
      const draft = { ...record, id: typeof record.id === 'string' && record.id ? record.id : 'preview', updatedAt: at };

      if (table === 'templates') {
        const valid = validateTemplate(draft);
        if (!valid.ok) return previewOf(EMPTY_BODY, [], valid.errors);
        const promotion = published.promotions.find((p) => p.id === valid.value.promotionId);
        const rendered = render(valid.value, { channel: brandChannel, language, customer, agent, now: at, fills, ...(promotion ? { promotion } : {}) });
        return previewOf(rendered, check(rendered.text, published.promotions));
      }
      const valid = validatePromotion(draft);
      if (!valid.ok) return previewOf(EMPTY_BODY, [], valid.errors);
      const promotion = valid.value;
      const mention = PROMOTION_MENTION[language][promotion.code ? 'withCode' : 'withoutCode'];
      const body = renderBody(mention, { language, customer, promotion, now: at });
      // The draft is checked against the promotion being written, in place of its published copy.
      const issues = check(body.text, [...others(published.promotions, promotion.id), promotion]).filter((i) => !FRAGMENT_ONLY.has(i.code));
      return { ...previewOf(body, issues), eligibility: isEligible(promotion, customer, brandChannel, language) };
    },

    async 'console/publish'({ table, record }): Promise<PublishOutcome> {
      const database = db();
      const pairing = await requirePairing(database);
      const at = now();
      const valid = prepare(table, record, await loadPublished(database), pairing, at);
      if (!valid.ok) return { status: 'invalid', errors: valid.errors };
      const id = recordId(table, valid.value as { id?: string });
      await pushNow(pairing, { table, id, data: valid.value }, doFetch);
      // The pull that brings it back later carries the hub's sequence number; it replaces this row.
      const previous = await database.published.get([table, id]);
      await database.published.put({ table, id, data: valid.value, seq: previous?.seq ?? 0, at });
      return { status: 'published', record: valid.value };
    },

    async 'console/delete'({ table, id }) {
      const database = db();
      const pairing = await requirePairing(database);
      // A tombstone: every agent's extension drops the record at its next pull or live change.
      await pushNow(pairing, { table, id, deleted: true }, doFetch);
      await database.published.delete([table, id]);
      return { ok: true as const };
    },
  } satisfies Pick<Handlers, ConsoleMessage>;
}
