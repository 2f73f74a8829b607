/** Meta Business Suite inbox: the Messenger or Instagram contact of the open thread, its messages, the composer. */
import { defineSite } from '../kit/site';
import { META } from './selectors';

export const metaAdapter = defineSite(META);
