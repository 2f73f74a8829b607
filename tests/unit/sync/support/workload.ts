/** What an agent does in a morning, through the same stores the background uses. */
import { v7 as uuidv7 } from 'uuid';
import { dismissSuggestion, merge, resolveSighting } from '../../../../src/core/identity/graph';
import { normaliseIdentifier } from '../../../../src/core/identity/identifier';
import type { ContinuumDb } from '../../../../src/storage/db';
import { loadSlice, saveChanges } from '../../../../src/storage/identity-store';
import { appendEvents, messageEvents } from '../../../../src/storage/timeline-store';

const options = { ownIdentities: { domains: ['maisonlumiere.fr'], signatures: [] }, sharedAddresses: [], newId: uuidv7, actor: 'agent' };

async function see(db: ContinuumDb, raw: string, kind: 'email' | 'phone', tool: string, texts: string[], now: number) {
  const identifiers = [normaliseIdentifier(raw, kind)!];
  const result = resolveSighting(await loadSlice(db, identifiers.map((i) => i.key)), { identifiers, tool }, { ...options, now });
  await saveChanges(db, result.changes, now);
  const conversationKey = `${tool}:${raw}`;
  const messages = texts.map((text, i) => ({ direction: 'inbound' as const, text, time: new Date(now - 60_000 * (texts.length - i)).toISOString() }));
  await appendEvents(db, await messageEvents(result.subject!, { tool, channel: tool === 'helpdesk' ? 'email' : 'instagram', conversationKey }, messages, now));
  await db.conversations.put({ key: conversationKey, customerId: result.customerId!, site: 'https://desk.example', pageUrl: 'https://desk.example/t/1', adapter: tool, confidence: 0.9, lastSeenAt: now });
  return result.customerId!;
}

/** Customers, messages, conversations, a note, a merge and a dismissed suggestion. */
export async function agentMorning(db: ContinuumDb, now = Date.parse('2026-11-20T09:00:00Z')): Promise<void> {
  const elodie = await see(db, 'elodie.petit@laposte.net', 'email', 'helpdesk', ['Ma lampe est arrivée cassée', 'Toujours rien ?'], now);
  const phone = await see(db, '06 12 34 56 78', 'phone', 'instagram', ['Bonjour, commande 88213'], now + 1000);
  const jules = await see(db, 'jules.martin@free.fr', 'email', 'helpdesk', ['Facture en double'], now + 2000);
  await appendEvents(db, [{ id: uuidv7(), type: 'note', subject: { customerId: elodie }, at: now + 3000, tool: 'continuum', channel: 'note', author: 'agent', text: 'Rappeler jeudi' }]);
  const merged = merge(await loadSlice(db, [], [elodie, phone]), elodie, phone, { actor: 'agent', now: now + 4000, newId: uuidv7, reason: 'same person' });
  await saveChanges(db, merged.changes, now + 4000);
  const dismissed = dismissSuggestion(await loadSlice(db, [], [elodie, jules]), elodie, jules, { actor: 'agent', now: now + 5000, newId: uuidv7, reason: 'not the same' });
  await saveChanges(db, dismissed.changes, now + 5000);
}
