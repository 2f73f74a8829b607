// @vitest-environment happy-dom
// @vitest-environment-options {"settings":{"enableIframePageLoading":true}}
/**
 * Teach mode across same-origin frames, on the Comptoir Desk fixture (tests/fixtures/teach/):
 * its conversation is rendered in an iframe and its reply box is an editor iframe (TinyMCE's
 * classic mode). Selectors name the frame (`<frame> >>> <inside>`), the schema checks them, and
 * the saved adapter reads the conversation and finds the reply box through the frames.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { customAdapterSchema, framePathProblem, fromJson, siteSpecJsonSchema } from '../../../src/adapters/custom/schema';
import { deriveSelectors } from '../../../src/adapters/custom/teach-selectors';
import { pickAll } from '../../../src/adapters/kit/pick';
import { defineSite } from '../../../src/adapters/kit/site';
import { pageFrames, topRect } from '../../../src/content/teach/frames';
import { mountOverlay } from '../../../src/content/teach/overlay';
import { editableOf, TeachSession } from '../../../src/content/teach/session';

const URL_ = 'http://127.0.0.1:4300/teach/2026-11-23-comptoir-desk/';
const dir = resolve(import.meta.dirname, '../../fixtures/teach/2026-11-23-comptoir-desk');
/** A fixture page's body, its scripts and frames left out (the test builds the frames). */
const bodyOf = (file: string) => {
  const html = readFileSync(resolve(dir, file), 'utf8').replace(/<script[\s\S]*?<\/script>|<iframe[\s\S]*?<\/iframe>/g, '');
  return new DOMParser().parseFromString(html, 'text/html').body.innerHTML;
};

/**
 * happy-dom gives same-origin frames a document but no `frameElement` on their window (browsers
 * do): set it, as the browser would.
 */
function frameWith(frame: HTMLIFrameElement, html: string): Document {
  const doc = frame.contentDocument!;
  Object.defineProperty(frame.contentWindow!, 'frameElement', { value: frame, configurable: true });
  doc.body.innerHTML = html;
  return doc;
}

/** The Comptoir Desk page: the thread frame filled from thread.html, TinyMCE's iframe as TinyMCE builds it. */
function loadComptoir(): { thread: Document; editor: Document } {
  document.body.innerHTML = bodyOf('index.html');
  const threadFrame = document.createElement('iframe');
  threadFrame.className = 'thread-frame';
  threadFrame.id = 'thread';
  document.querySelector('.requester')!.after(threadFrame);
  const thread = frameWith(threadFrame, bodyOf('thread.html'));
  const textarea = document.querySelector('#reply')!;
  const wrapper = document.createElement('div');
  wrapper.className = 'tox tox-tinymce';
  wrapper.innerHTML = '<div class="tox-edit-area"><iframe id="reply_ifr" class="tox-edit-area__iframe" title="Rich Text Area"></iframe></div>';
  textarea.setAttribute('style', 'display: none;');
  textarea.after(wrapper);
  const editor = frameWith(wrapper.querySelector('iframe')!, '<p><br data-mce-bogus="1"></p>');
  editor.body.id = 'tinymce';
  editor.body.className = 'mce-content-body';
  editor.body.setAttribute('contenteditable', 'true');
  editor.body.setAttribute('data-id', 'reply');
  return { thread, editor };
}

const must = (el: Element | null | undefined): Element => {
  if (!el) throw new Error('not in the fixture');
  return el;
};

/** A click on `el`: whether the page's own listener heard it, and whether its default action was kept from happening. */
function clickOn(el: Element): { pageHeard: boolean; defaultPrevented: boolean } {
  const heard = vi.fn();
  el.addEventListener('click', heard);
  const click = new MouseEvent('click', { bubbles: true, cancelable: true });
  el.dispatchEvent(click);
  el.removeEventListener('click', heard);
  return { pageHeard: heard.mock.calls.length > 0, defaultPrevented: click.defaultPrevented };
}

describe('teach mode through same-origin frames', () => {
  let frames: { thread: Document; editor: Document };
  beforeEach(() => {
    frames = loadComptoir();
  });

  it('names the frame, then the element inside it; each alternative finds exactly that element', () => {
    const p = must(frames.thread.querySelectorAll('.msg .body p')[2]);
    const selectors = deriveSelectors(p);
    expect(selectors.length).toBeGreaterThan(0);
    for (const selector of selectors) {
      expect(selector).toMatch(/^(?:#thread|iframe\.thread-frame)\b.* >>> /);
      expect(pickAll(document, [selector])).toEqual([p]);
      expect(framePathProblem(selector)).toBeNull();
    }
    // The editor's body, through TinyMCE's iframe.
    const reply = deriveSelectors(frames.editor.body);
    expect(reply[0]).toBe('#reply_ifr >>> #tinymce');
    expect(pickAll(document, reply)).toEqual([frames.editor.body]);
  });

  it('goes through a frame inside a frame', () => {
    const inner = frames.thread.createElement('iframe');
    inner.className = 'quoted';
    frames.thread.body.append(inner);
    const quoted = frameWith(inner, '<blockquote class="original">Message d’origine</blockquote>');
    const [selector] = deriveSelectors(must(quoted.querySelector('blockquote')));
    expect(selector).toMatch(/^\S.* >>> iframe\.quoted >>> blockquote\.original$/);
    expect(pickAll(document, [selector!])).toEqual([quoted.querySelector('blockquote')]);
  });

  it('a click on the editor iframe itself takes its editable body', () => {
    expect(editableOf(must(document.querySelector('#reply_ifr')))).toBe(frames.editor.body);
    expect(editableOf(must(frames.editor.querySelector('p')))).toBe(frames.editor.body);
  });

  it('teaches an adapter that reads the framed conversation and finds the editor in its frame', () => {
    const session = new TeachSession(document, () => new URL(URL_));
    const clicks = [
      must(document.querySelector('.requester-name')),
      must(document.querySelector('a[href^="mailto:"]')),
      must(document.querySelector('a[href^="tel:"]')),
    ];
    for (const el of clicks) expect(session.point(el)).toBeNull();
    session.skip();
    expect(session.point(must(frames.thread.querySelector('.msg-in .body p')))).toBeNull();
    // The reply box: a click inside the editor's frame takes the editor's body.
    expect(session.point(must(frames.editor.querySelector('p')))).toBeNull();
    expect(session.done).toBe(true);

    const spec = session.spec('custom:comptoir-desk');
    expect(siteSpecJsonSchema.safeParse(spec).error?.issues).toBeUndefined();
    expect(customAdapterSchema.safeParse({ id: spec.id, name: 'Comptoir Desk', version: 1, spec, createdAt: 1, updatedAt: 1 }).success).toBe(true);
    expect(spec.thread!.item[0]).toMatch(/ >>> /);
    expect(spec.reply[0]).toBe('#reply_ifr >>> #tinymce');

    const site = defineSite(fromJson(spec));
    const ctx = { url: new URL(URL_), document, own: { domains: [], signatures: [] }, defaultRegion: 'FR' };
    expect(site.matches(ctx)).toBe(true);
    const detection = site.read(ctx)!;
    expect(detection.customer.name).toBe('Élodie Marchand');
    expect(detection.customer.identifiers.map((i) => i.value)).toEqual(['elodie.marchand@laposte.net', '+33612345678']);
    expect(detection.conversation.messages.map((m) => [m.author, m.text])).toEqual([
      ['Élodie Marchand', 'Bonjour, ma commande 8841 est arrivée avec un abat-jour fendu.'],
      ['Marc Lefort', 'Bonjour Élodie, pouvez-vous nous envoyer une photo du carton ?'],
      ['Élodie Marchand', 'Voici la photo du carton, il était écrasé sur un coin.'],
    ]);
    expect(detection.conversation.messages[2]!.time).toBe(new Date(2026, 10, 22, 8, 30).toISOString());
    expect(site.findReplyBox(document)).toBe(frames.editor.body);
    expect(session.preview().replyFound).toBe(true);
  });

  it('never reads a customer field from inside a framed message, whatever markup the sender wrote', () => {
    const session = new TeachSession(document, () => new URL(URL_));
    for (const el of [document.querySelector('.requester-name'), document.querySelector('a[href^="mailto:"]'), document.querySelector('a[href^="tel:"]')]) {
      expect(session.point(must(el))).toBeNull();
    }
    session.skip();
    expect(session.point(must(frames.thread.querySelector('.msg-in .body p')))).toBeNull();
    expect(session.point(must(frames.editor.querySelector('p')))).toBeNull();
    const spec = session.spec('custom:comptoir-desk');
    expect(spec.thread!.item[0]).toMatch(/ >>> /);
    // The app also shows the requester's address at the top of the thread frame, and the adapter reads it there.
    frames.thread.body.insertAdjacentHTML('afterbegin', '<div class="contact"><span class="email">elodie.marchand@laposte.net</span></div>');
    spec.ids.push({ kind: 'email', pick: ['#thread >>> span.email'] });
    // A received e-mail carries the same markup with another address.
    must(frames.thread.querySelectorAll('.msg-in .body p')[1]).insertAdjacentHTML('beforeend', ' <span class="email">attacker@evil.example</span>');

    const detection = defineSite(fromJson(spec)).read({ url: new URL(URL_), document, own: { domains: [], signatures: [] }, defaultRegion: 'FR' })!;
    const emails = detection.customer.identifiers.filter((i) => i.kind === 'email').map((i) => i.value);
    expect(emails).toEqual(['elodie.marchand@laposte.net']);
    // The message itself still reads whole, the injected address as its text.
    expect(detection.conversation.messages[2]!.text).toContain('attacker@evil.example');
  });

  it('tells the frames it can point into from those whose document is out of reach', () => {
    const widget = document.createElement('iframe');
    widget.className = 'kb-widget';
    document.body.append(widget);
    // A cross-origin (or sandboxed) frame: the browser gives no document.
    Object.defineProperty(widget, 'contentDocument', { get: () => null });
    const found = pageFrames(document, () => false);
    expect(found.reachable).toEqual(expect.arrayContaining([frames.thread, frames.editor]));
    expect(found.unreachable).toEqual([widget]);
    // Continuum's own frames are left out.
    expect(pageFrames(document, (frame) => frame === widget).unreachable).toEqual([]);
    // A box inside a frame is placed in the page's viewport (layout-free here: no offset, no crash).
    expect(topRect(frames.editor.body)).toMatchObject({ left: expect.any(Number), top: expect.any(Number) });
  });

  it('the overlay takes clicks inside a same-origin frame away from it too, and lets go once stopped', () => {
    const session = new TeachSession(document, () => new URL(URL_));
    const controller = new AbortController();
    mountOverlay({ session, strings: {}, signal: controller.signal, save: async () => '', cancel: () => controller.abort() });
    const message = must(frames.thread.querySelector('.msg-in .body p'));
    expect(clickOn(message)).toEqual({ pageHeard: false, defaultPrevented: true });
    controller.abort();
    expect(clickOn(message)).toEqual({ pageHeard: true, defaultPrevented: false });
  });
});

describe('the teach overlay and frames that load', () => {
  beforeEach(() => {
    loadComptoir();
  });

  it('listens in a frame that loads later; an image or script loading redraws nothing; scrolling draws once per frame', async () => {
    const session = new TeachSession(document, () => new URL(URL_));
    const controller = new AbortController();
    mountOverlay({ session, strings: {}, signal: controller.signal, save: async () => '', cancel: () => controller.abort() });
    const drawn = vi.spyOn(globalThis, 'requestAnimationFrame');

    const img = document.createElement('img');
    document.body.append(img);
    img.dispatchEvent(new Event('load'));
    expect(drawn).not.toHaveBeenCalled();

    const late = document.createElement('iframe');
    late.className = 'late';
    document.body.append(late);
    const doc = frameWith(late, '<p class="note">Note interne</p>');
    late.dispatchEvent(new Event('load'));
    expect(drawn).toHaveBeenCalledOnce();
    expect(clickOn(must(doc.querySelector('.note')))).toEqual({ pageHeard: false, defaultPrevented: true });

    // Once that drawing is done, a burst of scroll events draws once more.
    await new Promise((done) => requestAnimationFrame(done));
    drawn.mockClear();
    for (let i = 0; i < 5; i++) document.dispatchEvent(new Event('scroll'));
    expect(drawn).toHaveBeenCalledOnce();
    controller.abort();
    drawn.mockRestore();
  });
});

describe('selector paths through frames in the schema', () => {
  it('accepts a frame path and refuses broken or too deep ones', () => {
    expect(framePathProblem('iframe#reply_ifr >>> body#tinymce')).toBeNull();
    expect(framePathProblem('#thread >>> div.msg >>> p@title')).toBeNull();
    expect(framePathProblem('iframe >>> ')).toMatch(/both sides/);
    expect(framePathProblem('>>> body')).toMatch(/both sides/);
    expect(framePathProblem('a@href >>> body')).toMatch(/last step/);
    expect(framePathProblem('a >>> b >>> c >>> d >>> e')).toMatch(/more than 3 frames/);
    const spec = { id: 'custom:desk', host: '/^desk\\.example$/', marker: ['#main'], ids: [], reply: ['iframe >>>'] };
    const result = siteSpecJsonSchema.safeParse(spec);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['reply', 0]);
    expect(siteSpecJsonSchema.safeParse({ ...spec, reply: ['iframe.tox-edit-area__iframe >>> body'] }).success).toBe(true);
  });
});
