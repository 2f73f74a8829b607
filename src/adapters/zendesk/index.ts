/** Zendesk Agent Workspace: requester, ticket conversation and the CKEditor composer. */
import { defineSite } from '../kit/site';
import { ZENDESK } from './selectors';

export const zendeskAdapter = defineSite(ZENDESK);
