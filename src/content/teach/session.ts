/**
 * Teach mode's model, without any view: the steps, what the agent pointed at for each, the spec
 * they make, and what that spec reads on the page now (the live preview). The overlay
 * (overlay.ts) only draws this and forwards clicks.
 */
import { frameDocument } from '../../adapters/generic/dom';
import { pickAll } from '../../adapters/kit/pick';
import { defineSite } from '../../adapters/kit/site';
import { fromJson } from '../../adapters/custom/spec-json';
import type { SiteSpecJson } from '../../adapters/custom/schema';
import { assembleSpec, fieldPick, type TaughtPicks } from '../../adapters/custom/teach-spec';
import { deriveSelectors } from '../../adapters/custom/teach-selectors';
import { deriveThread } from '../../adapters/custom/teach-thread';
import type { Detection } from '../../adapters/types';

export type StepId = 'name' | 'email' | 'phone' | 'customerId' | 'message' | 'reply';

export const STEPS: readonly { id: StepId; optional: boolean }[] = [
  { id: 'name', optional: false },
  { id: 'email', optional: true },
  { id: 'phone', optional: true },
  { id: 'customerId', optional: true },
  { id: 'message', optional: true },
  { id: 'reply', optional: false },
];

/** Why a click was not taken. */
export type Refusal = 'not-editable' | 'no-repeat' | 'inside-message';

/** Placeholder id while teaching; the background gives the saved adapter its own. */
export const DRAFT_ID = 'custom:draft';

const textOf = (el: Element) => (el.textContent ?? '').replace(/\s+/g, ' ').trim();

/** The editable the agent can type into: a textarea or the editing host of a rich editor. */
export function editableOf(el: Element): HTMLElement | null {
  if (el.tagName === 'TEXTAREA') return el as HTMLElement;
  // An editor iframe (TinyMCE's classic mode) pointed at from outside: its editable body.
  const inner = frameDocument(el)?.body;
  if (inner?.isContentEditable) return inner;
  const host = el.closest('[contenteditable]:not([contenteditable="false"])');
  if (!host) return null;
  // The outermost editable: rich editors nest contenteditable islands inside their root.
  let root = host;
  for (let up = root.parentElement?.closest('[contenteditable]:not([contenteditable="false"])'); up; up = up.parentElement?.closest('[contenteditable]:not([contenteditable="false"])')) root = up;
  return root as HTMLElement;
}

export class TeachSession {
  readonly picks: TaughtPicks = {};
  /** What was pointed at, per step (for the highlight and the "redo" of a step). */
  readonly pointed = new Map<StepId, Element>();
  /** Every message item the taught conversation finds (marked on the page). */
  items: Element[] = [];
  private index = 0;

  constructor(
    private readonly doc: Document,
    private readonly url: () => URL,
    /** Settings' default country, for phone numbers written without one. */
    private readonly region = 'FR',
  ) {}

  /** Index of the current step (STEPS.length once every step is done or skipped). */
  get position(): number {
    return this.index;
  }

  get step(): StepId | null {
    return STEPS[this.index]?.id ?? null;
  }

  get done(): boolean {
    return this.index >= STEPS.length;
  }

  get canSave(): boolean {
    return this.done && Boolean(this.picks.name && this.picks.reply);
  }

  /** The customer's text so far: kept out of every selector. */
  private avoid(): string[] {
    return [...this.pointed.entries()].filter(([id]) => id !== 'message' && id !== 'reply').map(([, el]) => textOf(el)).filter(Boolean);
  }

  /** Takes the element pointed at for the current step; returns why not when it cannot. */
  point(target: Element): Refusal | null {
    const step = this.step;
    if (!step) return null;
    if (step === 'reply') {
      const box = editableOf(target);
      if (!box) return 'not-editable';
      this.picks.reply = deriveSelectors(box, { avoid: this.avoid() });
      this.pointed.set(step, box);
    } else if (step === 'message') {
      const name = this.pointed.get('name');
      const taught = deriveThread(target, name ? textOf(name) : undefined, { avoid: this.avoid() });
      if (!taught) return 'no-repeat';
      this.picks.thread = taught.thread;
      this.items = taught.items;
      this.pointed.set(step, taught.item);
    } else {
      // A customer field inside a message would be read from whoever wrote last.
      const thread = this.picks.thread;
      if (thread && pickAll(this.doc, thread.item).some((item) => item.contains(target))) return 'inside-message';
      this.picks[step] = fieldPick(step, target, { avoid: [...this.avoid(), textOf(target)] });
      this.pointed.set(step, target);
    }
    this.index++;
    return null;
  }

  skip(): void {
    const step = STEPS[this.index];
    if (step?.optional) this.index++;
  }

  /** Back to the previous step, forgetting what it took. */
  back(): void {
    if (this.index === 0) return;
    this.index--;
    const id = STEPS[this.index]!.id;
    this.pointed.delete(id);
    if (id === 'message') {
      delete this.picks.thread;
      this.items = [];
    }
    else delete this.picks[id];
  }

  spec(id = DRAFT_ID): SiteSpecJson {
    return assembleSpec(id, this.url(), this.picks);
  }

  /** What the adapter taught so far reads on the page now: the real reader, on the live page. */
  preview(): { detection: Detection | null; replyFound: boolean } {
    const site = defineSite(fromJson(this.spec()));
    const ctx = { url: this.url(), document: this.doc, own: { domains: [], signatures: [] }, defaultRegion: this.region };
    let detection: Detection | null = null;
    try {
      detection = site.read(ctx);
    } catch {
      detection = null;
    }
    return { detection, replyFound: Boolean(this.picks.reply?.length && site.findReplyBox(this.doc)) };
  }
}
