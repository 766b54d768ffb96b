/**
 * The role matrix: what each role may do. Roles nest: each has everything of the one below.
 * viewer reads; agent works tickets; lead also manages groups and macros; admin everything.
 */
export const ROLES = ['viewer', 'agent', 'lead', 'admin'] as const;
export type Role = (typeof ROLES)[number];

const VIEWER = ['tickets:read', 'customers:read', 'groups:read', 'kb:read', 'self:manage'] as const;
const AGENT = ['tickets:write', 'customers:write', 'triage:use', 'macros:use'] as const;
const LEAD = ['groups:manage', 'macros:manage', 'kb:manage', 'analytics:read', 'alerts:manage'] as const;
const ADMIN = ['users:manage', 'tokens:manage', 'settings:manage', 'fields:manage', 'audit:read', 'organisations:manage', 'monitors:manage', 'automations:manage', 'webhooks:manage'] as const;

export type Permission =
  | (typeof VIEWER)[number]
  | (typeof AGENT)[number]
  | (typeof LEAD)[number]
  | (typeof ADMIN)[number];

const GRANTS: Record<Role, ReadonlySet<Permission>> = {
  viewer: new Set<Permission>(VIEWER),
  agent: new Set<Permission>([...VIEWER, ...AGENT]),
  lead: new Set<Permission>([...VIEWER, ...AGENT, ...LEAD]),
  admin: new Set<Permission>([...VIEWER, ...AGENT, ...LEAD, ...ADMIN]),
};

/** True when the role grants the permission. */
export function can(role: Role, permission: Permission): boolean {
  return GRANTS[role].has(permission);
}

/** The lower of two roles: a token never grants more than its owner has. */
export function lowerRole(a: Role, b: Role): Role {
  return ROLES.indexOf(a) <= ROLES.indexOf(b) ? a : b;
}

export const isRole = (value: string): value is Role => (ROLES as readonly string[]).includes(value);

/** Every permission with the roles that hold it (for docs and the admin UI). */
export function roleMatrix(): Record<Role, Permission[]> {
  return Object.fromEntries(ROLES.map((r) => [r, [...GRANTS[r]]])) as Record<Role, Permission[]>;
}
