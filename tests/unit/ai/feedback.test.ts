import { describe, expect, it } from 'vitest';
import { dismissed, editRatio, edited, inserted, shown } from '../../../src/ai/feedback';
import type { Suggestion } from '../../../src/ai/types';

const suggestion: Suggestion = {
  id: 'template:tpl-late', source: 'template', language: 'fr', text: 'Bonjour Léa, votre colis arrive demain.', verdict: 'ok', reasons: [],
  templateIds: ['tpl-late'], promotionIds: [], unfilled: [], canInsert: true,
};
const scope = { runId: 'run-1', conversationKey: 'zendesk:ticket:1', customerId: 'c-lea', now: 1_000 };

describe('suggestion feedback', () => {
  it('records shown, inserted, edited and dismissed without the text or customer data', () => {
    const records = [shown(suggestion, 0, scope), inserted(suggestion, scope), edited(suggestion, suggestion.text, 'Bonjour Léa, votre colis arrive jeudi.', scope)!, dismissed(suggestion, scope)];
    expect(records.map((r) => r.kind)).toEqual(['shown', 'inserted', 'edited', 'dismissed']);
    expect(records[0]).toMatchObject({ rank: 0, runId: 'run-1', suggestionId: 'template:tpl-late', source: 'template', templateIds: ['tpl-late'], at: 1_000, customerId: 'c-lea' });
    expect(records[2]!.editRatio).toBeCloseTo(1 / 6, 2);
    expect(new Set(records.map((r) => r.id)).size).toBe(4);
    expect(records.every((r) => /^[0-9a-f-]{36}$/.test(r.id))).toBe(true);
    expect(JSON.stringify(records)).not.toContain('colis');
  });

  it('records no edit when the text sent is the text inserted', () => {
    expect(edited(suggestion, 'a b c', ' a b c ', scope)).toBeNull();
    expect(editRatio('a b c', 'x y z')).toBe(1);
    expect(editRatio('', '')).toBe(0);
  });
});
