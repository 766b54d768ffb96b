import { randomBytes } from 'node:crypto';
import { allUsers, createUser } from '../accounts/users.service.js';
import type { Actor } from '../platform/auth/principal.js';
import { ManualClock } from '../platform/clock.js';
import type { Deps } from '../platform/context.js';
import { constraintViolation } from '../platform/db/dialect.js';
import { AppError } from '../platform/errors.js';
import { createCustomer } from '../tickets/customers.service.js';
import { createGroup, replaceMembers } from '../tickets/groups.service.js';
import { createOrganisation } from '../tickets/organisations.service.js';
import { DEMO_ADMIN_EMAIL, DEMO_GROUPS, DEMO_ORGANISATIONS, DEMO_STAFF, demoCustomers } from './demo-directory.js';
import { seedDemoTickets, type DemoRequester, type DemoTeam } from './demo-tickets.js';
import { slug } from './people.js';
import { Random } from './random.js';

export interface DemoCredentials {
  adminEmail: string;
  adminPassword: string;
}

/** The demo's size: enough to fill every queue and report, small enough to create in seconds. */
const DEMO_TICKETS = 200;
const DEMO_DAYS = 30;
const DEMO_SEED = 2026;
const DAY = 86_400_000;
const PLAN_LABEL = { free: 'Free', pro: 'Pro', enterprise: 'Enterprise' } as const;
/** Who the audit trail says created the demo's directory. */
const DEMO_ACTOR: Actor = { type: 'system', id: null, label: 'demo data' };

/**
 * Creates the demo help desk: an admin with a random password (returned, never logged), a lead,
 * agents and a viewer without passwords (an admin sets them), four groups, six organisations,
 * about forty customers and about two hundred tickets with their conversations over the last
 * thirty days. Everything but the password is the same on every run. Fails when the admin exists.
 */
export async function seedDemo(deps: Deps): Promise<DemoCredentials> {
  const admin = await createAdmin(deps);
  await populate(deps, admin.id);
  return { adminEmail: DEMO_ADMIN_EMAIL, adminPassword: admin.password };
}

/**
 * Seeds the demo when the database has no users yet; returns the admin's credentials then, else
 * null. Two processes starting on one fresh database race on creating the admin: the one that
 * loses returns null and seeds nothing.
 */
export async function seedDemoIfEmpty(deps: Deps): Promise<DemoCredentials | null> {
  if ((await allUsers(deps)).length > 0) return null;
  let admin: { id: string; password: string };
  try {
    admin = await createAdmin(deps);
  } catch (error) {
    const lostRace = (error instanceof AppError && error.code === 'already_exists') || constraintViolation(error) === 'unique';
    if (lostRace) return null;
    throw error;
  }
  await populate(deps, admin.id);
  return { adminEmail: DEMO_ADMIN_EMAIL, adminPassword: admin.password };
}

/** A password of 20 characters from 57 letters and digits that cannot be mistaken for one another: about 116 bits. */
function randomPassword(): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';
  const bytes = randomBytes(40);
  let password = '';
  // Rejection sampling keeps every letter equally likely.
  for (const byte of bytes) if (byte < alphabet.length * 4 && password.length < 20) password += alphabet[byte % alphabet.length];
  return password.length === 20 ? password : randomPassword();
}

async function createAdmin(deps: Deps): Promise<{ id: string; password: string }> {
  const password = randomPassword();
  const { email, name, role } = DEMO_STAFF[0];
  const user = await createUser(deps, DEMO_ACTOR, { email, name, role, password });
  return { id: user.id, password };
}

/** Everything after the admin: staff, groups, organisations, customers, tickets. */
async function populate(deps: Deps, adminId: string): Promise<void> {
  const r = Random.derive(DEMO_SEED, 'demo-directory');
  const now = deps.clock.now().getTime();
  // The directory predates the tickets: set the services' clock to before the first of them.
  const early = { ...deps, clock: new ManualClock(new Date(now - (DEMO_DAYS + 30) * DAY)) };
  const users = new Map<string, { id: string; email: string; firstName: string }>();
  for (const { key, email, name, role } of DEMO_STAFF) {
    const id = email === DEMO_ADMIN_EMAIL ? adminId : (await createUser(early, DEMO_ACTOR, { email, name, role })).id;
    users.set(key, { id, email, firstName: name.split(' ')[0] });
  }
  const teams = new Map<string, DemoTeam>();
  for (const group of DEMO_GROUPS) {
    const created = await createGroup(early, DEMO_ACTOR, { name: group.name, description: group.description });
    const members = group.members.map((key) => users.get(key)!);
    await replaceMembers(early, DEMO_ACTOR, created.id, members.map((m) => m.id));
    teams.set(group.name, { id: created.id, members });
  }
  for (const org of DEMO_ORGANISATIONS) {
    await createOrganisation(early, DEMO_ACTOR, { name: org.name, domains: org.domains, plan: org.plan, vip: org.vip, notes: org.notes });
  }
  const requesters: DemoRequester[] = [];
  for (const person of demoCustomers(r)) {
    const org = person.organisation === null ? null : DEMO_ORGANISATIONS[person.organisation];
    const name = `${person.firstName} ${person.lastName}`;
    const customer = await createCustomer(early, DEMO_ACTOR, { email: person.email, name });
    const company = org?.name ?? `${person.lastName} Consulting`;
    requesters.push({
      id: customer.id,
      email: customer.email,
      name,
      organisationVip: org?.vip ?? false,
      context: { firstName: person.firstName, lastName: person.lastName, company, workspace: slug(company), plan: PLAN_LABEL[org?.plan ?? 'pro'] },
    });
  }
  await seedDemoTickets(deps, { seed: DEMO_SEED, count: DEMO_TICKETS, days: DEMO_DAYS, requesters, teams });
}
