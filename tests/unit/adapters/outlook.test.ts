// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { outlookAdapter } from '../../../src/adapters/outlook/index';
import { appId, context, email, fixture, local, readPage, values } from './site-fixture';

const ITEM = 'AAQkADAwATM0MDAAMS1hNjlmLTA0ZWQtMDACLTAwCgAQAHv1lJ9qg%2FpEuXcGZ1S5E7A%3D';
const URL = `https://outlook.office.com/mail/inbox/id/${ITEM}`;

describe('outlook: reading pane, conversation view (French UI)', () => {
  const doc = fixture('outlook', 'conversation');
  const d = readPage(outlookAdapter, context(doc, URL));

  it('reads the correspondent and the conversation ids, never the signed-in user', () => {
    expect(d.customer.name).toBe('Sophie Leroy');
    expect(d.customer.identifiers).toEqual([
      email('sophie.leroy@free.fr'),
      appId('outlook:conversation', 'AAQkADAwATM0MDAAMS1hNjlmLTA0ZWQtMDACLTAwCgAQAHv1lJ9qg', 0.5),
      appId('outlook:item', 'AAQkADAwATM0MDAAMS1hNjlmLTA0ZWQtMDACLTAwCgAQAHv1lJ9qg/pEuXcGZ1S5E7A=', 0.5),
    ]);
    expect(values(d).join(' ')).not.toMatch(/bernard|lemoine/);
  });

  it('reads the three messages, French dates with a weekday, oldest first', () => {
    expect(d.conversation.messages.map((m) => [m.direction, m.author, m.time])).toEqual([
      ['inbound', 'Sophie Leroy', local(2026, 11, 20, 8, 5)],
      ['outbound', 'Thomas Bernard', local(2026, 11, 20, 11, 20)],
      ['inbound', 'Sophie Leroy', local(2026, 11, 21, 9, 47)],
    ]);
    expect(d.conversation.messages[1]?.text).toBe("Bonjour Madame Leroy, c'est noté : 40 galettes frangipane livrées le 6 janvier avant 10 h.");
    expect(d.conversation.messages.every((m) => m.channel === 'email')).toBe(true);
  });

  it('keys on the selected conversation and finds the inline reply editor', () => {
    expect(d.conversation.key).toBe('outlook:conversation:AAQkADAwATM0MDAAMS1hNjlmLTA0ZWQtMDACLTAwCgAQAHv1lJ9qg');
    expect(outlookAdapter.findReplyBox(doc)?.className).toBe('elementToProof');
  });

  it('also applies on outlook.live.com, not on other Microsoft pages', () => {
    expect(outlookAdapter.matches(context(doc, `https://outlook.live.com/mail/0/inbox/id/${ITEM}`))).toBe(true);
    expect(outlookAdapter.matches(context(doc, 'https://outlook.office.com/calendar/view/week'))).toBe(false);
  });
});
