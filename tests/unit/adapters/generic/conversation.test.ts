// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import {
  MAX_MESSAGE_CHARS,
  MAX_MESSAGES,
  conversationKey,
  parseDate,
} from '../../../../src/adapters/generic/conversation';
import { genericAdapter } from '../../../../src/adapters/generic/index';
import type { OwnIdentity, PageMessage } from '../../../../src/adapters/types';

function messages(body: string, own: OwnIdentity = { domains: [], signatures: [] }): PageMessage[] {
  const doc = new DOMParser().parseFromString(`<!doctype html><html><body>${body}</body></html>`, 'text/html');
  const d = genericAdapter.read({ url: new URL('https://desk.example.org/t/9'), document: doc, own, defaultRegion: 'FR' });
  return d?.conversation.messages ?? [];
}

// Every page needs a customer for read() to return something.
const CUSTOMER = '<main><p>Email: marie@client.fr</p>';

describe('finding message blocks', () => {
  it('prefers the open thread over a list of conversation previews in the nav', () => {
    const list = Array.from({ length: 6 }, (_, i) => `<div class="thread-item">Client ${i} · ok</div>`).join('');
    const m = messages(`<nav>${list}</nav>${CUSTOMER}
      <div class="msg">Bonjour, le colis est arrivé cassé, pouvez-vous m'aider ?</div>
      <div class="msg">Bien sûr, je vous envoie une étiquette de retour.</div></main>`);
    expect(m.map((x) => x.text)).toEqual([
      "Bonjour, le colis est arrivé cassé, pouvez-vous m'aider ?",
      'Bien sûr, je vous envoie une étiquette de retour.',
    ]);
  });

  it('groups inbound and outbound variants of one block shape, across day wrappers', () => {
    const m = messages(`${CUSTOMER}
      <section class="day"><div class="chat-bubble chat-bubble--in">un</div><div class="chat-bubble chat-bubble--out">deux</div></section>
      <section class="day"><div class="chat-bubble chat-bubble--in">trois</div></section></main>`);
    expect(m.map((x) => [x.text, x.direction])).toEqual([
      ['un', 'inbound'],
      ['deux', 'outbound'],
      ['trois', 'inbound'],
    ]);
  });

  it('reads [role=listitem] in a [role=log] and ignores the composer', () => {
    const m = messages(`${CUSTOMER}<div role="log">
      <div role="listitem">Hello</div><div role="listitem">Hi there</div></div>
      <div class="reply-box"><textarea placeholder="Reply"></textarea></div></main>`);
    expect(m.map((x) => x.text)).toEqual(['Hello', 'Hi there']);
  });
});

describe('directions', () => {
  it('reads markers from classes and data attributes', () => {
    const m = messages(`${CUSTOMER}
      <div class="message agent-reply">a</div>
      <div class="message" data-direction="outgoing">b</div>
      <div class="message is-sent">c</div>
      <div class="message" data-from-me>d</div>
      <div class="message customer">e</div>
      <div class="message incoming">f</div>
      <div class="message" data-message-id="in-42">g</div></main>`);
    expect(m.map((x) => x.direction)).toEqual(['outbound', 'outbound', 'outbound', 'outbound', 'inbound', 'inbound', 'unknown']);
  });

  it('uses the author: own name or domain is outbound, the customer is inbound', () => {
    const own = { domains: ['acme.fr'], signatures: ['Jean Martin'] };
    const m = messages(`${CUSTOMER}
      <div class="comment"><span class="comment-author">Jean Martin</span><p>un</p></div>
      <div class="comment"><span class="comment-author">Paul &lt;paul@acme.fr&gt;</span><p>deux</p></div>
      <div class="comment"><span class="comment-author">marie@client.fr</span><p>trois</p></div>
      <div class="comment"><span class="comment-author">Someone Else</span><p>quatre</p></div></main>`, own);
    expect(m.map((x) => [x.author, x.direction])).toEqual([
      ['Jean Martin', 'outbound'],
      ['Paul <paul@acme.fr>', 'outbound'],
      ['marie@client.fr', 'inbound'],
      // Not the agent while the agent's identity is known: the other side.
      ['Someone Else', 'inbound'],
    ]);
  });

  it('prefers an explicit author element over any *name* element that comes first', () => {
    const m = messages(`${CUSTOMER}
      <div class="comment"><span class="product-name">Bouilloire</span><span class="comment-author">Marie Dupont</span><p>un</p></div>
      <div class="comment" data-author="Paul"><span class="product-name">Théière</span><p>deux</p></div></main>`);
    expect(m.map((x) => x.author)).toEqual(['Marie Dupont', 'Paul']);
  });

  it('stays unknown for a foreign author when no own identity is configured', () => {
    const m = messages(`${CUSTOMER}<div class="comment"><b class="author">Someone</b> un</div><div class="comment"><b class="author">Other</b> deux</div></main>`);
    expect(m.map((x) => x.direction)).toEqual(['unknown', 'unknown']);
  });
});

describe('times', () => {
  it('reads <time datetime>, title and data-timestamp', () => {
    const m = messages(`${CUSTOMER}
      <article><time datetime="2026-11-22T08:00:00+01:00">ce matin</time><p>a</p></article>
      <article><span title="22 nov. 2026 à 14:32">14:32</span><p>b</p></article>
      <article data-timestamp="1795363200"><p>c</p></article>
      <article><span title="Envoyé">x</span><p>d</p></article></main>`);
    expect(m.map((x) => x.time)).toEqual([
      '2026-11-22T07:00:00.000Z',
      new Date(2026, 10, 22, 14, 32).toISOString(),
      new Date(1795363200 * 1000).toISOString(),
      undefined,
    ]);
  });

  it('parses common formats and rejects non-dates', () => {
    expect(parseDate('03/02/2021 09:05')).toBe(new Date(2021, 1, 3, 9, 5).toISOString());
    expect(parseDate('03/02/2021', 'US')).toBe(new Date(2021, 2, 2).toISOString());
    expect(parseDate('1er déc. 2026')).toBe(new Date(2026, 11, 1).toISOString());
    expect(parseDate('Nov 22, 2026, 2:31 PM')).toBe(new Date(2026, 10, 22, 14, 31).toISOString());
    expect(parseDate('1795363200000')).toBe(new Date(1795363200000).toISOString());
    expect(parseDate('Marie')).toBeUndefined();
    expect(parseDate('12')).toBeUndefined();
    expect(parseDate('31/31/2026')).toBeUndefined();
  });

  it('puts newest-first feeds back in chronological order', () => {
    const m = messages(`${CUSTOMER}
      <div class="entry"><time datetime="2026-11-22T10:00:00Z">3</time><p>third</p></div>
      <div class="entry"><time datetime="2026-11-21T10:00:00Z">2</time><p>second</p></div>
      <div class="entry"><time datetime="2026-11-20T10:00:00Z">1</time><p>first</p></div></main>`);
    expect(m.map((x) => x.text)).toEqual(['first', 'second', 'third']);
  });
});

describe('text and caps', () => {
  it('collapses whitespace, keeps word boundaries between blocks, drops hidden parts', () => {
    const m = messages(`${CUSTOMER}
      <div class="message"><div class="message-body"><p>Bon<b>jour</b>,</p>
      <p>   ligne
      deux</p><span hidden>caché</span><script>x()</script></div></div>
      <div class="message"><div class="message-body">ok</div></div></main>`);
    expect(m[0]?.text).toBe('Bonjour, ligne deux');
  });

  it(`caps each text at ${MAX_MESSAGE_CHARS} characters and keeps the latest ${MAX_MESSAGES} messages`, () => {
    const long = 'x'.repeat(MAX_MESSAGE_CHARS + 1000);
    const blocks = Array.from({ length: 250 }, (_, i) => `<div class="message">${i === 249 ? long : `n${i}`}</div>`).join('');
    const m = messages(`${CUSTOMER}${blocks}</main>`);
    expect(m).toHaveLength(MAX_MESSAGES);
    expect(m[0]?.text).toBe('n50');
    expect(m[MAX_MESSAGES - 2]?.text).toBe('n248');
    expect(m[MAX_MESSAGES - 1]?.text).toHaveLength(MAX_MESSAGE_CHARS);
  });
});

describe('long newest-first feeds', () => {
  it('keeps the most recent messages and returns them oldest first', () => {
    const base = Date.UTC(2026, 10, 1);
    const blocks = Array.from({ length: 250 }, (_, i) => {
      const t = new Date(base + (250 - i) * 60_000).toISOString();
      return `<div class="entry"><time datetime="${t}"></time><p>n${250 - i}</p></div>`;
    }).join('');
    const m = messages(`${CUSTOMER}${blocks}</main>`);
    expect(m).toHaveLength(MAX_MESSAGES);
    expect(m[0]?.text).toBe('n51');
    expect(m[MAX_MESSAGES - 1]?.text).toBe('n250');
  });
});

describe('conversationKey', () => {
  it('strips tracking params, sorts the rest and drops anchors', () => {
    expect(conversationKey(new URL('https://Desk.Example.org/tickets/42/?utm_source=x&b=2&fbclid=1&a=1&gclid=z#reply'))).toBe(
      'https://desk.example.org/tickets/42?a=1&b=2',
    );
  });
  it('keeps hash routes', () => {
    expect(conversationKey(new URL('https://mail.google.com/mail/u/0/?utm_campaign=x#inbox/FMfcgzQ'))).toBe(
      'https://mail.google.com/mail/u/0#inbox/FMfcgzQ',
    );
    expect(conversationKey(new URL('https://app.example.org/#/conversations/7?utm_medium=a'))).toBe(
      'https://app.example.org/#/conversations/7?utm_medium=a',
    );
    expect(conversationKey(new URL('https://app.example.org/#!ticket-7'))).toBe('https://app.example.org/#!ticket-7');
  });
  it('is the same for the same conversation seen twice', () => {
    const a = conversationKey(new URL('https://desk.example.org/t/1?utm_source=a'));
    const b = conversationKey(new URL('https://desk.example.org/t/1/?utm_source=b&utm_term=c'));
    expect(a).toBe(b);
  });
});
