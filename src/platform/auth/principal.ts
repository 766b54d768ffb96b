import type { Role } from './roles.js';

/** Who is calling: a signed-in user (cookie session) or an API token acting for its user. */
export interface Principal {
  kind: 'session' | 'token';
  userId: string;
  email: string;
  name: string;
  /** The effective role: for a token, the lower of the token's role and its owner's. */
  role: Role;
  sessionId?: string;
  tokenId?: string;
}

/** Who did something, as the audit trail records it. */
export interface Actor {
  type: 'user' | 'token' | 'customer' | 'automation' | 'system';
  id: string | null;
  label: string | null;
}

export const SYSTEM_ACTOR: Actor = { type: 'system', id: null, label: 'system' };

/** The audit actor for a principal. */
export function actorOf(principal: Principal): Actor {
  return principal.kind === 'token'
    ? { type: 'token', id: principal.tokenId ?? null, label: `${principal.email} (token)` }
    : { type: 'user', id: principal.userId, label: principal.email };
}
