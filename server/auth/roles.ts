import { HubError, HubErrorCode } from '../http/errors.ts';

export const ROLES = ['agent', 'lead', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export interface AuthContext {
  teamId: string;
  teamName: string;
  memberId: string;
  memberName: string;
  role: Role;
  tokenId: string;
  tokenHash: string;
}

export function atLeast(role: Role, min: Role): boolean {
  return ROLES.indexOf(role) >= ROLES.indexOf(min);
}

export function requireRole(auth: AuthContext, min: Role): void {
  if (!atLeast(auth.role, min)) throw new HubError(403, HubErrorCode.Forbidden, `This needs the ${min} role or higher`);
}
