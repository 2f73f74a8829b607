/**
 * Is the sidebar really in front of the agent? A hostile page can make our frame nearly
 * transparent or lay something over it so the agent clicks without seeing (clickjacking).
 * Actions that write into the page are refused unless the frame is visible and uncovered.
 * (Inside the frame, Chrome's IntersectionObserver v2 gives a second, independent check.)
 */
export type ExposureProblem = 'detached' | 'collapsed' | 'transparent' | 'hidden' | 'covered' | 'too-small';

const MIN_OPACITY = 0.95;
const MIN_SIZE = 120;

export function exposureProblem(host: HTMLElement, frame: HTMLIFrameElement): ExposureProblem | null {
  if (!host.isConnected || !frame.isConnected) return 'detached';
  if (frame.offsetParent === null && getComputedStyle(frame).position !== 'fixed') return 'collapsed';
  let opacity = 1;
  for (let el: Element | null = host; el; el = el.parentElement) {
    const style = getComputedStyle(el);
    if (style.visibility !== 'visible' || style.display === 'none' || style.contentVisibility === 'hidden') return 'hidden';
    opacity *= Number(style.opacity);
    if (style.filter !== 'none' || style.mixBlendMode !== 'normal' || style.clipPath !== 'none') return 'transparent';
  }
  if (opacity < MIN_OPACITY) return 'transparent';
  const rect = frame.getBoundingClientRect();
  if (rect.width < MIN_SIZE || rect.height < MIN_SIZE) return 'too-small';
  // The top-most element at several points of the frame must be our host (shadow content is
  // retargeted to it). An overlay that lets clicks through (pointer-events: none) is caught by
  // the frame's own visibility check instead.
  const points: [number, number][] = [
    [0.5, 0.5],
    [0.2, 0.2],
    [0.8, 0.2],
    [0.2, 0.8],
    [0.8, 0.8],
  ];
  for (const [fx, fy] of points) {
    const x = rect.left + rect.width * fx;
    const y = rect.top + rect.height * fy;
    if (x < 0 || y < 0 || x >= innerWidth || y >= innerHeight) return 'covered';
    if (document.elementFromPoint(x, y) !== host) return 'covered';
  }
  return null;
}
