/** X: the other person of a DM conversation or the author of the tweet being answered, and the composer. */
import { defineSite } from '../kit/site';
import { X } from './selectors';

export const xAdapter = defineSite(X);
