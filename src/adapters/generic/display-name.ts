/**
 * The customer's display name: a labelled name field, the text around the top identifier
 * ("Marie Dupont <marie@x.fr>", a profile card), or a name-like heading in the main content.
 */
import type { OwnMatcher } from '../../core/identifiers';
import { accountRootOf } from './account';
import { inMain, queryOutside, shortText } from './dom';
import { looksLikeName, stripContactSuffix } from './names';
import type { Ranked } from './ranking';
import { labelledValues } from './labelled-fields';
import { MAIN_OR_ARTICLE, NAME_LABEL } from './selectors';
import type { NameHint } from './text-scan';

export interface NameOptions {
  own: OwnMatcher;
  main: Element | null;
  /** Subtrees this read leaves out (the middle of a very long thread). */
  skip?: ReadonlySet<Element>;
}

const MAX_CARD_ELEMENTS = 300;

interface Candidate {
  name: string;
  score: number;
}

export function findDisplayName(
  doc: Document,
  ranked: readonly Ranked[],
  hints: readonly NameHint[],
  opts: NameOptions,
): string | undefined {
  const candidates: Candidate[] = [];
  const add = (raw: string, score: number, el: Element, single = true) => {
    const name = stripContactSuffix(raw);
    if (looksLikeName(name, single) && !opts.own.name(name) && !accountRootOf(el)) candidates.push({ name, score });
  };

  for (const hint of hints) add(hint.name, inMain(hint.el, opts.main) ? 0.9 : 0.6, hint.el);
  for (const value of labelledValues(doc, NAME_LABEL, opts.skip)) add(value.text, inMain(value.el, opts.main) ? 0.9 : 0.6, value.el);

  ranked.slice(0, 3).forEach((r, i) => {
    const weight = 1 - i * 0.1;
    const { el, prefix, node, via } = r.best;
    const inline = node ? /([^<>"'():,;@]{2,60}?)\s*["']?\s*[<(]\s*$/.exec(prefix) : null;
    if (inline?.[1]) add(inline[1], 0.85 * weight, el);
    if (via === 'link') add(shortText(el, 60), 0.8 * weight, el);
    // "<span>Marie Dupont</span> <a>marie@x.fr</a>", also when the value is wrapped alone.
    const sibling = el.previousElementSibling ?? (el.parentElement?.childElementCount === 1 ? el.parentElement.previousElementSibling : null);
    if (sibling) add(shortText(sibling, 60), 0.75 * weight, sibling);
    // A profile card: the closest ancestor with a heading or a *name* element.
    let card: Element | null = el.parentElement;
    // A card is small: past a few hundred elements this is the page's content column.
    for (let depth = 0; card && card !== doc.body && depth < 4 && card.getElementsByTagName('*').length <= MAX_CARD_ELEMENTS; depth++, card = card.parentElement) {
      const named = Array.from(card.querySelectorAll('h1, h2, h3, h4, [class*="name" i], strong')).find(
        (n) => !n.contains(el) && looksLikeName(shortText(n, 60)),
      );
      if (named) {
        add(shortText(named, 60), (0.7 - depth * 0.05) * weight, named, false);
        break;
      }
    }
  });

  const scope = opts.main ?? doc.querySelector(MAIN_OR_ARTICLE);
  const heading = scope ? queryOutside(scope, 'h1, h2, h3', opts.skip).find((h) => looksLikeName(shortText(h, 60))) : undefined;
  if (heading) add(shortText(heading, 60), 0.5, heading, false);

  candidates.sort((a, b) => b.score - a.score);
  return candidates[0]?.name;
}
