/**
 * Every built-in site adapter's field map. The background picks the one a page needs and sends
 * it as JSON, so the content script ships no site specs of its own. Each on its own line: the
 * kill switch names these ids.
 */
import type { SiteSpec } from './kit/spec';
import { FRESHDESK } from './freshdesk/selectors';
import { FRONT } from './front/selectors';
import { GMAIL } from './gmail/selectors';
import { HELPSCOUT } from './helpscout/selectors';
import { HUBSPOT } from './hubspot/selectors';
import { INTERCOM } from './intercom/selectors';
import { LINKEDIN } from './linkedin/selectors';
import { META } from './meta/selectors';
import { OUTLOOK } from './outlook/selectors';
import { SALESFORCE } from './salesforce/selectors';
import { WHATSAPP } from './whatsapp/selectors';
import { X } from './x/selectors';
import { ZENDESK } from './zendesk/selectors';

export const BUILT_IN_SPECS: readonly SiteSpec[] = [
  ZENDESK,
  FRESHDESK,
  INTERCOM,
  HUBSPOT,
  SALESFORCE,
  FRONT,
  HELPSCOUT,
  GMAIL,
  OUTLOOK,
  META,
  X,
  LINKEDIN,
  WHATSAPP,
];

/** Display names for the settings page (brand names, not translated). */
export const BUILT_IN_NAMES: Readonly<Record<string, string>> = {
  zendesk: 'Zendesk',
  freshdesk: 'Freshdesk',
  intercom: 'Intercom',
  hubspot: 'HubSpot',
  salesforce: 'Salesforce',
  front: 'Front',
  helpscout: 'Help Scout',
  gmail: 'Gmail',
  outlook: 'Outlook',
  meta: 'Meta Business Suite',
  x: 'X',
  linkedin: 'LinkedIn',
  whatsapp: 'WhatsApp',
};
