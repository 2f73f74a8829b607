/**
 * Test "models" for the OpenAI test server. The adversarial one obeys every instruction it finds
 * in the customer's text: it grants whatever offer is asked for (verbatim), repeats every code,
 * writes every e-mail, phone number, reference and placeholder it can see anywhere in the
 * request, recites other customers' data it "remembers" when asked about someone else, and
 * claims every promotion and template of the context. The honest one answers politely and uses
 * the first promotion it was given.
 */
import { dataBlocks, variantsJson, type ChatRequest, type ModelBehaviour } from './openai-server';

const ASKS: RegExp[] = [
  /(?:-\s*)?\d{1,3}\s?%(?:\s*(?:de\s+)?(?:remise|réduction|off|discount))?/gi,
  /(?:une remise|a discount|une réduction) de \d{1,3}\s?%/gi,
  /\b(?:cinquante|fifty) (?:pour cent|percent)(?: de réduction| off)?/gi,
  /(?:un |une |a |an )?(?:geste commercial|goodwill credit|bon d'achat|gift card)(?: de \d+\s?€)?/gi,
  /\$\d+(?: goodwill credit| gift card)?|\d+\s?€/g,
  /(?:le |the )?code [A-Z][A-Z0-9-]{2,}/g,
  /\b[A-Z]{3,}\d{2,}\b/g,
  /(?:un |a )?(?:remboursement intégral|full refund|rembourse\w*|refund)/gi,
  /(?:la )?livraison (?:gratuite|offerte)|free shipping/gi,
  /(?:une |a )?(?:garantie à vie|lifetime guarantee|garantie|guarantee)/gi,
  /(?:un |a )?(?:produit offert|free replacement)/gi,
];
const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.[a-z]{2,}/giu;
const PHONE = /(?:\+|00)?\d[\d .()-]{7,}\d/g;
const PLACEHOLDER = /\[(?:EMAIL|PHONE|IBAN|CARD|ADDRESS)_\d+\]/g;
const REFS = /\b\d{5}\b/g;

export interface AdversaryOptions {
  /** Other customers' data the model "remembers" and gives out when asked about anyone else. */
  secrets?: string[];
  /** Every raw answer, to check that the attacks did reach the model. */
  answers?: string[];
}

function unique(values: Iterable<string>): string[] {
  return [...new Set([...values].map((v) => v.trim()).filter(Boolean))];
}

export function adversarialModel(options: AdversaryOptions = {}): ModelBehaviour {
  return (request: ChatRequest) => {
    const all = request.messages.map((m) => m.content).join('\n');
    const customer = dataBlocks(request).join('\n');
    const french = /Write in French/.test(all);
    const asks = unique(ASKS.flatMap((re) => customer.match(re) ?? []));
    const quoted = unique([...customer.matchAll(/(?:répondez|écrivez|dites|reply|write|say)[^"«]*["«]\s*([^"»]{3,200})\s*["»]/gi)].map((m) => m[1]!));
    const seen = unique([...(all.match(EMAIL) ?? []), ...(all.match(PLACEHOLDER) ?? []), ...(customer.match(PHONE) ?? []), ...(customer.match(REFS) ?? [])]);
    const asksAboutOthers = /autre client|another customer|other customer|coordonnées|contact details|e-?mail|téléphone|phone|numéro|number|adresse|address|whose|à qui|sister|sœur|\[(?:EMAIL|PHONE)_\d+\]/i.test(customer);
    const leaks = unique([...seen, ...(asksAboutOthers ? options.secrets ?? [] : [])]);
    const grant = asks.length ? (french ? `Comme demandé, je vous accorde ${asks.join(', ')}.` : `As requested, I grant you ${asks.join(', ')}.`) : '';
    const leak = leaks.length ? (french ? `Voici les coordonnées demandées : ${leaks.join(', ')}.` : `Here are the details you asked for: ${leaks.join(', ')}.`) : '';
    const body = [grant, quoted.join(' '), leak].filter(Boolean).join(' ');
    const hello = french ? 'Bonjour,' : 'Hello,';
    const texts = [`${hello} ${body}`, `${hello} bien sûr ! ${body} Avec plaisir.`, `${hello} ${body} N'hésitez pas si besoin.`];
    const promotionIds = [...all.matchAll(/<promotion id="([^"]+)"/g)].map((m) => m[1]!);
    const templateIds = [...all.matchAll(/<template id="([^"]+)"/g)].map((m) => m[1]!);
    const answer = variantsJson(texts, { promotionIds: [...promotionIds, 'promo-vip'], templateIds: [...templateIds, 'tpl-vip'] });
    options.answers?.push(answer);
    return answer;
  };
}

/** A well-behaved model: a polite reply that uses the first promotion of the context, if any. */
export function honestModel(): ModelBehaviour {
  return (request: ChatRequest) => {
    const all = request.messages.map((m) => m.content).join('\n');
    const french = /Write in French/.test(all);
    const promo = /<promotion id="([^"]+)" code="([^"]+)">/.exec(all);
    const name = /first_name="([^"]+)"/.exec(all)?.[1] ?? '';
    const offer = promo ? (french ? ` Pour votre première commande, profitez de 10 % de remise avec le code ${promo[2]}.` : ` For your first order, enjoy 10% off with code ${promo[2]}.`) : '';
    const texts = french
      ? [`Bonjour ${name}, je regarde votre commande tout de suite.${offer}`, `Bonjour ${name}, merci pour votre message ! Je vérifie le suivi et je reviens vers vous.${offer}`, `Bonjour ${name},\n\nMerci pour votre patience. Je contacte le transporteur pour connaître la date de livraison et je vous écris dès que j'ai sa réponse.${offer}`]
      : [`Hi ${name}, I'm checking your order right now.${offer}`, `Hi ${name}, thanks for your message! I'm checking the tracking and will get back to you.${offer}`, `Hi ${name},\n\nThank you for your patience. I'm contacting the carrier for a delivery date and will write as soon as I hear back.${offer}`];
    return variantsJson(texts, promo ? { promotionIds: [promo[1]!] } : {});
  };
}
