/** Help Scout: the customer sidebar, the thread (notes left out) and the Slate reply editor. */
import { defineSite } from '../kit/site';
import { HELPSCOUT } from './selectors';

export const helpscoutAdapter = defineSite(HELPSCOUT);
