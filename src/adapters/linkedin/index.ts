/** LinkedIn messaging: the other member of the open thread, its messages and the message form. */
import { defineSite } from '../kit/site';
import { LINKEDIN } from './selectors';

export const linkedinAdapter = defineSite(LINKEDIN);
