/**
 * Is this button really seen by the agent? Chrome's IntersectionObserver v2 reports whether an
 * element is visible and unoccluded, including opacity and overlays set by the embedding page.
 * Where the browser lacks it (Firefox), the content script's own exposure check still applies.
 * Chrome also reports a button that has just moved (scrolled, re-laid out) as not visible for a
 * moment: a click in that moment is refused, as a click on something slid under the pointer.
 */

/**
 * How much of the button must be inside the sidebar's viewport. Not all of it: a button at the
 * fold is often clipped by a fraction of a pixel. Occlusion and opacity are `isVisible`'s job.
 */
const MIN_SHOWN = 0.5;

export function trackVisibility(element: Element, onChange: (visible: boolean) => void): () => void {
  const supported = 'isVisible' in IntersectionObserverEntry.prototype;
  if (!supported) {
    onChange(true);
    return () => undefined;
  }
  onChange(false);
  const observer = new IntersectionObserver(
    (entries) => {
      const entry = entries.at(-1) as (IntersectionObserverEntry & { isVisible?: boolean }) | undefined;
      if (entry) onChange(Boolean(entry.isIntersecting && entry.isVisible && entry.intersectionRatio >= MIN_SHOWN));
    },
    { trackVisibility: true, delay: 100, threshold: [MIN_SHOWN] } as IntersectionObserverInit,
  );
  observer.observe(element);
  return () => observer.disconnect();
}
