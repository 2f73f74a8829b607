import { z } from 'zod';
import { ROLES } from '../auth/roles.ts';
import { unstorableText } from '../sync/json-safety.ts';

/** A person's or device's display name: trimmed, 1–100 characters, no control characters. */
export const DisplayName = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .refine((s) => !unstorableText(s) && !/[\u0000-\u001f\u007f]/.test(s), 'Control characters are not allowed');

export const RoleSchema = z.enum(ROLES);

/** A non-negative integer from a query string (`?cursor=12`). */
export const QueryInt = (max: number) =>
  z
    .string()
    .regex(/^\d{1,15}$/, 'Expected a non-negative integer')
    .transform(Number)
    .pipe(z.number().int().min(0).max(max));
