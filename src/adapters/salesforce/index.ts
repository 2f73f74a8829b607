/** Salesforce Lightning: the contact of a Case or a Contact record, the case's e-mail feed, the publisher. */
import { defineSite } from '../kit/site';
import { SALESFORCE } from './selectors';

export const salesforceAdapter = defineSite(SALESFORCE);
