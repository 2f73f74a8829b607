/** WhatsApp Web: the contact of the open chat (number from the message ids), messages and compose box. */
import { defineSite } from '../kit/site';
import { WHATSAPP } from './selectors';

export const whatsappAdapter = defineSite(WHATSAPP);
