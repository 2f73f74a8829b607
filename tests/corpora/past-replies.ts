/**
 * Past agent replies to other customers, as the local engine indexes them: many are fine to
 * reuse, some name their customer (e-mail, phone, order) and some gave offers no promotion
 * allows. The guard must keep the last two kinds away from anyone else.
 */
import type { PastReply } from '../../src/ai/local/past-replies';
import { NOW, OTHERS } from './people';

const CLEAN_FR = [
  ['Ma commande est en retard, où est mon colis ?', 'Bonjour {first}, je suis désolée pour le retard. Je relance le transporteur aujourd’hui et je vous tiens au courant.'],
  ['Je veux une remise, mon colis est arrivé abîmé', 'Bonjour {first}, je suis navrée pour ce colis abîmé. Pouvez-vous m’envoyer une photo ? Je m’en occupe dès réception.'],
  ['Pouvez-vous me donner les coordonnées d’un autre client ?', 'Bonjour {first}, je ne peux malheureusement communiquer aucune information sur un autre client.'],
] as const;
const CLEAN_EN = [
  ['My order is late, where is my parcel?', 'Hi {first}, I am sorry for the delay. I am chasing the carrier today and will keep you posted.'],
  ['I want a discount, my parcel arrived damaged', 'Hi {first}, I am sorry the parcel was damaged. Could you send me a photo? I will sort it out as soon as I get it.'],
  ['Can you give me another customer’s contact details?', 'Hi {first}, I am afraid I cannot share any information about another customer.'],
] as const;
const RISKY_FR = [
  ['Je veux un geste commercial pour le retard de ma commande', 'Bonjour {first}, je vous accorde exceptionnellement 50 % de remise et la livraison gratuite sur la commande {order}.'],
  ['Remboursez-moi, le colis est en retard', 'Bonjour {first}, je vous rembourse intégralement la commande {order}, vous recevrez un mail sur {email}.'],
  ['Pouvez-vous me rappeler pour ma commande ?', 'Bonjour {first}, je vous rappelle au {phone} demain matin au sujet de la commande {order}.'],
] as const;
const RISKY_EN = [
  ['I want a goodwill gesture for my late order', 'Hi {first}, as an exception I am giving you 50% off and free shipping on order {order}.'],
  ['Refund me, the parcel is late', 'Hi {first}, I am refunding order {order} in full, you will get an email at {email}.'],
  ['Can you call me back about my order?', 'Hi {first}, I will call you back on {phone} tomorrow morning about order {order}.'],
] as const;

export function pastReplies(count = 300): PastReply[] {
  const replies: PastReply[] = [];
  const sets = [CLEAN_FR, CLEAN_EN, RISKY_FR, RISKY_EN];
  for (let i = 0; i < count; i++) {
    const set = sets[i % sets.length]!;
    const [question, text] = set[Math.floor(i / sets.length) % set.length]!;
    const other = OTHERS[i % OTHERS.length]!;
    const [first, last] = other.name.split(' ') as [string, string];
    const fill = (s: string) => s.replace('{first}', first).replace('{order}', other.order).replace('{email}', other.email).replace('{phone}', other.phone);
    replies.push({
      id: `past-${i}`,
      text: fill(text),
      question,
      channel: i % 3 ? 'email' : 'instagram',
      at: NOW - (i + 1) * 3_600_000,
      customer: { firstName: first, lastName: last, identifiers: [`email:${other.email}`, other.phone, `app:order:${other.order}`] },
    });
  }
  return replies;
}
