/** Does a short text look like a person's name (and not a UI word)? */
import { foldText } from '../../core/identifiers';
import { CUSTOMER_LABEL, EMAIL_LABEL, HANDLE_LABEL, NAME_LABEL, PHONE_LABEL } from './selectors';

const PARTICLES = new Set(['de', 'du', 'des', 'la', 'le', 'van', 'von', 'der', 'den', 'da', 'di', 'del', 'dos', 'el', 'al', 'ben', 'bin', 'y', 'e']);

// Folded words that are UI labels or roles, never someone's name.
const GENERIC = new Set([
  'customer', 'customers', 'client', 'clients', 'contact', 'contacts', 'name', 'nom', 'user', 'utilisateur',
  'guest', 'invite', 'visitor', 'visiteur', 'anonymous', 'anonyme', 'unknown', 'inconnu', 'support', 'admin',
  'agent', 'team', 'equipe', 'me', 'moi', 'you', 'vous', 'details', 'detail', 'profile', 'profil', 'conversation',
  'conversations', 'messages', 'message', 'inbox', 'boite', 'reception', 'ticket', 'tickets', 'overview', 'apercu',
  'info', 'infos', 'information', 'informations', 'home', 'accueil', 'settings', 'parametres', 'n/a', 'none',
  'aucun', 'email', 'e-mail', 'phone', 'telephone', 'reply', 'repondre', 'notes', 'note', 'activity', 'activite',
  'timeline', 'history', 'historique', 'account', 'compte', 'dashboard', 'tableau', 'bord', 'new', 'nouveau',
  'open', 'ouvert', 'closed', 'ferme', 'pending', 'status', 'statut', 'chat', 'help', 'aide', 'hello', 'bonjour',
  'direct', 'requester', 'demandeur', 'sender', 'expediteur', 'from', 'to', 'of', 'the', 'and', 'et', 'du', 'de',
  'la', 'le', 'les', 'des', 'mon', 'my', 'your', 'votre', 'order', 'commande', 'orders', 'commandes', 'fiche',
  'card', 'record', 'lead', 'leads', 'deal', 'company', 'entreprise', 'societe', 'search', 'recherche', 'menu',
]);

const FIELD_LABELS = [CUSTOMER_LABEL, EMAIL_LABEL, HANDLE_LABEL, NAME_LABEL, PHONE_LABEL];

/** UI words only, or a field label ("Mobile", "Courriel") sitting next to a value. */
export function isGenericText(text: string): boolean {
  const folded = foldText(text);
  const words = folded.split(/[\s,.'’-]+/).filter(Boolean);
  return words.length === 0 || words.every((w) => GENERIC.has(w)) || FIELD_LABELS.some((re) => re.test(folded));
}

/** Capitalised words (particles allowed), no digits or symbols, 1–5 words. */
export function looksLikeName(raw: string, allowSingleWord = false): boolean {
  const s = raw.replace(/\s+/g, ' ').trim();
  if (s.length < 2 || s.length > 60 || /[\d@:/\\|#<>{}[\]_=+*?!%$€&;"]/.test(s)) return false;
  const words = s.split(' ');
  if (words.length > 5 || (words.length === 1 && !allowSingleWord)) return false;
  if (isGenericText(s)) return false;
  return words.every(
    (w) => /^\p{Lu}/u.test(w) || /^[dl]['’]\p{Lu}/u.test(w) || PARTICLES.has(w.toLowerCase()),
  );
}

/** "Marie Dupont <marie@x.fr>" or "Dupont, Marie (Acme)" → the name part, trimmed. */
export function stripContactSuffix(text: string): string {
  return (text.split(/[<([|•·—–]/)[0] ?? '').replace(/\s+/g, ' ').replace(/[\s,;:"']+$/, '').replace(/^["'\s]+/, '');
}
