import type { Random } from '../random.js';

/**
 * The demo help desk supports "Tallybook", an invented invoicing, payments and time-tracking
 * service for agencies and small firms. Slots are the words that vary between tickets.
 */
export interface TextContext {
  firstName: string;
  lastName: string;
  company: string;
  /** The customer's workspace subdomain, e.g. `northwind` in northwind.tallybook.app. */
  workspace: string;
  plan: string;
  /** First name of the agent who answers. */
  agent: string;
}

export type Slot = (r: Random, c: TextContext) => string;

const list = (items: readonly string[]): Slot => (r) => r.pick(items);
const pad = (n: number, width: number) => String(n).padStart(width, '0');
const hex = (r: Random, length: number) => {
  let s = '';
  for (let i = 0; i < length; i++) s += '0123456789abcdef'[r.int(0, 15)];
  return s;
};
const thousands = (n: number) => n.toLocaleString('en-US');

export const SLOTS: Record<string, Slot> = {
  first: (_r, c) => c.firstName,
  fullName: (_r, c) => `${c.firstName} ${c.lastName}`,
  company: (_r, c) => c.company,
  workspace: (_r, c) => `${c.workspace}.tallybook.app`,
  plan: (_r, c) => c.plan,
  agent: (_r, c) => c.agent,
  feature: list(['recurring invoices', 'time tracking', 'expense reports', 'the client portal', 'project budgets', 'the reports dashboard', 'invoice templates', 'approval workflows', 'retainers', 'scheduled exports']),
  integration: list(['Salesforce', 'HubSpot', 'QuickBooks Online', 'Xero', 'Slack', 'Google Calendar', 'Outlook', 'Stripe', 'Zapier', 'Shopify', 'Jira', 'Microsoft Teams']),
  accounting: list(['QuickBooks Online', 'Xero', 'Sage Business Cloud', 'FreshBooks']),
  crm: list(['Salesforce', 'HubSpot', 'Pipedrive']),
  calendar: list(['Google Calendar', 'Outlook', 'Microsoft 365 calendar']),
  gateway: list(['Stripe', 'Adyen', 'PayPal', 'GoCardless']),
  idp: list(['Okta', 'Microsoft Entra ID', 'Google Workspace', 'OneLogin', 'JumpCloud']),
  browser: list(['Chrome 131', 'Firefox 133', 'Safari 18.1', 'Edge 131', 'Chrome 130 on a Chromebook']),
  os: list(['Windows 11', 'macOS Sequoia 15.1', 'macOS Sonoma 14.6', 'Ubuntu 24.04', 'Windows 10']),
  mobile: list(['iOS app 5.14.2 on an iPhone 15', 'Android app 5.14.0 on a Pixel 8', 'iOS app 5.13.9 on an iPad Air', 'Android app 5.14.1 on a Galaxy S23']),
  httpError: list(['HTTP 502 Bad Gateway', 'HTTP 503 Service Unavailable', 'HTTP 500 Internal Server Error', 'HTTP 504 Gateway Timeout']),
  apiError: list(['429 Too Many Requests', '401 invalid_token', '500 internal_error', '409 version_conflict', '422 validation_failed']),
  region: list(['EU (Frankfurt)', 'US East', 'US West', 'UK (London)', 'APAC (Sydney)']),
  endpoint: list(['/v2/invoices', '/v2/time-entries', '/v2/clients', '/v2/payments', '/v2/projects', '/v2/expenses']),
  webhookEvent: list(['invoice.paid', 'payment.failed', 'time_entry.created', 'client.updated', 'invoice.sent', 'expense.approved']),
  report: list(['Profit by client', 'Unbilled time', 'Aged receivables', 'Utilisation by team', 'Revenue by project', 'Expenses by category']),
  fileType: list(['CSV', 'XLSX', 'PDF']),
  role: list(['project manager', 'bookkeeper', 'team lead', 'contractor', 'finance approver', 'account manager']),
  project: list(['Website redesign', 'Q4 audit', 'Mobile onboarding', 'Brand refresh', 'ERP migration', 'Annual report 2026', 'Retail fit-out']),
  client: list(['Hartley & Sons', 'Blue Fern Dental', 'Orbit Logistics', 'Kettle & Crane Bakery', 'Mosaic Architects', 'Pinecrest Schools', 'Halcyon Travel', 'Redwood Legal']),
  tax: list(['VAT', 'GST', 'sales tax']),
  regulation: list(['GDPR', 'CCPA', 'SOC 2', 'PCI DSS', 'ISO 27001']),
  language: list(['German', 'French', 'Spanish', 'Japanese', 'Brazilian Portuguese', 'Dutch']),
  timezone: list(['Europe/Berlin', 'America/Chicago', 'Australia/Sydney', 'Asia/Singapore', 'Europe/London', 'America/Los_Angeles']),
  country: list(['Romania', 'Vietnam', 'Brazil', 'Nigeria', 'Indonesia', 'Ukraine']),
  weekday: list(['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday']),
  declineCode: list(['card_declined', 'do_not_honor', 'insufficient_funds', 'processing_error', 'authentication_required', 'expired_card']),
  card: (r) => `${r.pick(['Visa', 'Mastercard', 'Amex'])} ending ${pad(r.int(0, 9999), 4)}`,
  money: (r) => `${r.pick(['$', '$', '€', '£'])}${thousands(r.int(40, 18_000))}.${pad(r.pick([0, 0, 50, r.int(0, 99)]), 2)}`,
  smallMoney: (r) => `${r.pick(['$', '€', '£'])}${r.int(9, 99)}.${pad(r.pick([0, 99, 50]), 2)}`,
  invoice: (r) => `INV-${r.pick(['2025', '2026'])}-${pad(r.int(100, 99_999), 5)}`,
  count: (r) => String(r.int(3, 40)),
  many: (r) => thousands(r.int(120, 8_000)),
  seats: (r) => String(r.pick([5, 8, 12, 15, 25, 40, 60, 120])),
  minutes: (r) => String(r.int(5, 55)),
  hours: (r) => String(r.int(2, 9)),
  seconds: (r) => String(r.int(8, 45)),
  percent: (r) => String(r.int(12, 80)),
  time: (r) => `${pad(r.int(6, 18), 2)}:${pad(r.int(0, 59), 2)}`,
  ip: (r) => `${r.pick(['203.0.113', '198.51.100', '192.0.2'])}.${r.int(2, 254)}`,
  requestId: (r) => `req_${hex(r, 16)}`,
  version: (r) => `5.${r.int(11, 14)}.${r.int(0, 9)}`,
};
