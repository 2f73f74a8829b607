/**
 * `feedback` records as metric signals. Suggestion feedback (`src/ai/feedback.ts`) has no `signal`
 * field; the other signals name theirs. The agent is the member who pushed the record, never what
 * the record claims. A record that fits no signal is ignored (it stays in `records`).
 */
export type SignalName = 'suggestion' | 'template-use' | 'promotion-seen' | 'promotion-mention' | 'brand-issue' | 'alert';

export interface StoredSignal {
  signal: SignalName;
  /** What the signal is about: suggestion, template, promotion, issue or alert kind. */
  entity: string;
  at: number;
  /** Suggestion and brand issue kinds, for the SQL figures. */
  kind: string | null;
  /** A suggestion's source, a brand issue's code. */
  detail: string | null;
  /** A suggestion's template ids. */
  refs: string[];
  /** The core's signal record (`SignalBase` and the signal's fields). */
  data: Record<string, unknown>;
}

const text = (v: unknown, max = 256): v is string => typeof v === 'string' && v.length > 0 && v.length <= max;
const texts = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => text(x)) : []);

export function signalOf(data: Record<string, unknown> | null, agent: string | null): StoredSignal | null {
  if (!data || !text(data.id) || typeof data.at !== 'number' || !Number.isFinite(data.at)) return null;
  const base: Record<string, unknown> = { id: data.id, at: data.at, agent: agent ?? '(unknown)' };
  if (text(data.channel)) base.channel = data.channel;
  if (text(data.tool)) base.tool = data.tool;
  const make = (signal: SignalName, entity: unknown, extra: Record<string, unknown>): StoredSignal | null => {
    if (!text(entity)) return null;
    const kind = typeof extra.kind === 'string' ? extra.kind : null;
    const detail = (extra.source ?? extra.code ?? null) as string | null;
    return { signal, entity, at: data.at as number, kind, detail, refs: (extra.templateIds as string[] | undefined) ?? [], data: { ...base, ...extra } };
  };
  switch (data.signal ?? 'suggestion') {
    case 'suggestion':
      if (!['shown', 'inserted', 'edited', 'dismissed'].includes(data.kind as string)) return null;
      return make('suggestion', data.suggestionId, {
        kind: data.kind,
        suggestionId: data.suggestionId,
        source: text(data.source) ? data.source : '(unknown)',
        templateIds: texts(data.templateIds),
        promotionIds: texts(data.promotionIds),
      });
    case 'template-use':
      return make('template-use', data.templateId, { templateId: data.templateId });
    case 'promotion-seen':
      return make('promotion-seen', data.promotionId, { promotionId: data.promotionId });
    case 'promotion-mention':
      return text(data.replyId) ? make('promotion-mention', data.promotionId, { promotionId: data.promotionId, replyId: data.replyId }) : null;
    case 'brand-issue':
      if (data.kind !== 'caught' && data.kind !== 'fixed') return null;
      return text(data.code) ? make('brand-issue', data.issueId, { kind: data.kind, issueId: data.issueId, code: data.code }) : null;
    case 'alert':
      return make('alert', data.kind, { kind: data.kind, ...(text(data.customerId) ? { customerId: data.customerId } : {}) });
    default:
      return null;
  }
}

/** A signal as a `metric_signals` row (see facts.ts `insertSignals`). */
export function signalRow(id: string, s: StoredSignal): unknown[] {
  return [id, s.signal, s.entity, s.at, s.kind, s.detail, s.refs, s.data];
}
