import { Random } from '../../src/seed/random.js';
import { draftTicket } from '../../src/seed/text.js';

const FIRST = ['Sam', 'Dana', 'Lee', 'Maria', 'Kofi', 'Yuki', 'Ines', 'Omar', 'Priya', 'Jonas'];
const LAST = ['Reyes', 'Okafor', 'Tanaka', 'Schmidt', 'Dubois', 'Silva', 'Novak', 'Haddad', 'Kumar', 'Berg'];
const COMPANY = ['Northwind', 'Globex', 'Initech', 'Umbrella', 'Hooli', 'Vandelay', 'Stark', 'Wayne', 'Acme', 'Tyrell'];

/**
 * The `i`-th request of a benchmark inbox: each a different support request written by the demo's
 * text generator (20 sub-types, many scenarios, names and details filled in), as a help desk's
 * inbox mostly is. Deterministic: the same `i` gives the same text in every run and benchmark.
 */
export function inboxRequest(i: number): { subject: string; body: string } {
  const company = COMPANY[i % 10]!;
  const context = { firstName: FIRST[i % 10]!, lastName: LAST[Math.floor(i / 10) % 10]!, company, workspace: company.toLowerCase(), plan: ['starter', 'team', 'business'][i % 3]!, agent: 'Alex' };
  const draft = draftTicket(new Random(1_000 + i), context, 'email');
  return { subject: draft.subject, body: draft.body };
}

/** Distinct senders, as real traffic has (500 customers at 50 companies). */
export const inboxSender = (i: number) => `customer${i % 500}@shop${i % 50}.example`;
