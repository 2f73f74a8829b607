// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { genericAdapter } from '../../../../src/adapters/generic/index';
import type { Detection, OwnIdentity } from '../../../../src/adapters/types';

function page(body: string): Document {
  return new DOMParser().parseFromString(`<!doctype html><html><head><title>t</title></head><body>${body}</body></html>`, 'text/html');
}

function read(body: string, own: Partial<OwnIdentity> = {}, url = 'https://desk.example.org/t/1'): Detection | null {
  return genericAdapter.read({
    url: new URL(url),
    document: page(body),
    own: { domains: own.domains ?? [], signatures: own.signatures ?? [] },
    defaultRegion: 'FR',
  });
}

const values = (d: Detection | null) => d?.customer.identifiers.map((i) => i.value) ?? [];
const score = (d: Detection | null, value: string) => d?.customer.identifiers.find((i) => i.value === value)?.score;

describe('main content over page chrome', () => {
  it('ranks main above header, nav, aside and footer', () => {
    const d = read(`
      <header><p>lucas@header.fr</p></header>
      <nav><p>nina@nav.fr</p></nav>
      <main><p>Bonjour, c'est marie@client.fr</p></main>
      <aside><p>alex@aside.fr</p></aside>
      <footer><p>zoe@footer.fr</p></footer>`);
    const v = values(d);
    expect(v[0]).toBe('marie@client.fr');
    expect(v.indexOf('alex@aside.fr')).toBeLessThan(v.indexOf('zoe@footer.fr'));
    expect(score(d, 'marie@client.fr')).toBeGreaterThan((score(d, 'lucas@header.fr') ?? 1) + 0.3);
  });

  it('treats an article header as content, not page chrome', () => {
    const d = read(`<footer>old@footer.fr</footer><article><header>From: marie@client.fr</header><p>Hi</p></article>`);
    expect(values(d)[0]).toBe('marie@client.fr');
  });

  it('uses the largest text column when the page has no <main>', () => {
    const d = read(`
      <div class="shell">
        <div class="rail"><p>Menu</p></div>
        <div class="col">${'<p>Long ticket text about a broken kettle and a refund request.</p>'.repeat(20)}<p>Reach me at marie@client.fr</p></div>
      </div>
      <div class="legal">x@legal.fr</div>`);
    expect(values(d)[0]).toBe('marie@client.fr');
    expect(score(d, 'marie@client.fr')).toBeGreaterThan(score(d, 'x@legal.fr') ?? 1);
  });
});

describe('labels', () => {
  const control = '<p>Voir aussi autre@tiers.fr</p>';
  it.each(['Email', 'E-mail', 'Courriel', 'Adresse e-mail', 'Customer', 'Client', 'From', 'De'])(
    'boosts an e-mail labelled "%s"',
    (label) => {
      const d = read(`<main>${control}<p><b>${label} :</b> marie@client.fr</p></main>`);
      expect(values(d)[0]).toBe('marie@client.fr');
      expect(score(d, 'marie@client.fr')).toBeGreaterThanOrEqual((score(d, 'autre@tiers.fr') ?? 1) + 0.2);
    },
  );

  it.each(['Phone', 'Téléphone', 'Tél.', 'Mobile', 'Portable'])('boosts a phone labelled "%s"', (label) => {
    const d = read(`<main><p>Standard 01 40 00 00 00</p><p>${label}: 06 12 34 56 78</p></main>`);
    expect(values(d)[0]).toBe('+33612345678');
    expect(score(d, '+33612345678')).toBeGreaterThanOrEqual((score(d, '+33140000000') ?? 1) + 0.25);
  });

  it('does not read prose ending in "from" or "de" as a label', () => {
    const labelled = read('<main><p>Email: a@client.fr</p></main>');
    const prose = read('<main><p>Notifications are sent from b@client.fr</p></main>');
    expect(score(prose, 'b@client.fr')).toBeLessThan(score(labelled, 'a@client.fr') ?? 0);
    expect(score(prose, 'b@client.fr')).toBe(0.6);
  });

  it('boosts definition lists and table fields', () => {
    const d = read(`<main>
      <p>Copie à autre@tiers.fr</p>
      <dl><dt>Courriel</dt><dd>marie@client.fr</dd></dl>
      <table><tr><th>Téléphone</th><td>01.23.45.67.89</td></tr></table></main>`);
    expect(values(d).slice(0, 2)).toEqual(['marie@client.fr', '+33123456789']);
    expect(score(d, 'marie@client.fr')).toBe(0.95);
  });

  it('reads column headers of a customer table', () => {
    const d = read(`<main><table><thead><tr><th>Nom</th><th>E-mail</th></tr></thead>
      <tbody><tr><td>Marie Dupont</td><td>marie@client.fr</td></tr></tbody></table><p>cc autre@tiers.fr</p></main>`);
    expect(values(d)[0]).toBe('marie@client.fr');
    expect(score(d, 'marie@client.fr')).toBeGreaterThan(0.9);
  });

  it('reads input values through their <label>, ignoring example placeholders', () => {
    const d = read(`<main><form>
      <label for="e">Adresse e-mail</label><input id="e" type="email" value="marie@client.fr" readonly>
      <label for="p">Mobile</label><input id="p" type="tel" value="0612345678">
      <label for="x">Autre</label><input id="x" type="email" value="name@example.com">
      <input type="email" placeholder="prenom.nom@exemple.fr"></form></main>`);
    expect(values(d)).toEqual(['marie@client.fr', '+33612345678']);
  });
});

describe('links', () => {
  it('reads mailto (several recipients) and tel links, and counts link text once', () => {
    const d = read(`<main>
      <a href="mailto:Marie@Client.fr,paul@client.fr?subject=Commande"><span>Marie@Client.fr</span></a>
      <a href="tel:+33612345678">Appeler</a></main>`);
    expect(d?.customer.identifiers.map((i) => [i.kind, i.raw, i.value])).toEqual([
      ['email', 'Marie@Client.fr', 'marie@client.fr'],
      ['email', 'paul@client.fr', 'paul@client.fr'],
      ['phone', '+33612345678', '+33612345678'],
    ]);
    expect(score(d, 'marie@client.fr')).toBe(0.7);
  });
});

describe('handles', () => {
  it('maps profile links to networks', () => {
    const d = read(`<main>
      <a href="https://twitter.com/LeaM">Twitter</a>
      <a href="https://www.instagram.com/lea.moreau/">Insta</a>
      <a href="https://www.facebook.com/lea.moreau.75">FB</a>
      <a href="https://www.linkedin.com/in/lea-moreau/">LinkedIn</a>
      <a href="https://x.com/intent/tweet?text=hi">Share</a></main>`);
    expect(d?.customer.identifiers.map((i) => [i.value, i.network])).toEqual([
      ['@leam', 'x'],
      ['@lea.moreau', 'instagram'],
      ['@lea.moreau.75', 'facebook'],
      ['@lea-moreau', 'linkedin'],
    ]);
  });

  it('infers the network from the page host or the field label', () => {
    const onInstagram = read('<main><p>Message de @lea.moreau</p></main>', {}, 'https://www.instagram.com/direct/t/123');
    expect(onInstagram?.customer.identifiers[0]).toMatchObject({ value: '@lea.moreau', network: 'instagram' });
    const labelled = read('<main><p>TikTok : @lea_m</p><p>vu @autre</p></main>');
    expect(labelled?.customer.identifiers.map((i) => [i.value, i.network])).toEqual([
      ['@lea_m', 'tiktok'],
      ['@autre', 'unknown'],
    ]);
  });

  it('ignores CSS at-rules, chat mentions and e-mail domains', () => {
    expect(read('<main><p>Use @media queries, ping @here, write to x@y.fr</p></main>')?.customer.identifiers.map((i) => i.kind)).toEqual(['email']);
  });
});

describe('own identity', () => {
  const body = `<main>
    <p>From: Jean Martin &lt;jean.martin@sav.acme.fr&gt;</p>
    <p>Perso : jean.martin+desk@gmail.com</p>
    <p>@acme_fr · 06 11 22 33 44</p>
    <p>Email: marie@client.fr</p></main>`;

  it('drops own domains (and subdomains) and every signature form', () => {
    const d = read(body, {
      domains: ['acme.fr'],
      signatures: ['Jean Martin | jeanmartin@gmail.com | 06 11 22 33 44', '@ACME_FR'],
    });
    expect(values(d)).toEqual(['marie@client.fr']);
  });

  it('keeps them when nothing says they are ours', () => {
    expect(values(read(body))).toHaveLength(5);
  });

  it('ignores the signed-in user in headers by aria-label, title or text', () => {
    for (const header of [
      '<div aria-label="Account"><span>Agent X</span> agent@desk.io</div>',
      '<button title="Compte">agent@desk.io</button>',
      '<p>Signed in as agent@desk.io</p>',
      '<p>Connecté en tant que <b>Agent X</b> (agent@desk.io)</p>',
      '<div class="user-menu"><span>agent@desk.io</span></div>',
    ]) {
      const d = read(`<header>${header}</header><main><p>Email: marie@client.fr</p><p>cc agent@desk.io</p></main>`);
      expect(values(d), header).toEqual(['marie@client.fr']);
    }
  });

  it('does not treat a "Customer profile" card in the content as an account menu', () => {
    const d = read('<main><section aria-label="Customer profile"><p>marie@client.fr</p></section></main>');
    expect(values(d)).toEqual(['marie@client.fr']);
  });
});

describe('penalties', () => {
  it('penalises role addresses but keeps them when they are all there is', () => {
    const both = read('<main><p>Email: support@shop.fr</p><p>voir marie@client.fr</p></main>');
    expect(values(both)).toEqual(['marie@client.fr', 'support@shop.fr']);
    const alone = read('<main><p>noreply@shop.fr</p></main>');
    expect(values(alone)).toEqual(['noreply@shop.fr']);
    expect(alone?.confidence).toBeLessThan(0.3);
  });

  it('penalises quoted replies and signature blocks lightly', () => {
    const d = read(`<main><p>write to a@client.fr</p><blockquote>write to b@client.fr</blockquote>
      <div class="signature">write to c@client.fr</div></main>`);
    expect(score(d, 'a@client.fr')).toBe(0.6);
    expect(score(d, 'b@client.fr')).toBe(0.5);
    expect(score(d, 'c@client.fr')).toBe(0.5);
  });

  it('boosts repetition', () => {
    const d = read('<main><p>one@client.fr</p><p>two@client.fr</p><p>two@client.fr again</p><p>two@client.fr</p></main>');
    expect(values(d)).toEqual(['two@client.fr', 'one@client.fr']);
    expect(score(d, 'two@client.fr')).toBe(0.7);
  });
});

describe('hidden content', () => {
  it('skips hidden, aria-hidden, inline display:none, CSS-hidden, script and template text', () => {
    const d = read(`<style>.gone{display:none}</style><main>
      <div hidden>h1@x.fr</div><div aria-hidden="true">h2@x.fr</div><div style="display: none">h3@x.fr</div>
      <div class="gone">h4@x.fr</div><script>var a = "h5@x.fr"</script><template><p>h6@x.fr</p></template>
      <noscript>h7@x.fr</noscript><svg><text>h8@x.fr</text></svg><input type="hidden" value="h9@x.fr">
      <textarea>draft@x.fr</textarea><div data-continuum><p>ui@x.fr</p></div>
      <p>seen@x.fr</p></main>`);
    expect(values(d)).toEqual(['seen@x.fr']);
  });
});

describe('confidence', () => {
  it('is high for a labelled e-mail in the main content', () => {
    expect(read('<main><dl><dt>Email</dt><dd>marie@client.fr</dd></dl></main>')?.confidence).toBeGreaterThanOrEqual(0.9);
  });
  it('is low for a stray handle in the footer', () => {
    const d = read('<main><p>Bienvenue</p></main><footer>Suivez-nous @maison_l</footer>');
    expect(values(d)).toEqual(['@maison_l']);
    expect(d?.confidence).toBeLessThanOrEqual(0.1);
  });
  it('drops when two equally strong e-mails compete', () => {
    const one = read('<main><p>Email: a@client.fr</p></main>')?.confidence ?? 0;
    const two = read('<main><p>Email: a@client.fr</p><p>Email: b@client.fr</p></main>')?.confidence ?? 0;
    expect(two).toBeCloseTo(one - 0.1, 5);
  });
});

describe('display name', () => {
  it('reads "Name <email>"', () => {
    expect(read('<main><p>From: Marie Dupont &lt;marie@client.fr&gt;</p></main>')?.customer.name).toBe('Marie Dupont');
  });

  it('reads a name next to the e-mail in a profile card', () => {
    const d = read(`<main><div class="card"><div class="avatar">MD</div>
      <div class="meta"><span class="full-name">Marie-Hélène de la Tour</span><a href="mailto:mh@client.fr">mh@client.fr</a></div></div></main>`);
    expect(d?.customer.name).toBe('Marie-Hélène de la Tour');
  });

  it('reads labelled name fields in English and French', () => {
    expect(read('<main><p>Name: Marie Dupont</p><p>marie@client.fr</p></main>')?.customer.name).toBe('Marie Dupont');
    expect(read('<main><p><b>Nom :</b> Camille Rousseau</p><p>c@client.fr</p></main>')?.customer.name).toBe('Camille Rousseau');
    expect(read('<main><dl><dt>Contact</dt><dd>Yann Le Gall</dd><dt>Email</dt><dd>y@client.fr</dd></dl></main>')?.customer.name).toBe('Yann Le Gall');
  });

  it('falls back to a name-like heading in the main content', () => {
    const d = read('<main><h1>Julien Petit</h1><section><p>Notes</p></section><p>Commande du mois: jp@client.fr</p></main>');
    expect(d?.customer.name).toBe('Julien Petit');
  });

  it('never returns generic words, subjects, numbers or the agent', () => {
    expect(read('<main><h1>Customer Details</h1><p>Name: Customer</p><p>m@client.fr</p></main>')?.customer.name).toBeUndefined();
    expect(read('<main><h1>Problème de livraison</h1><p>Client: 48213</p><p>m@client.fr</p></main>')?.customer.name).toBeUndefined();
    const d = read('<main><p>Name: Jean Martin</p><p>From: Jean Martin &lt;m@client.fr&gt;</p></main>', {
      signatures: ['Jean Martin – Acme Care'],
    });
    expect(d?.customer.name).toBeUndefined();
    expect(values(d)).toEqual(['m@client.fr']);
  });

  it('returns a detection with only a name', () => {
    const d = read('<main><dl><dt>Customer</dt><dd>Marie Dupont</dd></dl></main>');
    expect(d?.customer).toEqual({ name: 'Marie Dupont', identifiers: [] });
    expect(d?.confidence).toBe(0.2);
  });
});
