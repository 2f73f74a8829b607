/**
 * The frames of the page, as teach mode sees them. A same-origin frame (an editor's iframe, a
 * conversation rendered in a frame) is pointed into like the page itself: the overlay listens
 * in its document too and draws over it. A cross-origin frame's document is out of reach (the
 * browser says so, not us): the overlay marks it as a part of the page that cannot be taught.
 */
import { frameDocument } from '../../adapters/generic/dom';
import { frameOf } from '../../adapters/custom/teach-selectors';

/** Frames a taught selector may go through (schema.ts `SPEC_LIMITS.frames`). */
const MAX_DEPTH = 3;

export interface PageFrames {
  /** Documents of same-origin frames, at any depth up to the limit. */
  reachable: Document[];
  /** Frames whose document cannot be read (another origin, a sandbox) or that sit too deep. */
  unreachable: Element[];
}

/** The frames under `doc`, leaving out those `skip` says are not the page's (Continuum's own sidebar). */
export function pageFrames(doc: Document, skip: (frame: Element) => boolean, depth = 0): PageFrames {
  const found: PageFrames = { reachable: [], unreachable: [] };
  for (const frame of Array.from(doc.querySelectorAll('iframe, frame'))) {
    if (skip(frame)) continue;
    const inner = frameDocument(frame);
    if (!inner || depth >= MAX_DEPTH) {
      found.unreachable.push(frame);
      continue;
    }
    const deeper = pageFrames(inner, skip, depth + 1);
    found.reachable.push(inner, ...deeper.reachable);
    found.unreachable.push(...deeper.unreachable);
  }
  return found;
}

export interface Box {
  left: number;
  top: number;
  width: number;
  height: number;
}

/** `el`'s box in the top document's viewport: its own, moved by each frame it sits in. */
export function topRect(el: Element): Box {
  let { left, top, width, height } = el.getBoundingClientRect();
  for (let frame = frameOf(el); frame; frame = frameOf(frame)) {
    const outer = frame.getBoundingClientRect();
    // The frame's document starts inside its border.
    left += outer.left + frame.clientLeft;
    top += outer.top + frame.clientTop;
  }
  return { left, top, width, height };
}
