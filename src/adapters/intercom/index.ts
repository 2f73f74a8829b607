/** Intercom inbox: the contact in the details sidebar, the conversation parts and the composer. */
import { defineSite } from '../kit/site';
import { INTERCOM } from './selectors';

export const intercomAdapter = defineSite(INTERCOM);
