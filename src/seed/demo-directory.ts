import type { Role } from '../platform/auth/roles.js';
import type { GroupKey } from './corpus/types.js';
import { emailFor, FIRST_NAMES, LAST_NAMES, PERSONAL_DOMAINS } from './people.js';
import type { Random } from './random.js';

/** The people, teams and customer companies of the demo help desk. */

export const DEMO_ADMIN_EMAIL = 'admin@frontline.local';

export interface DemoStaffMember {
  key: string;
  email: string;
  name: string;
  role: Role;
}

export const DEMO_STAFF: readonly DemoStaffMember[] = [
  { key: 'alex', email: DEMO_ADMIN_EMAIL, name: 'Alex Morgan', role: 'admin' },
  { key: 'priya', email: 'priya.raman@frontline.local', name: 'Priya Raman', role: 'lead' },
  { key: 'tom', email: 'tom.becker@frontline.local', name: 'Tom Becker', role: 'agent' },
  { key: 'sofia', email: 'sofia.lindqvist@frontline.local', name: 'Sofia Lindqvist', role: 'agent' },
  { key: 'marcus', email: 'marcus.oyelaran@frontline.local', name: 'Marcus Oyelaran', role: 'agent' },
  { key: 'hana', email: 'hana.kobayashi@frontline.local', name: 'Hana Kobayashi', role: 'agent' },
  { key: 'luca', email: 'luca.romano@frontline.local', name: 'Luca Romano', role: 'agent' },
  { key: 'jordan', email: 'jordan.ellis@frontline.local', name: 'Jordan Ellis', role: 'viewer' },
];

export const DEMO_GROUPS: readonly { name: GroupKey; description: string; members: readonly string[] }[] = [
  { name: 'Billing', description: 'Invoices, payments, refunds, plans and seats', members: ['sofia', 'luca'] },
  { name: 'Technical', description: 'How-to questions, configuration, bugs, integrations and data sync', members: ['tom', 'hana', 'marcus'] },
  { name: 'Accounts', description: 'Sign-in and access, compliance, training and product questions', members: ['luca', 'priya'] },
  { name: 'Platform', description: 'Outages, performance and security incidents; on call for Tier 1', members: ['marcus', 'priya', 'tom'] },
];

export interface DemoOrganisation {
  name: string;
  domains: string[];
  plan: 'free' | 'pro' | 'enterprise';
  vip: boolean;
  notes: string | null;
  /** How many of the demo customers work there. */
  people: number;
}

export const DEMO_ORGANISATIONS: readonly DemoOrganisation[] = [
  {
    name: 'Northwind Traders',
    domains: ['northwind.example'],
    plan: 'enterprise',
    vip: true,
    notes: 'Strategic account, renewal in March. Tier 1 issues go straight to the lead on call.',
    people: 8,
  },
  { name: 'Harbor Dental Group', domains: ['harbordental.example'], plan: 'pro', vip: false, notes: null, people: 6 },
  { name: 'Brightline Studio', domains: ['brightline.example', 'brightline-studio.example'], plan: 'pro', vip: false, notes: 'Design agency, 25 seats, heavy users of retainers.', people: 6 },
  {
    name: 'Kestrel Logistics',
    domains: ['kestrel-logistics.example'],
    plan: 'enterprise',
    vip: true,
    notes: 'Field technicians log time in the mobile app; SSO through Okta.',
    people: 7,
  },
  { name: 'Maple & Finch Accountants', domains: ['maplefinch.example'], plan: 'pro', vip: false, notes: null, people: 5 },
  { name: 'Oakridge Schools', domains: ['oakridge.example'], plan: 'free', vip: false, notes: 'Non-profit discount requested; on the free plan meanwhile.', people: 4 },
];

/** Customers with no organisation: freelancers and small shops writing from personal mailboxes. */
const INDEPENDENTS = 6;

export interface DemoCustomer {
  email: string;
  firstName: string;
  lastName: string;
  /** Index into DEMO_ORGANISATIONS, or null. */
  organisation: number | null;
}

/** About forty customers: the organisations' people, then a few independents, with unique emails. */
export function demoCustomers(r: Random): DemoCustomer[] {
  const customers: DemoCustomer[] = [];
  const used = new Set<string>();
  const add = (organisation: number | null, domain: string) => {
    let first: string;
    let last: string;
    let email: string;
    do {
      first = r.pick(FIRST_NAMES);
      last = r.pick(LAST_NAMES);
      email = emailFor(first, last, domain);
    } while (used.has(email));
    used.add(email);
    customers.push({ email, firstName: first, lastName: last, organisation });
  };
  DEMO_ORGANISATIONS.forEach((org, index) => {
    for (let i = 0; i < org.people; i++) add(index, org.domains[i % org.domains.length]);
  });
  for (let i = 0; i < INDEPENDENTS; i++) add(null, r.pick(PERSONAL_DOMAINS));
  return customers;
}
