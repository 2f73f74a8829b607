// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { framePathProblem } from '../../../../src/adapters/custom/schema';
import { frameSteps } from '../../../../src/adapters/kit/frame-path';
import { closest, dayOf, hits, pickAll, values, when } from '../../../../src/adapters/kit/pick';

const local = (y: number, mo: number, d: number, h = 0, mi = 0) => new Date(y, mo - 1, d, h, mi).toISOString();

function page(body: string): Document {
  return new DOMParser().parseFromString(`<!doctype html><body>${body}</body>`, 'text/html');
}

describe('when: the dates apps show', () => {
  it.each([
    ['2026-11-20T09:15:00Z', '2026-11-20T09:15:00.000Z'],
    ['1795165920', '2026-11-20T09:12:00.000Z'],
    ['Fri, Nov 20, 2026, 10:15 AM', local(2026, 11, 20, 10, 15)],
    ['Sat, Nov 21, 2026, 6:40 PM', local(2026, 11, 21, 18, 40)],
    ['ven. 20/11/2026 08:05', local(2026, 11, 20, 8, 5)],
    ['sam. 21 nov. 2026 à 18:40', local(2026, 11, 21, 18, 40)],
    ['[10:54, 20/11/2026]', local(2026, 11, 20, 10, 54)],
    ['21/11/2026 08:58', local(2026, 11, 21, 8, 58)],
  ])('%s', (raw, iso) => {
    expect(when(raw, 'FR')).toBe(iso);
  });

  it('puts a bare clock time on the day of the separator, 12- or 24-hour', () => {
    const day = new Date(2026, 10, 20);
    expect(when('9:12 AM', 'FR', day)).toBe(local(2026, 11, 20, 9, 12));
    expect(when('6:05 PM', 'FR', day)).toBe(local(2026, 11, 20, 18, 5));
    expect(when('12:30 AM', 'FR', day)).toBe(local(2026, 11, 20, 0, 30));
    expect(when('18h05', 'FR', day)).toBe(local(2026, 11, 20, 18, 5));
    expect(when('9:12 AM', 'FR')).toBeUndefined();
    expect(when('3 days ago', 'FR', day)).toBeUndefined();
    expect(when(undefined, 'FR', day)).toBeUndefined();
  });
});

describe('dayOf: day separators', () => {
  afterEach(() => vi.useRealTimers());

  it('reads relative, yearless and full days', () => {
    vi.useFakeTimers({ now: new Date(2026, 10, 22, 15, 0), toFake: ['Date'] });
    expect(dayOf('Today', 'FR')?.toISOString()).toBe(local(2026, 11, 22));
    expect(dayOf("AUJOURD'HUI", 'FR')?.toISOString()).toBe(local(2026, 11, 22));
    expect(dayOf('Hier', 'FR')?.toISOString()).toBe(local(2026, 11, 21));
    expect(dayOf('Nov 20', 'FR')?.toISOString()).toBe(local(2026, 11, 20));
    expect(dayOf('20 nov.', 'FR')?.toISOString()).toBe(local(2026, 11, 20));
    expect(dayOf('20 NOVEMBRE 2026', 'FR')?.toISOString()).toBe(local(2026, 11, 20));
    expect(dayOf('Thursday', 'FR')).toBeUndefined();
  });
});

describe('picks and fields', () => {
  const doc = page(`
    <div id="a" data-who="Marie"><span class="n">Marie Dupont</span><a href="mailto:m@x.fr">m</a></div>
    <div hidden><span class="n">Caché</span></div>
    <div aria-hidden="true"><a class="h" href="mailto:h@x.fr">h</a></div>`);

  it('takes the first alternative that finds anything, skipping unparseable ones and hidden subtrees', () => {
    expect(pickAll(doc, ['.missing', ':::bad', '.n']).map((e) => e.textContent)).toEqual(['Marie Dupont']);
    expect(pickAll(doc, ['a.h'])).toEqual([]);
  });

  it('reads attributes with @attr, narrows with re, and includes the root itself', () => {
    const root = doc.getElementById('a')!;
    expect(values(doc, ['a@href']).map((v) => v.text)).toEqual(['mailto:m@x.fr']);
    expect(values(doc, { from: ['a@href'], re: /^mailto:(.+)$/ }).map((v) => v.text)).toEqual(['m@x.fr']);
    expect(values(root, ['[data-who]@data-who']).map((v) => v.text)).toEqual(['Marie']);
    expect(values(doc, ['.n'], (el) => el.textContent !== 'Marie Dupont')).toEqual([]);
  });

  it('hits and closest match the element, its content or its ancestors', () => {
    const root = doc.getElementById('a')!;
    expect(hits(root, ['.nope', '.n'])).toBe(true);
    expect(hits(root, ['.h'])).toBe(false);
    expect(closest(root.querySelector('.n')!, ['#a@data-who'])).toBe(root);
  });
});

describe('frame paths', () => {
  it('split on >>> between steps, not inside a quoted attribute value the page chose', () => {
    expect(frameSteps('iframe#thread >>> div.msg >>> p')).toEqual(['iframe#thread', 'div.msg', 'p']);
    expect(frameSteps('iframe[title="a >>> b"] >>> p[data-x=\'>>>\']')).toEqual(['iframe[title="a >>> b"]', "p[data-x='>>>']"]);
    expect(frameSteps('div[title="say \\"hi\\" >>> x"]')).toEqual(['div[title="say \\"hi\\" >>> x"]']);
    expect(frameSteps('div.msg')).toEqual(['div.msg']);
    // The schema reads steps the same way: a quoted ">>>" is no empty step nor an extra frame.
    expect(framePathProblem('a[title=">>>"]@href')).toBeNull();
    expect(framePathProblem('iframe >>> a[title=">>> >>> >>>"]')).toBeNull();
  });

  it('match nothing in the top document when the path says the element is inside a frame', () => {
    const doc = page('<div class="msg"><span class="body"><b class="email">x@y.fr</b></span></div>');
    const email = doc.querySelector('.email')!;
    expect(closest(email, ['iframe.thread >>> div.msg'])).toBeNull();
    expect(closest(email, ['iframe.thread >>> div.msg', 'div.msg'])).toBe(doc.querySelector('.msg'));
    expect(hits(doc.querySelector('.msg')!, ['iframe.thread >>> .email'])).toBe(false);
    expect(hits(doc.querySelector('.msg')!, ['.email'])).toBe(true);
  });
});
