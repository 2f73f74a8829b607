import { describe, expect, it } from 'vitest';
import { addBusinessDays, easter, endOfDay, frenchHolidays, fromLocal, isBusinessDay, toLocal } from '../../../../src/core/timeline/calendar';
import { commitmentStates, openCommitments } from '../../../../src/core/timeline/commitments';
import type { CommitmentUpdateEvent } from '../../../../src/core/timeline/event';
import { extractCommitments } from '../../../../src/core/timeline/extract-commitments';
import { commitment, DAY, HOUR, MONDAY } from '../support/timeline';

const iso = (t: number) => new Date(t).toISOString();
/** End of a day in Paris, as UTC (winter: 22:59:59.999Z; summer: 21:59:59.999Z). */
const parisEod = (y: number, m: number, d: number) => iso(endOfDay({ year: y, month: m, day: d }, 'Europe/Paris'));

describe('extractCommitments: French', () => {
  // Sent on Monday 10 March 2025 at 10:00 in Paris.
  it.each([
    ["Je vous rembourse d'ici vendredi.", 'refund', parisEod(2025, 3, 14), "d'ici vendredi"],
    ['Nous vous rappelons demain.', 'callback', parisEod(2025, 3, 11), 'demain'],
    ['Nous vous rappelons demain matin.', 'callback', '2025-03-11T11:00:00.000Z', 'demain matin'],
    ['Le remboursement sera effectué sous 3 jours ouvrés.', 'refund', parisEod(2025, 3, 13), 'sous 3 jours ouvres'],
    ['Vous recevrez un nouveau colis sous 48h.', 'shipment', '2025-03-12T09:00:00.000Z', 'sous 48h'],
    ['Je reviens vers vous dans la journée.', 'reply', parisEod(2025, 3, 10), 'dans la journee'],
    ['Nous procéderons au remboursement avant le 20 mars.', 'refund', parisEod(2025, 3, 19), 'avant le 20 mars'],
    ['Votre colis partira le 14/03.', 'shipment', parisEod(2025, 3, 14), 'le 14/03'],
    ['Un avoir vous sera envoyé la semaine prochaine.', 'refund', parisEod(2025, 3, 21), 'la semaine prochaine'],
    ["Je vais vous envoyer l'étiquette retour d'ici la fin du mois.", 'shipment', parisEod(2025, 3, 31), 'fin du mois'],
    ['On vous renvoie le colis sous 24/48h.', 'shipment', '2025-03-12T09:00:00.000Z', 'sous 24/48h'],
    ['Nous vous recontacterons sous 2 à 3 jours ouvrés.', 'callback', parisEod(2025, 3, 13), 'sous 2 a 3 jours ouvres'],
    ['Je vous rappelle après-demain.', 'callback', parisEod(2025, 3, 12), 'apres-demain'],
    ['Votre remboursement sera effectué le 1er avril.', 'refund', parisEod(2025, 4, 1), 'le 1er avril'],
    ['Nous allons procéder au remplacement dans les 5 jours.', 'shipment', parisEod(2025, 3, 15), 'dans les 5 jours'],
    ['Je vous rembourse avant vendredi.', 'refund', parisEod(2025, 3, 13), 'avant vendredi'],
    ['Nous vous rembourserons cette semaine.', 'refund', parisEod(2025, 3, 14), 'cette semaine'],
    ["Je m'engage à vous répondre dans l'heure.", 'reply', '2025-03-10T10:00:00.000Z', "dans l'heure"],
    ['Je vous envoie un bon de retour sous quinze jours.', 'shipment', parisEod(2025, 3, 25), 'sous quinze jours'],
  ])('%j → %s due %s', (text, kind, due, phrase) => {
    expect(extractCommitments(text, MONDAY, 'fr')).toEqual([{ text, kind, dueAt: Date.parse(due), duePhrase: phrase }]);
  });

  it('gives an undated promise two business days', () => {
    expect(extractCommitments("Je m'en occupe et je vous tiens au courant.", MONDAY, 'fr')).toEqual([
      { text: "Je m'en occupe et je vous tiens au courant.", kind: 'reply', dueAt: Date.parse(parisEod(2025, 3, 12)) },
    ]);
  });

  it.each([
    'Je vous rembourse.',
    "Nous ne pouvons pas vous rembourser d'ici vendredi.",
    "Je n'ai malheureusement pas la possibilité de vous rembourser avant lundi.",
    'Nous vous rappelons que la boutique est fermée lundi.',
    "Pouvez-vous me rembourser d'ici vendredi ?",
    'Merci pour votre patience.',
    'Bonne journée !',
    '',
  ])('%j promises nothing', (text) => {
    expect(extractCommitments(text, MONDAY, 'fr')).toEqual([]);
  });

  it('finds every promise in a message, sentence by sentence', () => {
    const text = "Bonjour Marie. Je vous rembourse d'ici vendredi. Nous vous rappelons demain pour confirmer. Bonne journée !";
    expect(extractCommitments(text, MONDAY, 'fr').map((c) => [c.kind, c.text])).toEqual([
      ['refund', "Je vous rembourse d'ici vendredi."],
      ['callback', 'Nous vous rappelons demain pour confirmer.'],
    ]);
  });
});

describe('extractCommitments: English', () => {
  it.each([
    ["I'll refund you by Friday.", 'refund', parisEod(2025, 3, 14)],
    ['Refund by Friday.', 'refund', parisEod(2025, 3, 14)],
    ['We will call you back tomorrow afternoon.', 'callback', '2025-03-11T17:00:00.000Z'],
    ['You will receive a replacement within 48 hours.', 'shipment', '2025-03-12T09:00:00.000Z'],
    ['Your refund will be processed within 5 business days.', 'refund', parisEod(2025, 3, 17)],
    ["I'll get back to you by the end of the week.", 'reply', parisEod(2025, 3, 14)],
    ["We'll ship it on March 20th.", 'shipment', parisEod(2025, 3, 20)],
    ["We'll send a new one next week.", 'shipment', parisEod(2025, 3, 21)],
    ["I'm going to escalate this today.", 'other', parisEod(2025, 3, 10)],
    ["We'll refund you within 3-5 business days.", 'refund', parisEod(2025, 3, 17)],
    ["You'll hear from us on 12 April.", 'reply', parisEod(2025, 4, 12)],
    ['I will call you back within the hour.', 'callback', '2025-03-10T10:00:00.000Z'],
    ["We'll credit your account by the 2nd of April.", 'refund', parisEod(2025, 4, 2)],
  ])('%j → %s due %s', (text, kind, due) => {
    expect(extractCommitments(text, MONDAY, 'en')).toMatchObject([{ text, kind, dueAt: Date.parse(due) }]);
  });

  it.each(["We won't be able to refund by Friday.", 'Can you refund me by Friday?', "I'll be honest with you.", 'Thanks for your patience.'])('%j promises nothing', (text) => {
    expect(extractCommitments(text, MONDAY, 'en')).toEqual([]);
  });

  it('gives an undated promise two business days, and reads English without a locale', () => {
    expect(extractCommitments("I'll look into it.", MONDAY)).toMatchObject([{ kind: 'other', dueAt: Date.parse(parisEod(2025, 3, 12)) }]);
  });
});

describe('extractCommitments: dates relative to when it was sent', () => {
  it('"by Friday" said on a Friday means next Friday', () => {
    expect(extractCommitments("Je vous rembourse d'ici vendredi.", Date.UTC(2025, 2, 14, 9), 'fr')[0]?.dueAt).toBe(Date.parse(parisEod(2025, 3, 21)));
  });

  it('"demain" said at 23:30 in Paris is the next Paris day, not the next UTC one', () => {
    // 22:30 UTC is 23:30 in Paris, still Monday there.
    expect(extractCommitments('Nous vous rappelons demain.', Date.UTC(2025, 2, 10, 22, 30), 'fr')[0]?.dueAt).toBe(Date.parse(parisEod(2025, 3, 11)));
    // 23:30 UTC is already Tuesday 00:30 in Paris.
    expect(extractCommitments('Nous vous rappelons demain.', Date.UTC(2025, 2, 10, 23, 30), 'fr')[0]?.dueAt).toBe(Date.parse(parisEod(2025, 3, 12)));
  });

  it('follows the team time zone when it is not Paris', () => {
    // Monday 23:00 in New York (03:00 UTC Tuesday): tomorrow is Tuesday in New York.
    const [c] = extractCommitments('We will call you tomorrow.', Date.UTC(2025, 2, 11, 3), 'en', { timeZone: 'America/New_York' });
    expect(iso(c?.dueAt ?? 0)).toBe('2025-03-12T03:59:59.999Z');
  });

  it('counts business days over weekends, French holidays and a DST change', () => {
    // Friday 28 March 2025 + 2 business days = Tuesday 1 April, after the switch to summer time.
    expect(iso(extractCommitments('Réponse sous 2 jours ouvrés.', Date.UTC(2025, 2, 28, 9), 'fr')[0]?.dueAt ?? 0)).toBe('2025-04-01T21:59:59.999Z');
    // Wednesday 30 April + 2 business days skips 1 May: Friday 2, Monday 5.
    expect(extractCommitments('Remboursement sous 2 jours ouvrés.', Date.UTC(2025, 3, 30, 9), 'fr')[0]?.dueAt).toBe(Date.parse(parisEod(2025, 5, 5)));
  });

  it('reads a date without a year as the next one to come', () => {
    expect(extractCommitments('Votre remboursement sera effectué le 5 janvier.', MONDAY, 'fr')[0]?.dueAt).toBe(Date.parse(parisEod(2026, 1, 5)));
  });
});

describe('calendar', () => {
  it('knows Easter and the French holidays that move with it', () => {
    expect([2024, 2025, 2026].map(easter)).toEqual([
      { year: 2024, month: 3, day: 31 },
      { year: 2025, month: 4, day: 20 },
      { year: 2026, month: 4, day: 5 },
    ]);
    expect([...frenchHolidays(2025)].sort()).toEqual(['1-1', '11-1', '11-11', '12-25', '4-21', '5-1', '5-29', '5-8', '6-9', '7-14', '8-15'].sort());
  });

  it('counts business days', () => {
    const paris = 'Europe/Paris';
    expect(addBusinessDays({ year: 2025, month: 3, day: 14 }, 1, paris)).toEqual({ year: 2025, month: 3, day: 17 });
    expect(addBusinessDays({ year: 2025, month: 7, day: 11 }, 1, paris)).toEqual({ year: 2025, month: 7, day: 15 });
    // Outside Paris only weekends count.
    expect(addBusinessDays({ year: 2025, month: 7, day: 11 }, 1, 'UTC')).toEqual({ year: 2025, month: 7, day: 14 });
    expect(isBusinessDay({ year: 2025, month: 12, day: 25 }, paris)).toBe(false);
    expect(isBusinessDay({ year: 2025, month: 12, day: 24 }, paris)).toBe(true);
  });

  it('converts between local and UTC time across DST', () => {
    expect(toLocal(Date.UTC(2025, 2, 30, 0, 30), 'Europe/Paris')).toEqual({ year: 2025, month: 3, day: 30, hour: 1, minute: 30, second: 0, weekday: 0 });
    // 02:30 does not exist on 30 March in Paris: one hour later.
    expect(iso(fromLocal({ year: 2025, month: 3, day: 30 }, 'Europe/Paris', 2, 30))).toBe('2025-03-30T01:30:00.000Z');
    expect(iso(fromLocal({ year: 2025, month: 7, day: 1 }, 'Europe/Paris', 9))).toBe('2025-07-01T07:00:00.000Z');
    expect(iso(endOfDay({ year: 2025, month: 1, day: 1 }, 'Europe/Paris'))).toBe('2025-01-01T22:59:59.999Z');
  });
});

describe('commitment states', () => {
  const due = MONDAY + 2 * DAY;
  const update = (id: string, commitmentId: string, at: number, status: CommitmentUpdateEvent['status']): CommitmentUpdateEvent => ({
    id,
    subject: { customerId: 'c1' },
    at,
    tool: 'sidebar',
    channel: 'note',
    type: 'commitment-update',
    commitmentId,
    status,
  });

  it('flags overdue open commitments and applies the latest update', () => {
    const a = commitment(MONDAY, due, 'Remboursement d’ici mercredi', { id: 'a' });
    const b = commitment(MONDAY, MONDAY + DAY, 'Rappel demain', { id: 'b', kind: 'callback' });
    const c = commitment(MONDAY, MONDAY + 5 * DAY, 'Envoi sous 5 jours', { id: 'c', kind: 'shipment' });
    const events = [a, b, c, update('u1', 'c', MONDAY + HOUR, 'done'), update('u2', 'c', MONDAY + 2 * HOUR, 'open'), update('u3', 'a', MONDAY + 3 * HOUR, 'done')];
    const now = MONDAY + 3 * DAY;
    expect(commitmentStates(events, now).map((s) => [s.commitment.id, s.status, s.overdue])).toEqual([
      ['b', 'open', true],
      ['a', 'done', false],
      ['c', 'open', false],
    ]);
    expect(openCommitments(events, now).map((s) => [s.commitment.id, s.dueIn])).toEqual([
      ['b', -2 * DAY],
      ['c', 2 * DAY],
    ]);
  });

  it('ignores an update older than the commitment it names', () => {
    const a = commitment(MONDAY, due, 'x', { id: 'a' });
    expect(commitmentStates([update('u', 'a', MONDAY - HOUR, 'cancelled'), a], MONDAY)[0]?.status).toBe('open');
  });
});
