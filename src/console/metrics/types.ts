/** The hub's answers as the metrics view reads them (docs/api.md, Metrics). */
import type { AgentUsage } from '../../core/metrics/agents';
import type { WaitFigures } from '../../core/metrics/aggregate';
import type { PromotionReach } from '../../core/metrics/promotion-reach';
import type { TemplateUse } from '../../core/metrics/suggestion-use';

export type { FigureChange } from '../../core/metrics/compare';
export type { GroupBy, Measure } from '../../core/metrics/aggregate';
export type WaitRow = WaitFigures;

export interface Usage {
  suggestions: { shown: number; inserted: number; edited: number; dismissed: number } | null;
  brandIssues: Array<{ key: string; caught: number; fixed: number }>;
  commitments: { onTime: number; late: number; overdue: number } | null;
  repeatContacts: { customers: number; repeatCustomers: number };
  templates: TemplateUse[];
  promotions: PromotionReach[];
  alerts: Array<{ kind: string; count: number }>;
  /** With `groupBy=agent` only. */
  agents?: AgentUsage[];
}

/** `GET /v1/metrics/agents`: members with their aliases, and author names that match none. */
export interface AgentNames {
  members: Array<{ id: string; name: string; aliases: string[] }>;
  unmatched: string[];
}
