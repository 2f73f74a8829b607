/** Published records and a customer on screen, shared by the assist tests. */
import type { BrandGuide, Promotion, Template } from '../../../src/core/brand/model';
import type { Detection } from '../../../src/adapters/types';

// Relative to the real clock: the handlers read it.
export const NOW = Date.now();
const DAY = 24 * 3600 * 1000;

export const GUIDE: BrandGuide = {
  version: 3,
  voice: 'Warm and precise.',
  formality: 'vous',
  useFirstName: true,
  channels: [],
  preferredTerms: [],
  bannedTerms: [{ term: 'cheap', replacement: 'affordable' }],
  disclaimers: [],
  updatedAt: NOW - DAY,
};

const template = (t: Partial<Template> & Pick<Template, 'id' | 'title' | 'variants'>): Template => ({ folder: '', tags: [], links: [], updatedAt: NOW - DAY, deleted: false, ...t });

export const REFUND = template({
  id: 'tpl-refund',
  title: 'Refund on its way',
  shortcut: ';refund',
  tags: ['refund', 'billing'],
  variants: [
    { language: 'en', channel: 'default', body: 'Hi {{customer.firstName}}, your refund is on its way.' },
    { language: 'fr', channel: 'default', body: 'Bonjour {{customer.firstName}}, votre remboursement est en route.' },
  ],
});

export const ORDER = template({
  id: 'tpl-order',
  title: 'Order status',
  shortcut: ';order',
  tags: ['shipping'],
  variants: [{ language: 'en', channel: 'default', body: 'Hi {{customer.firstName}}, order [[fill: order number]] left our warehouse.' }],
});

const promotion = (p: Partial<Promotion> & Pick<Promotion, 'id' | 'title' | 'code' | 'startsAt' | 'endsAt'>): Promotion => ({
  pitch: `${p.title}: tell them!`,
  channels: [],
  languages: [],
  eligibility: { segments: [], tags: [], customerKind: 'any', stages: [] },
  priority: 50,
  offers: [],
  updatedAt: NOW - DAY,
  deleted: false,
  ...p,
});

export const SPRING = promotion({ id: 'promo-spring', title: 'Spring sale', code: 'SPRING10', startsAt: NOW - DAY, endsAt: NOW + 7 * DAY });
export const WINTER = promotion({ id: 'promo-winter', title: 'Winter sale', code: 'WINTER5', startsAt: NOW - 30 * DAY, endsAt: NOW - DAY });
export const VIP = promotion({
  id: 'promo-vip',
  title: 'VIP weekend',
  code: 'VIP20',
  startsAt: NOW - DAY,
  endsAt: NOW + 2 * DAY,
  eligibility: { segments: ['vip'], tags: [], customerKind: 'any', stages: [] },
});

export const DETECTION: Detection = {
  adapter: 'generic',
  confidence: 0.9,
  customer: { name: 'Nora Lindqvist', identifiers: [{ kind: 'email', raw: 'nora.lindqvist@laposte.net', value: 'nora.lindqvist@laposte.net', score: 0.95 }] },
  conversation: {
    key: 'https://desk.example/#/conversations/101',
    messages: [{ direction: 'inbound', text: 'Hello, I returned the lamp last week and I am still waiting for my refund. Could you check please?' }],
  },
};
