/** Freshdesk: requester widget, ticket conversation (private notes left out) and the Froala reply editor. */
import { defineSite } from '../kit/site';
import { FRESHDESK } from './selectors';

export const freshdeskAdapter = defineSite(FRESHDESK);
