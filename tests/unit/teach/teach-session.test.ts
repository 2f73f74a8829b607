// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest';
import { customAdapterSchema, fromJson, siteSpecJsonSchema } from '../../../src/adapters/custom/schema';
import { customerNamespace, defaultName, hostPattern, pathPattern } from '../../../src/adapters/custom/teach-spec';
import { defineSite } from '../../../src/adapters/kit/site';
import { editableOf, TeachSession } from '../../../src/content/teach/session';
import { $, addUnrelatedContent, ATELIER_URL, loadAtelier } from './fixture';

/** Teaches the Atelier CRM page the way an agent does: one click per step. */
function teach(): TeachSession {
  const session = new TeachSession(document, () => new URL(ATELIER_URL));
  for (const css of ['h1', 'a[href^="mailto:jeanne"]', 'a[href^="tel:"]', '.css-w2e3r4', 'article p', 'textarea']) {
    expect(session.point($(css)), css).toBeNull();
  }
  return session;
}

const read = (session: TeachSession, id = 'custom:atelier-crm') => {
  const site = defineSite(fromJson(session.spec(id)));
  const ctx = { url: new URL(ATELIER_URL), document, own: { domains: [], signatures: [] }, defaultRegion: 'FR' };
  expect(site.matches(ctx)).toBe(true);
  return { detection: site.read(ctx)!, reply: site.findReplyBox(document) };
};

describe('teach mode: from clicks to a saved adapter', () => {
  beforeEach(() => {
    loadAtelier();
  });

  it('produces a spec the schema accepts, stored as a custom adapter', () => {
    const spec = teach().spec('custom:atelier-crm');
    expect(siteSpecJsonSchema.safeParse(spec).error?.issues).toBeUndefined();
    const record = { id: 'custom:atelier-crm', name: 'Atelier CRM', version: 1, spec, createdAt: 1, updatedAt: 1 };
    expect(customAdapterSchema.safeParse(record).success).toBe(true);
    expect(spec.host).toBe('/^127\\.0\\.0\\.1$/');
    expect(spec.path).toBe('/^\\/teach(?:[\\/?#]|$)/');
  });

  it('reads the customer, their number and the conversation with what it learnt', () => {
    const { detection, reply } = read(teach());
    expect(detection.adapter).toBe('custom:atelier-crm');
    expect(detection.customer.name).toBe('Jeanne Moreau');
    expect(detection.customer.identifiers.map((i) => i.value)).toEqual(['jeanne.moreau@free.fr', '+33655443322', 'atelier-crm:customer:CL-4821']);
    expect(detection.conversation.messages.map((m) => [m.direction, m.author, m.text.slice(0, 20)])).toEqual([
      ['inbound', 'Jeanne Moreau', 'Bonjour, la lampe Lu'],
      ['unknown', 'Paul Girard', 'Bonjour Jeanne, pouv'],
      ['inbound', 'Jeanne Moreau', 'Voici la photo, la r'],
    ]);
    expect(detection.conversation.messages[0]!.time).toBe(new Date(2026, 10, 18, 9, 12).toISOString());
    expect(reply).toBe($('textarea'));
  });

  it('reads the next customer the app shows, and survives unrelated additions to the page', () => {
    const session = teach();
    $('h1').textContent = 'Louis Carpentier';
    const [mail, tel] = Array.from(document.querySelectorAll('.css-g5f4d3'));
    mail!.setAttribute('href', 'mailto:louis.carpentier@orange.fr');
    mail!.textContent = 'louis.carpentier@orange.fr';
    tel!.textContent = '07 44 55 66 77';
    $('.css-w2e3r4').textContent = 'CL-5120';
    $('.css-h3g4f5').innerHTML = '<article class="css-c1v2b3 sc-jSgupP kQWpJc" data-side="client"><div class="css-t7r6e5"><b class="css-y8u7i6">Louis Carpentier</b><span class="css-o9i8u7">20/11/2026 14:02</span></div><div class="css-e4w3q2"><p>Ma commande n’est pas arrivée.</p></div></article>';
    addUnrelatedContent();
    const { detection } = read(session);
    expect(detection.customer.name).toBe('Louis Carpentier');
    expect(detection.customer.identifiers.map((i) => i.value)).toEqual(['louis.carpentier@orange.fr', '+33744556677', 'atelier-crm:customer:CL-5120']);
    expect(detection.conversation.messages).toMatchObject([{ direction: 'inbound', author: 'Louis Carpentier', text: 'Ma commande n’est pas arrivée.' }]);
  });

  it('previews what each step reads as the agent goes', () => {
    const session = new TeachSession(document, () => new URL(ATELIER_URL));
    session.point($('h1'));
    expect(session.preview().detection?.customer.name).toBe('Jeanne Moreau');
    session.point($('a[href^="mailto:jeanne"]'));
    session.skip();
    expect(session.step).toBe('customerId');
    expect(session.preview().detection?.customer.identifiers.map((i) => i.value)).toEqual(['jeanne.moreau@free.fr']);
    session.back();
    expect(session.step).toBe('phone');
  });

  it('refuses a reply box that is not one, a message that does not repeat, and a name without a reply box', () => {
    const session = new TeachSession(document, () => new URL(ATELIER_URL));
    session.point($('h1'));
    session.skip();
    session.skip();
    session.skip();
    expect(session.step).toBe('message');
    // Only a block that repeats is a message: the Send button and a lone paragraph are not.
    expect(session.point($('#send'))).toBe('no-repeat');
    document.body.insertAdjacentHTML('beforeend', '<div id="lone"><p>x</p></div>');
    expect(session.point($('#lone p'))).toBe('no-repeat');
    expect(session.step).toBe('message');
    session.skip();
    expect(session.point($('h1'))).toBe('not-editable');
    expect(session.canSave).toBe(false);
    expect(session.point($('textarea'))).toBeNull();
    expect(session.canSave).toBe(true);
  });

  it('takes the editing host of a rich editor, not the paragraph clicked inside it', () => {
    document.body.innerHTML = '<div class="ProseMirror" contenteditable="true"><p>Bonjour</p><div contenteditable="true"><p>x</p></div></div>';
    expect(editableOf($('div div p'))).toBe($('.ProseMirror'));
  });
});

describe('teach mode on a Tailwind inbox with test ids and a rich-text reply box', () => {
  const INBOX = 'https://desk.acme.example/inbox/c/981';
  beforeEach(() => {
    document.body.innerHTML = `
      <div class="flex h-screen">
        <aside class="w-64 border-r"><div class="p-4 font-bold">Acme Desk</div><a class="px-2" href="/settings">Réglages</a></aside>
        <main class="flex-1">
          <div class="p-4 rounded-lg shadow" data-testid="contact-card">
            <h2 class="text-lg font-semibold">Ana Souza</h2><p class="text-sm text-gray-500">ana.souza@gmail.com</p>
          </div>
          <ul class="space-y-3 p-4" role="log">
            <li class="flex gap-2 justify-start"><div class="rounded-2xl bg-gray-100 px-3 py-2">
              <p class="text-xs text-gray-500"><span>Ana Souza</span> · <time datetime="2026-11-20T09:00:00Z">9:00</time></p>
              <p class="whitespace-pre-wrap">Bonjour, je n’ai pas reçu mon colis.</p></div></li>
            <li class="flex gap-2 justify-end"><div class="rounded-2xl bg-blue-600 px-3 py-2">
              <p class="text-xs text-gray-500"><span>Léa (Acme)</span> · <time datetime="2026-11-20T09:05:00Z">9:05</time></p>
              <p class="whitespace-pre-wrap">Je regarde tout de suite.</p></div></li>
          </ul>
          <div class="border-t p-3"><div class="ProseMirror min-h-[80px]" contenteditable="true" role="textbox" aria-label="Message"><p><br></p></div></div>
        </main>
      </div>`;
  });

  it('anchors on the test id and the log role, reads times from datetime, and takes the editor root', () => {
    const session = new TeachSession(document, () => new URL(INBOX));
    expect(session.point($('h2'))).toBeNull();
    expect(session.point($('[data-testid=contact-card] p'))).toBeNull();
    session.skip();
    session.skip();
    expect(session.point($('li p.whitespace-pre-wrap'))).toBeNull();
    expect(session.point($('.ProseMirror p'))).toBeNull();
    const spec = session.spec('custom:acme-desk');
    expect(spec.name).toEqual(expect.arrayContaining(['[data-testid="contact-card"] h2']));
    expect(JSON.stringify(spec)).not.toMatch(/text-|bg-|px-|rounded|flex|whitespace/);
    expect((spec.thread!.time as string[])[0]).toMatch(/@datetime$/);
    const site = defineSite(fromJson(spec));
    const ctx = { url: new URL(INBOX), document, own: { domains: [], signatures: [] }, defaultRegion: 'FR' };
    const detection = site.read(ctx)!;
    expect(detection.customer).toMatchObject({ name: 'Ana Souza', identifiers: [{ value: 'ana.souza@gmail.com' }] });
    expect(detection.conversation.messages).toMatchObject([
      { author: 'Ana Souza', time: '2026-11-20T09:00:00.000Z', text: 'Bonjour, je n’ai pas reçu mon colis.' },
      // The kit drops a trailing "(Acme)" from author names.
      { author: 'Léa', time: '2026-11-20T09:05:00.000Z', text: 'Je regarde tout de suite.' },
    ]);
    expect(site.findReplyBox(document)).toBe($('.ProseMirror'));
    expect(spec.path).toBe('/^\\/inbox(?:[\\/?#]|$)/');
  });
});

describe('teach mode: patterns and names', () => {
  it('matches the page’s own host and the app’s section of the site', () => {
    expect(hostPattern(new URL('https://crm.atelier-lumen.fr/x'))).toBe('/^crm\\.atelier-lumen\\.fr$/');
    expect(pathPattern(new URL('https://x.fr/app/clients/4821'))).toBe('/^\\/app(?:[\\/?#]|$)/');
    expect(pathPattern(new URL('https://x.fr/4821/clients'))).toBeUndefined();
    expect(pathPattern(new URL('https://x.fr/index.html'))).toBeUndefined();
    expect(pathPattern(new URL('https://x.fr/'))).toBeUndefined();
  });

  it('names the adapter after the app and namespaces its customer numbers', () => {
    expect(defaultName('Fiche client — Atelier CRM', new URL('https://x.fr'))).toBe('Atelier CRM');
    expect(defaultName('', new URL('https://crm.x.fr'))).toBe('crm.x.fr');
    expect(customerNamespace('custom:atelier-crm')).toBe('atelier-crm:customer');
    expect(customerNamespace('custom:3d-shop')).toBe('d-shop:customer');
  });
});
