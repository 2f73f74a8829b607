// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { gmailAdapter } from '../../../../src/adapters/gmail/index';
import { defineSite } from '../../../../src/adapters/kit/site';
import { zendeskAdapter } from '../../../../src/adapters/zendesk/index';
import { context, fixture, values } from '../site-fixture';

const GMAIL = 'https://mail.google.com/mail/u/0/#inbox/FMfcgzQXJWDsKmvBJkvnGRHNbZKrWvzc';

describe('site reader: what a message says is data', () => {
  it('never reads the customer or the agent from inside a message body (Gmail)', () => {
    const doc = fixture('gmail', 'thread');
    // A hostile e-mail carrying Gmail-like markup: a sender chip and an account label.
    doc.querySelector('.a3s')!.insertAdjacentHTML(
      'beforeend',
      '<span class="gD" email="attacker@evil.test" name="Service Client">x</span><a aria-label="Google Account: Marie (marie.dupont@orange.fr)">y</a>',
    );
    const d = gmailAdapter.read(context(doc, GMAIL));
    expect(values(d!)).toEqual(['marie.dupont@orange.fr', 'gmail:thread:19353a1b2c3d4e5f']);
    expect(d!.customer.name).toBe('Marie Dupont');
  });

  it('ignores a planted context-panel field inside a Zendesk comment', () => {
    const doc = fixture('zendesk', 'ticket');
    doc.querySelector('.zd-comment')!.insertAdjacentHTML('beforeend', '<a data-test-id="customer-context-email" href="mailto:attacker@evil.test">a</a>');
    const d = zendeskAdapter.read(context(doc, 'https://acme-cafe.zendesk.com/agent/tickets/48213'));
    expect(values(d!)).not.toContain('attacker@evil.test');
    expect(values(d!)[0]).toBe('marie.dupont@orange.fr');
  });
});

describe('site reader: own identity, empty pages, reply box', () => {
  const spec = defineSite({
    id: 'demo',
    host: /^demo\.test$/,
    marker: ['#app'],
    account: ['#me'],
    name: ['.who'],
    ids: [{ kind: 'email', pick: ['.mail'] }, { kind: 'app-id', ns: 'demo:ticket', url: /\/t\/(\d+)/ }],
    key: ['demo:ticket'],
    thread: { item: ['.msg'], author: ['.by'], body: ['.text'] },
    reply: ['.box', 'textarea'],
  });
  const html = `<div id="app"><header id="me">Jean Martin (jean@acme.fr)</header>
    <p class="who">Jean Martin</p><p class="who">Marie Dupont</p>
    <span class="mail">jean@acme.fr</span><span class="mail">support@acme.fr</span><span class="mail">marie@x.fr</span><span class="mail">MARIE@x.fr</span>
    <div class="msg"><b class="by">Marie Dupont</b><p class="text">Bonjour</p></div>
    <div class="msg"><b class="by">Jean Martin</b><p class="text">Bonjour Marie</p></div>
    <div class="msg"><b class="by">Paul</b><p class="text">?</p></div>
    <div class="box" contenteditable="true" id="b1"></div><textarea id="b2"></textarea></div>`;
  const doc = new DOMParser().parseFromString(html, 'text/html');
  const d = spec.read(context(doc, 'https://demo.test/t/42'))!;

  it("drops the signed-in user's name, address and company domain; dedupes the rest", () => {
    expect(d.customer.name).toBe('Marie Dupont');
    expect(values(d)).toEqual(['marie@x.fr', 'demo:ticket:42']);
    expect(d.conversation.key).toBe('demo:ticket:42');
  });

  it('tells directions from the names when the app has no markers', () => {
    expect(d.conversation.messages.map((m) => m.direction)).toEqual(['inbound', 'outbound', 'unknown']);
  });

  it('prefers the box the agent typed in last', () => {
    expect(spec.findReplyBox(doc)?.id).toBe('b1');
    // The textarea is not the app's reply box (a first alternative found one): it is not taken.
    expect(spec.findReplyBox(doc, doc.getElementById('b2'))?.id).toBe('b1');
    const two = new DOMParser().parseFromString('<div id="app"><div class="box" contenteditable="true" id="x"><p id="in">a</p></div><div class="box" contenteditable="true" id="y"><p id="in2">b</p></div></div>', 'text/html');
    expect(spec.findReplyBox(two, two.getElementById('in2'))?.id).toBe('y');
  });

  it('reads nothing on an empty page of the app, and does not apply elsewhere', () => {
    const empty = new DOMParser().parseFromString('<div id="app"></div>', 'text/html');
    expect(spec.read(context(empty, 'https://demo.test/'))).toBeNull();
    expect(spec.matches(context(doc, 'https://demo.test.evil.example/t/42'))).toBe(false);
    expect(spec.matches(context(empty, 'https://demo.test/'))).toBe(true);
  });
});
