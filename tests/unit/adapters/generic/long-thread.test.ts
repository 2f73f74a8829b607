// @vitest-environment happy-dom
// What the generic adapter does on big, busy pages (the overhead bench's live inbox, in small).
import { describe, expect, it } from 'vitest';
import { affectsReading } from '../../../../src/adapters/generic/changes';
import { hasSkippedAncestor, queryOutside, regionsOutside, visibleText, walkReadable, walkTextOutside, withReadMemo } from '../../../../src/adapters/generic/dom';
import { findMessageBlocks } from '../../../../src/adapters/generic/conversation';
import { genericAdapter } from '../../../../src/adapters/generic/index';

function page(body: string): Document {
  return new DOMParser().parseFromString(`<!doctype html><html><body>${body}</body></html>`, 'text/html');
}

const read = (doc: Document) =>
  genericAdapter.read({ url: new URL('https://desk.example.org/#/ticket/4'), document: doc, own: { domains: [], signatures: [] }, defaultRegion: 'FR' });

function thread(count: number, middle = ''): string {
  return Array.from({ length: count }, (_, i) => {
    const customer = i % 2 === 0;
    const text = i === Math.floor(count / 2) && middle ? middle : `Message ${i} au sujet de la commande.`;
    return `<article class="message message--${customer ? 'customer' : 'agent'}"><span class="message-author">${customer ? 'Inès Faure' : 'Camille Agent'}</span><p>${text}</p></article>`;
  }).join('');
}

describe('long threads', () => {
  it('reads the customer and the latest 200 messages of a 1,500-message thread', () => {
    const doc = page(`<main><dl><dt>Courriel</dt><dd><a href="mailto:ines.faure@orange.fr">ines.faure@orange.fr</a></dd></dl>
      <div class="thread">${thread(1500)}</div><textarea aria-label="Réponse"></textarea></main>`);
    const d = read(doc);
    expect(d?.customer.identifiers[0]?.value).toBe('ines.faure@orange.fr');
    expect(d?.conversation.messages).toHaveLength(200);
    expect(d?.conversation.messages.at(-1)?.text).toBe('Message 1499 au sujet de la commande.');
    expect(d?.conversation.messages[0]?.text).toBe('Message 1300 au sujet de la commande.');
  });

  it('reads only the latest messages when asked, each exactly as a full read does', () => {
    const doc = page(`<main><dl><dt>Courriel</dt><dd><a href="mailto:ines.faure@orange.fr">ines.faure@orange.fr</a></dd></dl>
      <div class="thread">${thread(1500)}</div></main>`);
    const full = read(doc)!;
    const latest = genericAdapter.read({ url: new URL('https://desk.example.org/#/ticket/4'), document: doc, own: { domains: [], signatures: [] }, defaultRegion: 'FR', messageLimit: 30 })!;
    expect(latest.conversation.messages).toEqual(full.conversation.messages.slice(-30));
    expect(latest.customer).toEqual(full.customer);
  });

  it('still finds an identifier shown only at either end of a long thread', () => {
    const latest = page(`<main><div class="thread">${thread(400)}<article class="message message--customer"><span class="message-author">Inès Faure</span><p>Joignable au 06 12 34 56 78.</p></article></div></main>`);
    expect(read(latest)?.customer.identifiers.map((i) => i.value)).toEqual(['+33612345678']);
    const first = page(`<main><div class="thread"><article class="message message--customer"><span class="message-author">Inès Faure</span><p>Écrivez-moi : ines.faure@orange.fr</p></article>${thread(400)}</div></main>`);
    expect(read(first)?.customer.identifiers.map((i) => i.value)).toEqual(['ines.faure@orange.fr']);
  });

  it('leaves out the middle of a long thread, not of a short one', () => {
    for (const quoted of ['Mon ancienne adresse était paul.ancien@free.fr', 'Écrivez à <a href="mailto:paul.ancien@free.fr">mon ancienne adresse</a>']) {
      expect(read(page(`<main><div class="thread">${thread(400, quoted)}</div></main>`))).toBeNull();
      expect(read(page(`<main><div class="thread">${thread(40, quoted)}</div></main>`))?.customer.identifiers[0]?.value).toBe('paul.ancien@free.fr');
    }
  });

  it('reads labelled fields beside a long thread, not in its middle', () => {
    const quotedNumber = 'Ancien dossier : <dl><dt>N° client</dt><dd>99881</dd></dl>';
    const beside = '<dl><dt>Nom</dt><dd>Inès Faure</dd><dt>N° client</dt><dd>10482</dd></dl>';
    const long = read(page(`<main>${beside}<div class="thread">${thread(400, quotedNumber)}</div></main>`));
    expect(long?.customer.name).toBe('Inès Faure');
    expect(long?.customer.identifiers.map((i) => i.raw)).toEqual(['10482']);
    const short = read(page(`<main><div class="thread">${thread(40, quotedNumber)}</div></main>`));
    expect(short?.customer.identifiers.map((i) => i.raw)).toEqual(['99881']);
  });
});

describe('a live thread read again', () => {
  const at = (hash: string) => (doc: Document) =>
    genericAdapter.read({ url: new URL(`https://desk.example.org/${hash}`), document: doc, own: { domains: [], signatures: [] }, defaultRegion: 'FR' });
  const ticket4 = at('#/ticket/4');
  const message = (doc: Document, text: string, cls = 'message message--customer') => {
    const el = doc.createElement(cls.startsWith('message') ? 'article' : 'div');
    el.className = cls;
    el.innerHTML = cls.startsWith('message') ? '<span class="message-author">Inès Faure</span><p></p>' : '<p></p>';
    el.querySelector('p')!.textContent = text;
    return el;
  };
  const texts = (blocks: Element[]) => blocks.map((b) => b.querySelector('p')?.textContent);
  const livePage = () =>
    page(`<main><dl><dt>Courriel</dt><dd><a href="mailto:ines.faure@orange.fr">ines.faure@orange.fr</a></dd></dl><div class="thread">${thread(300)}</div></main>`);

  it('gives what a full read gives after a message is appended', () => {
    const doc = livePage();
    ticket4(doc);
    doc.querySelector('.thread')!.append(message(doc, 'Toujours rien reçu ce matin.'));
    const again = ticket4(doc);
    expect(again?.conversation.messages.at(-1)?.text).toBe('Toujours rien reçu ce matin.');
    // The same blocks as a search of the whole page (no conversation key: nothing reused).
    expect(findMessageBlocks(doc, 'https://desk.example.org/#/ticket/4')).toEqual(findMessageBlocks(doc));
    expect(texts(findMessageBlocks(doc)).at(-1)).toBe('Toujours rien reçu ce matin.');
  });

  it('searches the page again for another conversation', () => {
    const doc = livePage();
    ticket4(doc);
    // Ticket 5 draws its chat as bubbles beside the articles, which stay in place.
    const chat = doc.createElement('div');
    for (let i = 0; i < 400; i++) chat.append(message(doc, `Bulle ${i} : où en est ma commande ?`, 'chat-bubble'));
    doc.querySelector('main')!.append(chat);
    expect(at('#/ticket/5')(doc)?.conversation.messages.at(-1)?.text).toBe('Bulle 399 : où en est ma commande ?');
  });

  it('reads another conversation drawn in place of the last one as a full search would', () => {
    const doc = livePage();
    ticket4(doc);
    const thread = doc.querySelector('.thread')!;
    const next = Array.from({ length: 600 }, (_, i) => message(doc, `Ticket 5, message ${i}`, i % 2 ? 'message message--agent' : 'message message--customer'));
    // Hidden and empty blocks of the same shape at the end are not messages.
    const hidden = message(doc, 'Brouillon caché');
    hidden.setAttribute('hidden', '');
    next.push(hidden, message(doc, ' '));
    thread.replaceChildren(...next);
    const reused = findMessageBlocks(doc, 'https://desk.example.org/#/ticket/5');
    const searched = withReadMemo(() => findMessageBlocks(doc));
    expect(reused.slice(0, 200)).toEqual(searched.slice(0, 200));
    expect(reused.slice(-200)).toEqual(searched.slice(-200));
    expect(reused).toHaveLength(searched.length);
    expect(at('#/ticket/6')(doc)?.conversation.messages.at(-1)?.text).toBe('Ticket 5, message 599');
  });

  it('searches the page again for a conversation drawn in place of the last one in another shape', () => {
    const doc = livePage();
    ticket4(doc);
    doc.querySelector('.thread')!.replaceChildren(...Array.from({ length: 3 }, (_, i) => message(doc, `Bulle ${i}`, 'chat-bubble')));
    expect(at('#/ticket/5')(doc)?.conversation.messages.map((m) => m.text)).toEqual(['Bulle 0', 'Bulle 1', 'Bulle 2']);
  });

  it('searches the page again when blocks of the last shape show up in another kind of container', () => {
    const doc = livePage();
    ticket4(doc);
    // Ticket 5 is a chat; two previews of the old shape sit in a notifications list.
    const notes = doc.createElement('ul');
    notes.className = 'notifications';
    notes.append(message(doc, 'Aperçu 1'), message(doc, 'Aperçu 2'));
    doc.querySelector('.thread')!.replaceWith(notes);
    const chat = doc.createElement('div');
    for (let i = 0; i < 5; i++) chat.append(message(doc, `Bulle ${i} : où en est ma commande ? Je n’ai toujours rien reçu.`, 'chat-bubble'));
    doc.querySelector('main')!.append(chat);
    expect(at('#/ticket/5')(doc)?.conversation.messages.at(-1)?.text).toBe('Bulle 4 : où en est ma commande ? Je n’ai toujours rien reçu.');
  });

  it('searches the page again when a block read before becomes editable (same address)', () => {
    const doc = livePage();
    ticket4(doc);
    const last = doc.querySelector('.thread')!.lastElementChild!;
    last.querySelector('p')!.setAttribute('contenteditable', 'true');
    const again = findMessageBlocks(doc, 'https://desk.example.org/#/ticket/4');
    expect(again).not.toContain(last);
    expect(again).toEqual(withReadMemo(() => findMessageBlocks(doc)));
  });

  it('searches the page again when the blocks read last time are gone (same address)', () => {
    const doc = livePage();
    ticket4(doc);
    const thread = doc.querySelector('.thread')!;
    // Redrawn as bubbles; one new block still has the old shape.
    thread.replaceChildren(message(doc, 'Note interne'), ...Array.from({ length: 3 }, (_, i) => message(doc, `Nouvelle ${i}`, 'chat-bubble')));
    expect(ticket4(doc)?.conversation.messages.map((m) => m.text)).toEqual(['Nouvelle 0', 'Nouvelle 1', 'Nouvelle 2']);
  });
});

describe('readable text walk', () => {
  it('visits text in document order, skipping hidden and excluded subtrees', () => {
    const doc = page('<div id="r">a<b>b</b><span hidden>x</span><script>y</script><i id="ex">z</i><p>c<em>d</em></p>e</div>');
    const root = doc.getElementById('r')!;
    const seen: string[] = [];
    walkReadable(root, (n) => void (n.nodeType === 3 && seen.push((n as Text).data)), new Set([doc.getElementById('ex')!]));
    expect(seen.join('')).toBe('abcde');
    expect(visibleText(root)).toBe('abz cde');
  });

  it('stops when asked and keeps block boundaries as spaces', () => {
    const doc = page('<div id="r"><p>Bonjour</p><p>Marie</p><p>Dupont</p></div>');
    const root = doc.getElementById('r')!;
    expect(visibleText(root)).toBe('Bonjour Marie Dupont');
    const seen: string[] = [];
    walkReadable(root, (n) => (n.nodeType === 3 ? (seen.push((n as Text).data), seen.length < 2) : true));
    expect(seen).toEqual(['Bonjour', 'Marie']);
  });

  it('splits the page around left-out subtrees into the fewest whole regions', () => {
    const doc = page('<header id="h">h</header><main id="m"><h1 id="t">t</h1><div id="c"><p id="p1">1</p><p id="p2">2</p><p id="p3">3</p></div><p id="after">a</p></main>x');
    const skip = new Set([doc.getElementById('p2')!]);
    const ids = (nodes: Node[]) => nodes.map((n) => (n.nodeType === 1 ? (n as Element).id : (n as Text).data));
    expect(ids(regionsOutside(doc.body, skip))).toEqual(['h', 't', 'p1', 'p3', 'after', 'x']);
    expect(ids(regionsOutside(doc.body, new Set()))).toEqual(['h', 'm', 'x']);
  });

  it('queries only outside left-out subtrees, in document order, under the scope asked', () => {
    const doc = page(`<h2 id="top">En-tête</h2><main id="m"><section id="s"><h3 id="meta">Fiche</h3></section>
      <div id="c"><h2 id="keep1">Premier</h2><h2 id="mid">Milieu</h2><h2 id="keep2">Dernier</h2></div></main>`);
    const skip = new Set([doc.getElementById('mid')!]);
    const ids = (els: Element[]) => els.map((e) => e.id);
    withReadMemo(() => {
      expect(ids(queryOutside(doc.body, 'h2, h3', skip))).toEqual(['top', 'meta', 'keep1', 'keep2']);
      expect(ids(queryOutside(doc.getElementById('m')!, 'h2, h3', skip))).toEqual(['meta', 'keep1', 'keep2']);
      // A scope inside one region holds nothing left out.
      expect(ids(queryOutside(doc.getElementById('s')!, 'h2, h3', skip))).toEqual(['meta']);
      // A region that is itself a match counts.
      expect(ids(queryOutside(doc.body, 'h2', skip))).toEqual(['top', 'keep1', 'keep2']);
    });
    expect(ids(queryOutside(doc.body, 'h2, h3'))).toEqual(['top', 'meta', 'keep1', 'mid', 'keep2']);
  });

  it('visits every text node outside left-out subtrees in order, and stops when asked', () => {
    const doc = page('a<p>b<span hidden>c</span></p><div><i id="ex">x</i>d</div><script>e</script>');
    const seen: string[] = [];
    walkTextOutside(doc, (t) => (seen.push(t.data), true), new Set([doc.getElementById('ex')!]));
    // Hidden parts and scripts are for the caller to test: only what may hold a value is worth it.
    expect(seen).toEqual(['a', 'b', 'c', 'd', 'e']);
    const first: string[] = [];
    walkTextOutside(doc, (t) => (first.push(t.data), first.length < 2));
    expect(first).toEqual(['a', 'b']);
  });

  it('answers hidden ancestors the same with and without the per-read memo', () => {
    const doc = page('<div aria-hidden="true"><p><span id="a">x</span></p></div><div><p><span id="b">y</span></p></div>');
    const [a, b] = [doc.getElementById('a')!, doc.getElementById('b')!];
    expect([hasSkippedAncestor(a), hasSkippedAncestor(b)]).toEqual([true, false]);
    expect(withReadMemo(() => [hasSkippedAncestor(a), hasSkippedAncestor(b), hasSkippedAncestor(a)])).toEqual([true, false, true]);
  });
});

describe('which page changes are worth a read', () => {
  async function changes(doc: Document, change: () => void): Promise<boolean> {
    const records: MutationRecord[] = [];
    const observer = new MutationObserver((batch) => records.push(...batch));
    observer.observe(doc.body, { childList: true, subtree: true, characterData: true, characterDataOldValue: true });
    change();
    await new Promise((resolve) => setTimeout(resolve, 0));
    observer.disconnect();
    records.push(...observer.takeRecords());
    expect(records.length).toBeGreaterThan(0);
    return affectsReading(records);
  }

  const layout = () =>
    page(`<aside><ul id="inbox"><li><a href="#/ticket/1">Ticket 1</a> <small class="ago">il y a 3 s</small></li></ul></aside>
      <main id="ticket"><p id="body">Bonjour</p></main>`);

  it('ignores a ticking inbox list in the side bar', async () => {
    const doc = layout();
    expect(await changes(doc, () => (doc.querySelector('.ago')!.textContent = 'il y a 14 s'))).toBe(false);
    const row = () => {
      const li = doc.createElement('li');
      li.innerHTML = '<a href="#/ticket/2">Ticket 2</a> <small>il y a 0 s</small> Où en est ma commande ?';
      return li;
    };
    expect(await changes(doc, () => doc.getElementById('inbox')!.prepend(row()))).toBe(false);
    expect(await changes(doc, () => doc.getElementById('inbox')!.lastElementChild!.remove())).toBe(false);
  });

  it('reads again when a batch of side-bar changes also touches the content', async () => {
    const doc = layout();
    const aside = doc.querySelector('aside')!;
    expect(
      await changes(doc, () => {
        aside.append(doc.createElement('p'));
        doc.querySelector('.ago')!.textContent = 'il y a 20 s';
        doc.getElementById('body')!.append(' Merci');
      }),
    ).toBe(true);
  });

  it('reads again for any change in the content, and for identifiers in the side bar', async () => {
    const doc = layout();
    expect(await changes(doc, () => (doc.getElementById('body')!.textContent = 'Merci'))).toBe(true);
    const add = (html: string) => () => {
      const li = doc.createElement('li');
      li.innerHTML = html;
      doc.getElementById('inbox')!.append(li);
    };
    expect(await changes(doc, add('Marie &lt;marie@client.fr&gt;'))).toBe(true);
    expect(await changes(doc, add('Rappeler le 06 12 34 56 78'))).toBe(true);
    expect(await changes(doc, add('<a href="mailto:x@y.fr">Écrire</a>'))).toBe(true);
    expect(await changes(doc, add('<input type="email">'))).toBe(true);
    // An identifier leaving the side bar changes the reading too.
    expect(await changes(doc, () => doc.getElementById('inbox')!.lastElementChild!.remove())).toBe(true);
    const text = doc.querySelector('.ago')!.firstChild as Text;
    text.data = 'paul@free.fr';
    expect(await changes(doc, () => (text.data = 'il y a 2 s'))).toBe(true);
  });
});
