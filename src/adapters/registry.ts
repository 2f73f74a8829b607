/**
 * Every adapter, bundled together: used by tests and tools. The content script does not import
 * this; it runs the one spec the background sends (page-adapters.ts, background/adapter-config.ts).
 *
 * Adapters in the order they are tried: site-specific ones first, the generic one last.
 * Each is imported on its own line so that one broken adapter is easy to switch off (the kill
 * switch list from settings or the team hub names adapter ids). A site adapter applies only on
 * its app's host and with its app's markup on the page, so their order does not matter.
 */
import type { Adapter, ReadContext } from './types';
import { firstMatching } from './page-adapters';
import { freshdeskAdapter } from './freshdesk/index';
import { frontAdapter } from './front/index';
import { genericAdapter } from './generic/index';
import { gmailAdapter } from './gmail/index';
import { helpscoutAdapter } from './helpscout/index';
import { hubspotAdapter } from './hubspot/index';
import { intercomAdapter } from './intercom/index';
import { linkedinAdapter } from './linkedin/index';
import { metaAdapter } from './meta/index';
import { outlookAdapter } from './outlook/index';
import { salesforceAdapter } from './salesforce/index';
import { whatsappAdapter } from './whatsapp/index';
import { xAdapter } from './x/index';
import { zendeskAdapter } from './zendesk/index';

export const adapters: readonly Adapter[] = [
  zendeskAdapter,
  freshdeskAdapter,
  intercomAdapter,
  hubspotAdapter,
  salesforceAdapter,
  frontAdapter,
  helpscoutAdapter,
  gmailAdapter,
  outlookAdapter,
  metaAdapter,
  xAdapter,
  linkedinAdapter,
  whatsappAdapter,
  genericAdapter,
];

export function pickAdapter(ctx: ReadContext, disabled: readonly string[] = []): Adapter | null {
  return firstMatching(adapters, ctx, disabled);
}
