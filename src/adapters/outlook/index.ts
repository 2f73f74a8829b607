/** Outlook on the web: the correspondent of the open conversation, its messages and the reply editor. */
import { defineSite } from '../kit/site';
import { OUTLOOK } from './selectors';

export const outlookAdapter = defineSite(OUTLOOK);
