/**
 * Imported first by the background and every extension page (never by the hub, which keeps zod's
 * compiled fast path). MV3 extension pages forbid eval: zod must neither use nor probe for its
 * `new Function` fast path (a strict CSP reports even the caught probe). Zod reads this setting
 * when a schema is built, so it has to run before any module defining one: hence a first import.
 * The content scripts ship no zod.
 */
import { z } from 'zod';

z.config({ jitless: true });
