/** Gmail: the correspondent of the open thread, its expanded messages and the reply body. */
import { defineSite } from '../kit/site';
import { GMAIL } from './selectors';

export const gmailAdapter = defineSite(GMAIL);
