/** The lead console's metrics: DOM-free, shared by the hub's API and the console. See README.md. */
export * from './agents';
export * from './aggregate';
export * from './brand-issues';
export * from './commitments';
export * from './compare';
export * from './contacts';
export * from './csv';
export * from './identity';
export { SAME_TEXT_WINDOW_MS, type MessagePoint, type Reading } from './points';
export * from './promotion-reach';
export * from './repeat-contacts';
export * from './signals';
export * from './stats';
export * from './suggestion-use';
