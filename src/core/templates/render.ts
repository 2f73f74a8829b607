/**
 * Renders a template for the customer on screen. What cannot be filled stays visible in the text
 * (`[[fill: order number]]`, `{{customer.firstName}}`) and `canInsert` stays false until the agent
 * completes it: an unfilled placeholder can never reach a customer.
 */
import type { BrandChannel, Template, TemplateVariant } from '../brand/model';
import { parseBody } from './parse';
import { applyFilters, variableValue, type TemplateValues } from './variables';
import { pickVariant, type VariantFallback } from './variant';

export interface RenderVars extends TemplateValues {
  channel: BrandChannel;
  /** What the agent typed in the fill-in fields, by label ("order number" → "88213"). */
  fills?: Record<string, string>;
}

export interface Unfilled {
  label: string;
  /** Where the placeholder stands in `text`, to select it for the agent. */
  start: number;
  end: number;
}

export interface RenderedBody {
  text: string;
  unfilled: Unfilled[];
  /** Variables with no value and no default, e.g. `customer.firstName`. */
  missing: string[];
  /** `{{` or `[[` left in the text by a malformed placeholder or a value that contains one. */
  leftovers: number;
  canInsert: boolean;
}

export interface Rendered extends RenderedBody {
  variant: TemplateVariant;
  fallback: VariantFallback;
}

export interface RenderOptions {
  fills?: Record<string, string>;
  /** `drop` removes a missing variable and the space before it (greetings: "Bonjour,"). */
  onMissing?: 'keep' | 'drop';
}

const OPENERS = /\{\{|\[\[/g;
const countOpeners = (s: string) => s.match(OPENERS)?.length ?? 0;

function fillValue(fills: Record<string, string> | undefined, label: string): string | undefined {
  if (!fills) return undefined;
  const value = fills[label] ?? Object.entries(fills).find(([k]) => k.trim().toLowerCase() === label.toLowerCase())?.[1];
  return value?.trim() ? value : undefined;
}

export function renderBody(body: string, values: TemplateValues, options: RenderOptions = {}): RenderedBody {
  const { parts } = parseBody(body);
  const unfilled: Unfilled[] = [];
  const missing = new Set<string>();
  let text = '';
  let kept = 0;
  const keep = (raw: string) => {
    kept += countOpeners(raw);
    text += raw;
  };
  for (const part of parts) {
    if (part.kind === 'text') text += part.text;
    else if (part.kind === 'fill') {
      const value = fillValue(options.fills, part.label);
      if (value !== undefined) text += value;
      else {
        unfilled.push({ label: part.label, start: text.length, end: text.length + part.raw.length });
        keep(part.raw);
      }
    } else {
      const value = applyFilters(variableValue(part.name, values), part.filters, values.language);
      if (value !== undefined) text += value;
      else if (options.onMissing === 'drop') text = text.replace(/[ \t]+$/, '');
      else {
        missing.add(part.name);
        keep(part.raw);
      }
    }
  }
  const leftovers = countOpeners(text) - kept;
  return { text, unfilled, missing: [...missing], leftovers, canInsert: !unfilled.length && !missing.size && !leftovers && text.trim() !== '' };
}

function withLinks(text: string, links: Template['links']): string {
  if (!links.length) return text;
  const lines = links.map((l) => (l.label === l.url ? l.url : `${l.label}: ${l.url}`));
  return `${text.replace(/\s+$/, '')}\n\n${lines.join('\n')}`;
}

/** The variant for the language and channel, filled in, with the template's links appended as plain links. */
export function render(template: Template, vars: RenderVars): Rendered {
  const { variant, fallback } = pickVariant(template, vars.language, vars.channel);
  // Dates follow the wording actually used, which may be the other language's.
  const body = renderBody(withLinks(variant.body, template.links ?? []), { ...vars, language: variant.language }, { fills: vars.fills });
  return { ...body, variant, fallback };
}
