/**
 * The masking corpus: synthetic French and English customer messages with planted personal data
 * in the many ways people write it (e-mails with tags, capitals and brackets; French phone
 * numbers with spaces, dots, dashes, +33, 0033, (0); foreign numbers; Luhn-valid cards of each
 * brand grouped or not; IBANs with valid checksums; French and English postal addresses).
 */
import { digits, mulberry32, pick } from './random';

export type PlantedKind = 'email' | 'phone' | 'card' | 'iban' | 'address';

export interface Planted {
  kind: PlantedKind;
  /** As written in the message. */
  written: string;
  /** Digits only (cards, phones' significant digits) or lower-case value, to find it in any form. */
  core: string;
}

export interface MaskingCase {
  id: number;
  language: 'fr' | 'en';
  text: string;
  planted: Planted[];
}

const FIRST = ['marie', 'jean', 'lea', 'lucas', 'chloe', 'hugo', 'emma', 'noah', 'olivia', 'james', 'sophie', 'thomas', 'eloise', 'amir', 'fatou', 'yuki'];
const LAST = ['dupont', 'martin', 'bernard', 'petit', 'durand', 'leroy', 'smith', 'jones', 'nguyen', 'diallo', 'garcia', 'muller'];
const DOMAINS = ['gmail.com', 'orange.fr', 'free.fr', 'laposte.net', 'outlook.com', 'yahoo.fr', 'hotmail.fr', 'proton.me', 'acme.co.uk', 'mail.example.org', 'sfr.fr', 'icloud.com', 'entreprise-dupont.fr'];

function email(rnd: () => number): Planted {
  const f = pick(FIRST, rnd);
  const l = pick(LAST, rnd);
  const local = pick([`${f}.${l}`, `${f[0]}${l}`, `${l}_${f}`, `${f}${Math.floor(rnd() * 100)}`, `${f}.${l}+commandes`, `${f}-${l}`], rnd);
  const address = `${local}@${pick(DOMAINS, rnd)}`;
  const style = Math.floor(rnd() * 6);
  const written = style === 0 ? address.toUpperCase() : style === 1 ? `${f[0]!.toUpperCase()}${address.slice(1)}` : address;
  const wrapped = style === 2 ? `<${written}>` : style === 3 ? `mailto:${written}` : written;
  return { kind: 'email', written: wrapped, core: address.toLowerCase() };
}

function frNational(rnd: () => number): string {
  const prefix = pick(['06', '07', '01', '02', '03', '04', '05', '09'], rnd);
  return prefix + digits(8, rnd);
}

function group(d: string, sizes: number[], sep: string): string {
  const parts: string[] = [];
  let at = 0;
  for (const size of sizes) {
    parts.push(d.slice(at, at + size));
    at += size;
  }
  if (at < d.length) parts.push(d.slice(at));
  return parts.filter(Boolean).join(sep);
}

function phone(rnd: () => number): Planted {
  const style = Math.floor(rnd() * 12);
  if (style < 8) {
    const n = frNational(rnd);
    const significant = n.slice(1);
    const written = [
      group(n, [2, 2, 2, 2, 2], ' '),
      group(n, [2, 2, 2, 2, 2], '.'),
      group(n, [2, 2, 2, 2, 2], '-'),
      n,
      `+33 ${group(significant, [1, 2, 2, 2, 2], ' ')}`,
      `+33 (0)${group(significant, [1, 2, 2, 2, 2], ' ')}`,
      `0033 ${group(significant, [1, 2, 2, 2, 2], ' ')}`,
      `+33${significant}`,
    ][style]!;
    return { kind: 'phone', written, core: significant };
  }
  const foreign: Array<() => [string, string]> = [
    () => { const d = `75${digits(8, rnd)}`; return [`+44 ${group(d, [4, 6], ' ')}`, d]; },
    () => { const d = `415555${'01'}${digits(2, rnd)}`; return [`+1 (415) 555-${d.slice(6)}`, d]; },
    () => { const d = `151${digits(8, rnd)}`; return [`+49 ${group(d, [3, 8], ' ')}`, d]; },
    () => { const d = `47${digits(7, rnd)}`; return [`+32 ${group(d, [3, 2, 2, 2], ' ')}`, d]; },
    () => { const d = `79${digits(7, rnd)}`; return [`0041 ${group(d, [2, 3, 2, 2], ' ')}`, d]; },
  ];
  const [written, core] = pick(foreign, rnd)();
  return { kind: 'phone', written, core };
}

function luhnDigit(partial: string): string {
  let sum = 0;
  for (let i = 0; i < partial.length; i++) {
    let d = Number(partial[partial.length - 1 - i]);
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return String((10 - (sum % 10)) % 10);
}

const BRANDS: Array<{ prefixes: string[]; length: number; groups: number[] }> = [
  { prefixes: ['4'], length: 16, groups: [4, 4, 4, 4] },
  { prefixes: ['51', '52', '53', '54', '55', '2221', '2720'], length: 16, groups: [4, 4, 4, 4] },
  { prefixes: ['34', '37'], length: 15, groups: [4, 6, 5] },
  { prefixes: ['6011', '65'], length: 16, groups: [4, 4, 4, 4] },
  { prefixes: ['3528', '3589'], length: 16, groups: [4, 4, 4, 4] },
  { prefixes: ['36'], length: 14, groups: [4, 6, 4] },
  { prefixes: ['4'], length: 13, groups: [4, 4, 5] },
  { prefixes: ['6759'], length: 19, groups: [4, 4, 4, 4, 3] },
];

function card(rnd: () => number): Planted {
  const brand = pick(BRANDS, rnd);
  const prefix = pick(brand.prefixes, rnd);
  const body = prefix + digits(brand.length - prefix.length - 1, rnd);
  const number = body + luhnDigit(body);
  const sep = pick([' ', ' ', '-', '', '.'], rnd);
  return { kind: 'card', written: sep ? group(number, brand.groups, sep) : number, core: number };
}

function ibanCheck(country: string, bban: string): string {
  const rearranged = bban + country + '00';
  let r = 0;
  for (const ch of rearranged) {
    const v = /[A-Z]/.test(ch) ? String(ch.charCodeAt(0) - 55) : ch;
    for (const d of v) r = (r * 10 + Number(d)) % 97;
  }
  return String(98 - r).padStart(2, '0');
}

function iban(rnd: () => number): Planted {
  const country = pick(['FR', 'FR', 'DE', 'BE', 'GB', 'ES', 'IT'], rnd);
  const letters = (n: number) => Array.from({ length: n }, () => String.fromCharCode(65 + Math.floor(rnd() * 26))).join('');
  const bban = { FR: () => digits(23, rnd), DE: () => digits(18, rnd), BE: () => digits(12, rnd), GB: () => letters(4) + digits(14, rnd), ES: () => digits(20, rnd), IT: () => letters(1) + digits(22, rnd) }[country as 'FR']();
  const compact = country + ibanCheck(country, bban) + bban;
  const written = rnd() < 0.7 ? compact.replace(/(.{4})/g, '$1 ').trim() : compact;
  return { kind: 'iban', written, core: compact };
}

const FR_STREETS = ['rue de la Paix', 'avenue Jean Jaurès', 'boulevard Voltaire', 'place de la République', 'chemin des Vignes', 'allée des Tilleuls', 'impasse du Moulin', 'quai de Bercy', 'rue Saint-Honoré', 'route de Lyon'];
const FR_CITIES = ['75011 Paris', '69003 Lyon', '13001 Marseille', '33000 Bordeaux', '59000 Lille', '44000 Nantes', '67000 Strasbourg', '31000 Toulouse'];
const EN_STREETS = ['Baker Street', 'Abbey Road', 'Oxford Street', 'Elm Avenue', 'Maple Drive', 'Park Lane', 'Church Road', 'Victoria Street'];
const EN_CITIES = ['London NW1 6XE', 'Manchester M1 1AE', 'Bristol BS1 4DJ', 'Springfield, IL 62704', 'Boston, MA 02118'];

function address(language: 'fr' | 'en', rnd: () => number): Planted {
  const written =
    language === 'fr'
      ? `${1 + Math.floor(rnd() * 120)}${rnd() < 0.15 ? ' bis' : ''} ${pick(FR_STREETS, rnd)}, ${pick(FR_CITIES, rnd)}`
      : `${1 + Math.floor(rnd() * 300)}${rnd() < 0.15 ? 'B' : ''} ${pick(EN_STREETS, rnd)}, ${pick(EN_CITIES, rnd)}`;
  return { kind: 'address', written, core: written.toLowerCase() };
}

type Slot = PlantedKind;
const SENTENCES: Record<'fr' | 'en', Array<[string, Slot[]]>> = {
  fr: [
    ['Bonjour, vous pouvez me joindre au {phone} ou par mail à {email}.', ['phone', 'email']],
    ['Voici ma carte {card} pour régler la commande, merci.', ['card']],
    ['Mon IBAN est {iban}, merci pour le virement.', ['iban']],
    ['Nouvelle adresse de livraison : {address}. Mon numéro : {phone}', ['address', 'phone']],
    ['Contact : {email} / {phone}', ['email', 'phone']],
    ['Je n’ai pas reçu de mail sur {email}, pouvez-vous renvoyer ? Tél. {phone}.', ['email', 'phone']],
    ['La carte ({card}) a été débitée deux fois !', ['card']],
    ['Écrivez-moi plutôt à {email} (et pas à mon ancienne adresse {email}).', ['email', 'email']],
    ['Remboursez sur le compte {iban} ou recréditez la carte {card}.', ['iban', 'card']],
    ['Je suis au {phone}, à domicile au {address} tous les matins.', ['phone', 'address']],
    ['Commande 88213 : le livreur dit ne pas trouver le {address}, rappelez le {phone}', ['address', 'phone']],
    ['{email}\n{phone}\n{card}', ['email', 'phone', 'card']],
  ],
  en: [
    ['Hi, you can reach me on {phone} or by email at {email}.', ['phone', 'email']],
    ['Here is my card {card} to pay for the order, thanks.', ['card']],
    ['My IBAN is {iban}, thanks for the transfer.', ['iban']],
    ['New delivery address: {address}. My number: {phone}', ['address', 'phone']],
    ['Contact: {email} / {phone}', ['email', 'phone']],
    ['I got no email at {email}, can you resend? Call {phone}.', ['email', 'phone']],
    ['The card ({card}) was charged twice!', ['card']],
    ['Please write to {email} (not my old address {email}).', ['email', 'email']],
    ['Refund to account {iban} or back to card {card}.', ['iban', 'card']],
    ['I am on {phone}, at home at {address} every morning.', ['phone', 'address']],
    ['Order 88213: the courier cannot find {address}, call {phone}', ['address', 'phone']],
    ['{email}\n{phone}\n{card}', ['email', 'phone', 'card']],
  ],
};

export function maskingCases(count = 1_200, seed = 1): MaskingCase[] {
  const rnd = mulberry32(seed);
  const cases: MaskingCase[] = [];
  for (let id = 0; id < count; id++) {
    const language = id % 2 ? 'en' : 'fr';
    const [sentence, slots] = pick(SENTENCES[language], rnd);
    const planted: Planted[] = [];
    let i = 0;
    const text = sentence.replace(/\{(\w+)\}/g, () => {
      const kind = slots[i++]!;
      const p = kind === 'email' ? email(rnd) : kind === 'phone' ? phone(rnd) : kind === 'card' ? card(rnd) : kind === 'iban' ? iban(rnd) : address(language, rnd);
      planted.push(p);
      return p.written;
    });
    cases.push({ id, language, text, planted });
  }
  return cases;
}
