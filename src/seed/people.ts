import type { Random } from './random.js';

/**
 * Names for invented customers and companies. Every email domain ends in `.example`
 * (reserved by RFC 2606): if someone connects outbound mail to a demo, nothing reaches a real inbox.
 */
export const FIRST_NAMES = [
  'Dana', 'Oliver', 'Amara', 'Liam', 'Sofia', 'Noah', 'Chloe', 'Mateo', 'Isla', 'Ethan', 'Priya', 'Lucas', 'Hannah', 'Mohammed', 'Grace',
  'Jonas', 'Aisha', 'Leo', 'Mia', 'Daniel', 'Yuki', 'Samuel', 'Elena', 'Kwame', 'Ines', 'Tomás', 'Freya', 'Arjun', 'Zoe', 'Henrik',
  'Lucia', 'Omar', 'Ruby', 'Felix', 'Nadia', 'Kai', 'Clara', 'Diego', 'Maya', 'Finn', 'Leila', 'Ben', 'Ava', 'Ravi', 'Julia', 'Tariq',
  'Emma', 'Hugo', 'Sara', 'Patrick', 'Anya', 'Victor', 'Lena', 'Marco', 'Ingrid', 'Chen', 'Olga', 'Sean', 'Fatima', 'Theo', 'Rosa',
  'Dmitri', 'Nora', 'Adebayo', 'Eva', 'Gabriel', 'Mei', 'Jack', 'Camille', 'Ibrahim', 'Laura', 'Rohan', 'Alice', 'Pablo', 'Beatriz',
];

export const LAST_NAMES = [
  'Reyes', 'Whitfield', 'Okafor', 'Brennan', 'Lindqvist', 'Haddad', 'Nakamura', 'Fischer', "O'Neill", 'Kowalski', 'Mensah', 'Dubois',
  'Patel', 'García', 'Novak', 'Sørensen', 'Campbell', 'Rossi', 'Tanaka', 'Adeyemi', 'Schultz', 'Moreau', 'Ivanova', 'Hughes', 'Silva',
  'Bauer', 'Kim', 'Murphy', 'Van Dijk', 'Costa', 'Andersson', 'Khan', 'Walsh', 'Ferreira', 'Horvat', 'Lambert', 'Nguyen', 'Petrov',
  'Clarke', 'Yilmaz', 'Bianchi', 'Oyelaran', 'Jensen', 'Morales', 'Schneider', 'Park', 'Doyle', 'Kaur', 'Meyer', 'Santos', 'Ward',
];

const COMPANY_FIRST = [
  'Northwind', 'Bluebird', 'Harbor', 'Kestrel', 'Maple', 'Oakridge', 'Silverline', 'Juniper', 'Copperfield', 'Alder', 'Brightline',
  'Cobalt', 'Fernhill', 'Granite', 'Hollow Pine', 'Ironbridge', 'Lakeside', 'Meadowbrook', 'Nimbus', 'Orchard', 'Pebble', 'Quarry',
  'Riverbend', 'Saltmarsh', 'Thistle', 'Umber', 'Vantage', 'Willow', 'Yellowtail', 'Zephyr', 'Ashford', 'Blackwood', 'Cedar',
  'Driftwood', 'Evergreen', 'Foxglove', 'Greystone', 'Heather', 'Ivory', 'Larkspur',
];

const COMPANY_KIND = [
  'Dental', 'Logistics', 'Studio', 'Legal', 'Consulting', 'Architects', 'Foods', 'Labs', 'Accountants', 'Engineering', 'Media',
  'Clinics', 'Builders', 'Travel', 'Design', 'Analytics', 'Properties', 'Electrical', 'Landscaping', 'Events', 'Marketing', 'Print',
];

/** Domains of personal mailboxes: customers there belong to no organisation. */
export const PERSONAL_DOMAINS = ['mail.example', 'inbox.example', 'fastpost.example'];

/** An ASCII slug for email addresses and domains. */
export function slug(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, 'and')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

/** The i-th invented company: a unique name, and a unique domain derived from it. */
export function companyName(i: number): string {
  const first = COMPANY_FIRST[i % COMPANY_FIRST.length];
  const kind = COMPANY_KIND[Math.floor(i / COMPANY_FIRST.length) % COMPANY_KIND.length];
  const round = Math.floor(i / (COMPANY_FIRST.length * COMPANY_KIND.length));
  return round === 0 ? `${first} ${kind}` : `${first} ${kind} ${round + 1}`;
}

/** A person's name drawn from the lists. */
export function personName(r: Random): { first: string; last: string } {
  return { first: r.pick(FIRST_NAMES), last: r.pick(LAST_NAMES) };
}

/** `first.last@domain`, in ASCII. */
export function emailFor(first: string, last: string, domain: string, suffix = ''): string {
  return `${slug(first).replace(/-/g, '')}.${slug(last).replace(/-/g, '')}${suffix}@${domain}`;
}
