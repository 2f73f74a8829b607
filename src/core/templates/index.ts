export { FILTERS, parseBody, VARIABLES, type VariableName } from './parse';
export { render, renderBody, type Rendered, type RenderedBody, type RenderVars, type Unfilled } from './render';
export { searchTemplates, type SearchHit, type SearchOptions } from './search';
export { findShortcut, type ShortcutHit } from './shortcut';
export { bodyErrors, validateTemplate } from './validate';
export { formatDay, type TemplateValues } from './variables';
export { pickVariant, type VariantFallback } from './variant';
