// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { intercomAdapter } from '../../../src/adapters/intercom/index';
import { appId, context, email, fixture, phone, readPage } from './site-fixture';

const URL = 'https://app.intercom.com/a/inbox/abc12xyz/inbox/shared/all/conversation/215470000000777';

describe('intercom: inbox conversation', () => {
  const doc = fixture('intercom', 'conversation');
  const d = readPage(intercomAdapter, context(doc, URL));

  it('reads the contact from the details sidebar and the ids', () => {
    expect(d.customer.name).toBe('Sophie Leroy');
    expect(d.customer.identifiers).toEqual([
      email('sophie.leroy@free.fr'),
      phone('+33 7 98 76 54 32', '+33798765432'),
      appId('intercom:user', '6523f0c0a1b2c3d4e5f60718', 0.95),
      appId('intercom:conversation', '215470000000777', 0.5),
    ]);
    expect(d.conversation.key).toBe('intercom:conversation:215470000000777');
  });

  it('reads parts by group category: customer in, teammate and bot out, system events left out', () => {
    expect(d.conversation.messages.map((m) => [m.direction, m.author, m.time, m.channel, m.text])).toEqual([
      ['inbound', 'Sophie Leroy', '2026-11-20T14:02:11.000Z', 'chat', 'Hello! Do you deliver wedding cakes to Annecy?'],
      ['outbound', 'Fin', '2026-11-20T14:02:15.000Z', 'chat', 'Our team will get back to you shortly.'],
      ['outbound', 'Jean Martin', '2026-11-20T15:10:00.000Z', 'email', 'Hi Sophie, yes we do, within 60 km. For how many guests?'],
      ['inbound', 'Sophie Leroy', '2026-11-21T09:00:00.000Z', 'email', 'About 120, on June 12th.'],
    ]);
  });

  it('finds the composer and applies on the EU data centre host', () => {
    expect(intercomAdapter.findReplyBox(doc)?.getAttribute('aria-label')).toBe('Reply');
    expect(intercomAdapter.matches(context(doc, URL.replace('app.intercom.com', 'app.eu.intercom.com')))).toBe(true);
  });
});
