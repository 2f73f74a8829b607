// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest';
import { deriveThread, findItems, guessParts } from '../../../src/adapters/custom/teach-thread';
import { $, addUnrelatedContent, firstFound, found, loadAtelier } from './fixture';

describe('teach mode: the conversation from one message', () => {
  beforeEach(() => {
    loadAtelier();
  });

  it('finds the repeated message item around what was clicked, not the paragraphs inside it', () => {
    const paragraph = $('article p');
    const found = findItems(paragraph)!;
    expect(found.item).toBe($('article'));
    expect(found.items).toEqual(Array.from(document.querySelectorAll('article')));
  });

  it('tells author, time and body apart inside the message', () => {
    const parts = guessParts($('article'));
    expect(parts.author?.textContent).toBe('Jeanne Moreau');
    expect(parts.time?.textContent).toBe('18/11/2026 09:12');
    expect(parts.body?.textContent).toMatch(/^Bonjour, la lampe.*m’aider \?$/);
  });

  it('derives item selectors that find every message and nothing else, and fields inside each', () => {
    const taught = deriveThread($('article .css-e4w3q2 p'), 'Jeanne Moreau')!;
    const articles = Array.from(document.querySelectorAll('article'));
    expect(taught.thread.item.length).toBeGreaterThanOrEqual(2);
    expect(found(taught.thread.item)).toEqual(taught.thread.item.map(() => articles));
    const inEach = (pick: readonly string[] | undefined) => articles.map((a) => a.querySelector(pick![0]!)?.textContent);
    expect(inEach(taught.thread.author as string[])).toEqual(['Jeanne Moreau', 'Paul Girard', 'Jeanne Moreau']);
    expect(inEach(taught.thread.time as string[])).toEqual(['18/11/2026 09:12', '18/11/2026 10:40', '19/11/2026 08:05']);
    expect(inEach(taught.thread.body)[2]).toBe('Voici la photo, la référence est LM-220.');
    expect(JSON.stringify(taught.thread)).not.toMatch(/css-|sc-jSgupP|kQWpJc|gHfRtb/);
  });

  it('learns which messages are the customer’s from a stable attribute lined up with the authors', () => {
    const taught = deriveThread($('article p'), 'Jeanne Moreau')!;
    expect(taught.thread.in).toEqual(['article[data-side="client"]']);
  });

  it('keeps finding exactly the messages when the page adds unrelated blocks', () => {
    const taught = deriveThread($('article p'), 'Jeanne Moreau')!;
    const articles = Array.from(document.querySelectorAll('article'));
    addUnrelatedContent();
    expect(firstFound(taught.thread.item)).toEqual(articles);
  });

  it('finds nothing to repeat on a lone block', () => {
    document.body.innerHTML = '<main><div><p>Un seul message</p></div></main>';
    expect(deriveThread($('p'), undefined)).toBeNull();
  });
});
