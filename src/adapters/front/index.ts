/** Front: the contact panel, the conversation's messages (comments left out) and the reply composer. */
import { defineSite } from '../kit/site';
import { FRONT } from './selectors';

export const frontAdapter = defineSite(FRONT);
