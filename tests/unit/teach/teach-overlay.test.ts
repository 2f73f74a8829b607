// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { mountOverlay } from '../../../src/content/teach/overlay';
import { TeachSession } from '../../../src/content/teach/session';
import { $, ATELIER_URL, loadAtelier } from './fixture';

const mounted: AbortController[] = [];

function mount() {
  const session = new TeachSession(document, () => new URL(ATELIER_URL));
  const controller = new AbortController();
  mounted.push(controller);
  const cancel = vi.fn(() => controller.abort());
  mountOverlay({ session, strings: { teachTitle: 'Teach' }, signal: controller.signal, save: async () => 'saved', cancel });
  return { session, controller, cancel, host: () => document.querySelector('[data-continuum="teach"]') };
}

describe('teach overlay in the page', () => {
  beforeEach(() => {
    loadAtelier();
  });
  afterEach(() => {
    for (const controller of mounted.splice(0)) controller.abort();
  });

  it('lives in a closed shadow root the page cannot open, marked so adapters never read it', () => {
    const { host } = mount();
    expect(host()).not.toBeNull();
    expect((host() as HTMLElement).shadowRoot).toBeNull();
  });

  it('takes the page’s clicks away from it, and a click the page scripts teaches nothing', () => {
    const { session } = mount();
    const pageHeard = vi.fn();
    $('h1').addEventListener('click', pageHeard);
    const click = new MouseEvent('click', { bubbles: true, cancelable: true });
    $('h1').dispatchEvent(click);
    expect(click.defaultPrevented).toBe(true);
    expect(pageHeard).not.toHaveBeenCalled();
    expect(session.position).toBe(0);
  });

  it('leaves nothing behind once stopped: no element, no listener', () => {
    const { controller, host } = mount();
    controller.abort();
    expect(host()).toBeNull();
    const pageHeard = vi.fn();
    $('h1').addEventListener('click', pageHeard);
    $('h1').dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true }));
    expect(pageHeard).toHaveBeenCalledOnce();
  });
});
