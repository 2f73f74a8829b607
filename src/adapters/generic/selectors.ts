/**
 * Every selector and label pattern the generic adapter relies on. The generic adapter runs on
 * pages nobody designed for it, so these are landmarks (ARIA roles, HTML semantics) and common
 * naming habits rather than app-specific classes.
 *
 * Checked against the fixtures in tests/fixtures/generic/2026-11-22-*.
 */

/** Never read text under these (upper-case tag names; SVG's `svg` is compared upper-cased). */
export const SKIP_TAGS = new Set([
  'SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'SVG', 'IFRAME', 'OBJECT', 'CANVAS', 'VIDEO', 'AUDIO',
  'SELECT', 'HEAD', 'TEXTAREA',
]);

export const MAIN = 'main, [role="main"]';
export const MAIN_OR_ARTICLE = 'main, [role="main"], article';

/** Page chrome: headers, navigation, footers, side bars. */
export const CHROME =
  'header, nav, footer, aside, [role="banner"], [role="navigation"], [role="contentinfo"], [role="complementary"]';

/** `header`/`footer` inside these are a message's or card's own header, not page chrome. */
export const SECTIONING = 'article, section, main, [role="main"], [role="article"]';

export const QUOTED = 'blockquote, .gmail_quote, .gmail_signature, [class*="quote" i], [class*="signature" i], [data-signature]';

/** Phrases that mark the signed-in user anywhere on the page (folded text). */
export const ACCOUNT_STRONG =
  /\b(?:my account|mon compte|account menu|signed in as|logged in as|connectee? en tant que|google account|compte google)\b/;
/** Weaker words that count only inside a header or nav (a CRM's "Customer profile" card is not it). */
export const ACCOUNT_WEAK = /\b(?:account|compte|profile|profil|user menu|menu utilisateur)\b/;
/** Class/id tokens (single or joined pairs, see attrTokens) of account widgets in a header or nav. */
export const ACCOUNT_TOKENS = new Set([
  'account', 'accounts', 'accountmenu', 'myaccount', 'useraccount', 'usermenu', 'currentuser', 'profilemenu',
  'signedin', 'loggedin', 'compte', 'moncompte', 'me',
]);
/**
 * Labelled account widgets worth reading names from: an `aria-label` or `title` inside page
 * chrome, or one that says "signed in" anywhere (matched in code: descendant selectors over a
 * whole big page cost more than filtering the few labelled elements).
 */
export const LABELLED = '[aria-label], [title]';
export const SIGNED_IN_LABEL = /signed in|connecté/i;
/** Text right before a value that says it is the signed-in user ("Signed in as "). */
export const SIGNED_IN_PREFIX = /(?:signed in as|logged in as|connectee? en tant que)\s*:?\s*$/;

/** Links read for identifiers, by their href (tested on the page's links: cheaper than a selector). */
export const LINK_HREF = /^(?:mailto:|tel:)|x\.com\/|twitter\.com\/|instagram\.com\/|facebook\.com\/|linkedin\.com\/in\/|tiktok\.com\/@/i;
export const VALUE_INPUTS = 'input[type="email"], input[type="tel"], input[type="text"], input:not([type])';

/*
 * Labels are compared on folded text (lower case, no accents, trailing ":" removed).
 * `de` only counts with a colon (it is also the commonest French preposition).
 */
export const EMAIL_LABEL = /(?:^|\s)(?:e-?mail|email address|adresse (?:e-?)?mail|adresse electronique|courriel|mail)$/;
export const PHONE_LABEL =
  /(?:^|\s)(?:phone|phone number|telephone|numero de telephone|tel\.?|mobile|portable|cell|gsm|whatsapp|fixe|ligne directe)$/;
export const HANDLE_LABEL = /(?:^|\s)(?:twitter|x|instagram|facebook|linkedin|tiktok|handle|pseudo|username|nom d'utilisateur|social)$/;
export const CUSTOMER_LABEL =
  /(?:^|\s)(?:customer|client|contact|from|de|requester|demandeur|expediteur|sender|reported by|submitted by)$/;
/** Whole-label match for name fields ("N° client" must not match). */
export const NAME_LABEL =
  /^(?:name|full name|nom|nom complet|prenom nom|nom et prenom|customer|customer name|client|nom du client|contact|contact name|requester|demandeur)$/;
/**
 * Elements that may be a field's label, the value following them (labelled-fields.ts): these
 * tags, or a class containing one of these words (as `[class*="label" i]` would match).
 */
export const FIELD_LABEL_TAGS = new Set(['dt', 'th', 'label', 'strong', 'b']);
export const FIELD_LABEL_CLASS = /label|field-name|key/i;
/** A cheap query for the elements that may be a field label (filtered in code, as MARKED). */
export const FIELD_LABEL_CANDIDATES = 'dt, th, label, strong, b, [class]';
/** Whole-label match for a customer's number in the site: "N° client", "Client n°", "Customer #". */
export const CUSTOMER_NUMBER_LABEL =
  /^(?:(?:n[°o]\.?|num(?:ero)?\.?)\s*(?:de |du )?client|client\s*(?:n[°o]\.?|#|id|number|num(?:ero)?\.?)|(?:code|id|identifiant|ref(?:erence)?\.?) client|customer\s*(?:id|#|no\.?|number|code|ref(?:erence)?)|account\s*(?:id|#|no\.?|number))$/;

/**
 * Message blocks: `article`, `[role=article]`, a `[role=listitem]` in a `[role=log]` or
 * `[role=feed]`, `[data-message-id]`, a `data-testid` or a class containing one of these words
 * (matched in conversation.ts); the biggest repeated group wins.
 */
export const MESSAGE_CLASS_TOKEN = /message|msg|comment|reply|thread|bubble|entry/i;
export const MESSAGE_TESTID = /message/i;
export const MESSAGE_LIST = '[role="log"], [role="feed"]';

/**
 * Every element a message block or a field label may be, in one cheap query per read: the
 * finders filter it in JS. Case-insensitive `[class*="…" i]` selectors over a big page cost
 * several times more than testing the class strings of this list.
 */
export const MARKED = '[class], article, [role="article"], [role="listitem"], [data-message-id], [data-testid], dt, th, label, strong, b';
/** Direction suffixes stripped from a class token so inbound and outbound blocks group together. */
export const DIRECTION_SUFFIX =
  /(?:[-_]{1,2}(?:in|out|inbound|outbound|incoming|outgoing|sent|received|me|them|self|agent|customer|client|left|right|mine|own|other|from|to))+$/i;

/** Tokens (from class names and data-* attributes) that say who wrote a block. */
export const OUTBOUND_TOKENS = new Set(['agent', 'outgoing', 'outbound', 'sent', 'me', 'mine', 'self', 'own', 'staff', 'operator', 'internal', 'fromme', 'isme', 'out']);
export const INBOUND_TOKENS = new Set(['inbound', 'incoming', 'received', 'customer', 'client', 'visitor', 'requester', 'enduser', 'them', 'fromthem', 'contact', 'in']);

/** Author elements, most specific first (the first selector that matches wins, not document order). */
export const AUTHOR = [
  '[itemprop="author"]', '[data-author]', '[class*="author" i]', '[class*="auteur" i]', '[class*="sender" i]',
  '[class*="expediteur" i]', '[class*="from" i]:not([class*="from-me" i])', '[class*="user-name" i]',
  '[class*="username" i]', '[class*="name" i]',
];
export const BODY = '[class*="body" i], [class*="content" i], [class*="text" i], [data-testid*="body" i]';
export const TIME_ATTRS = ['datetime', 'data-time', 'data-timestamp', 'data-created-at', 'data-date'];

export const EDITABLE =
  'textarea, [contenteditable=""], [contenteditable="true" i], [contenteditable="plaintext-only" i], [role="textbox"]';
/** Single-line fields: reply boxes only when labelled like one (chat widgets' "Type a message"). */
export const TEXT_INPUT = 'input[type="text" i], input:not([type])';
/** Frames that may hold an editor document (TinyMCE, CKEditor 4, designMode); only same-origin ones are read. */
export const EDITOR_FRAME = 'iframe';
export const REPLY_WORDS = /\b(?:reply|respond|answer|repondre|reponse|message|write|ecrire|compose|rediger|type a message|saisissez)/;
export const SEARCH_WORDS = /\b(?:search|rechercher|recherche|filter|filtrer|find|trouver)\b/;
/** Whole-label match: the header fields of a compose form are not the reply body. */
export const ADDRESS_FIELD = /^(?:to|a|cc|bcc|cci|subject|objet|recipients?|destinataires?)$/;
