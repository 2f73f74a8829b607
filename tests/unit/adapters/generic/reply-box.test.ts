// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { genericAdapter } from '../../../../src/adapters/generic/index';

function page(body: string): Document {
  return new DOMParser().parseFromString(`<!doctype html><html><body>${body}</body></html>`, 'text/html');
}

const boxId = (body: string) => genericAdapter.findReplyBox(page(body))?.id ?? null;

describe('findReplyBox', () => {
  afterEach(() => {
    document.body.innerHTML = '';
  });

  it('returns the focused editable first, even when unlabelled', () => {
    document.body.innerHTML = `<main><textarea id="other"></textarea>
      <div id="reply" contenteditable="true" aria-label="Reply"></div></main>`;
    (document.getElementById('other') as HTMLTextAreaElement).focus();
    expect(genericAdapter.findReplyBox(document)?.id).toBe('other');
  });

  it('returns the editing host when the caret is inside a rich editor', () => {
    document.body.innerHTML = `<main><div id="editor" contenteditable="true"><p id="line">Bonjour</p></div></main>`;
    (document.getElementById('line') as HTMLElement).focus();
    expect(genericAdapter.findReplyBox(document)?.id).toBe('editor');
  });

  it('does not return a focused search field', () => {
    document.body.innerHTML = `<header><input id="q" type="text" placeholder="Search"></header>
      <main><textarea id="reply" placeholder="Write a reply"></textarea></main>`;
    (document.getElementById('q') as HTMLInputElement).focus();
    expect(genericAdapter.findReplyBox(document)?.id).toBe('reply');
  });

  it.each(['Reply', 'Répondre', 'Message', 'Write something', 'Écrire un message'])('prefers a box labelled "%s"', (label) => {
    expect(boxId(`<main><textarea id="note" placeholder="Internal note"></textarea>
      <textarea id="reply" placeholder="${label}"></textarea><textarea id="last"></textarea></main>`)).toBe('reply');
  });

  it('reads labels from aria-labelledby and <label>', () => {
    expect(boxId(`<main><span id="l">Votre réponse</span><textarea id="a"></textarea>
      <div id="b" role="textbox" aria-labelledby="l"></div></main>`)).toBe('b');
    expect(boxId(`<main><label for="x">Répondre au client</label><textarea id="x"></textarea><textarea id="y"></textarea></main>`)).toBe('x');
  });

  it('prefers the box after the conversation, in the main content', () => {
    expect(boxId(`<aside><textarea id="side"></textarea></aside><main>
      <textarea id="top"></textarea>
      <div class="message">un</div><div class="message">deux</div>
      <textarea id="bottom"></textarea></main>`)).toBe('bottom');
  });

  it('skips hidden, disabled, read-only, search and compose header fields', () => {
    expect(boxId(`<main>
      <textarea id="h" placeholder="Reply" hidden></textarea>
      <textarea id="s" placeholder="Reply" style="display:none"></textarea>
      <textarea id="d" placeholder="Reply" disabled></textarea>
      <textarea id="r" placeholder="Reply" readonly></textarea>
      <div id="to" role="textbox" aria-label="To"></div>
      <form role="search"><textarea id="q" placeholder="Reply search"></textarea></form>
      <div id="ok" contenteditable="true"></div></main>`)).toBe('ok');
  });

  it('returns the root of nested editables', () => {
    expect(boxId(`<main><div id="root" contenteditable="true" aria-label="Message"><div contenteditable="true" id="inner">x</div></div></main>`)).toBe('root');
  });

  it('prefers the editable the agent typed in last, once focus has moved to the sidebar', () => {
    document.body.innerHTML = `<main><div class="message">un</div>
      <textarea id="note" placeholder="Internal note"></textarea>
      <textarea id="reply" placeholder="Reply"></textarea></main>`;
    const note = document.getElementById('note')!;
    expect(genericAdapter.findReplyBox(document)?.id).toBe('reply');
    expect(genericAdapter.findReplyBox(document, note)?.id).toBe('note');
    // Not a search box, nor a box that has left the page.
    document.body.insertAdjacentHTML('afterbegin', '<input id="q" type="text" placeholder="Search">');
    expect(genericAdapter.findReplyBox(document, document.getElementById('q'))?.id).toBe('reply');
    note.remove();
    expect(genericAdapter.findReplyBox(document, note)?.id).toBe('reply');
  });

  it('takes a single-line input only when it is labelled like a reply box', () => {
    expect(boxId(`<main><form><input id="name" type="text"><input id="order"></form></main>`)).toBeNull();
    expect(boxId(`<main><div class="bubble">hi</div><div class="bubble">hello</div>
      <input id="chat" type="text" placeholder="Type a message…"></main>`)).toBe('chat');
  });

  it('returns null when the only box is a search box', () => {
    expect(boxId(`<header><div role="textbox" aria-label="Search mail" contenteditable="true"></div></header><main><p>Hi</p></main>`)).toBeNull();
    expect(boxId('<main><div contenteditable="false">x</div></main>')).toBeNull();
  });
});
