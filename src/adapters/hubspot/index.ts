/** HubSpot: the contact in the inbox sidebar or on the contact record, the thread or e-mail timeline, the composer. */
import { defineSite } from '../kit/site';
import { HUBSPOT } from './selectors';

export const hubspotAdapter = defineSite(HUBSPOT);
