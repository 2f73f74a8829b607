/**
 * Is this button really seen by the agent? Chrome's IntersectionObserver v2 reports whether an
 * element is visible and unoccluded, including opacity and overlays set by the embedding page.
 * Where the browser lacks it (Firefox), the content script's own exposure check still applies.
 */
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
      if (entry) onChange(Boolean(entry.isIntersecting && entry.isVisible));
    },
    { trackVisibility: true, delay: 100, threshold: [1] } as IntersectionObserverInit,
  );
  observer.observe(element);
  return () => observer.disconnect();
}
