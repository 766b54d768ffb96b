import { expect } from 'vitest';
import { bearer, type TestContext } from '../test-support/harness.js';

/** A small help desk for the responses tests: articles of each kind, and tickets solved or not. */

export const ARTICLES = {
  password: {
    title: 'Reset your password',
    body: [
      'If you forgot your password or the reset email never arrives, follow these steps.',
      '',
      '1. Go to the sign-in page and click **Forgot password**.',
      '2. Enter the email address of your account.',
      '3. Check your inbox and your spam folder for the reset email; it arrives within 5 minutes.',
      '4. Click the link in the email and choose a new password.',
      '',
      'The reset link expires after 24 hours.',
    ].join('\n'),
    tags: ['password', 'sign-in'],
    visibility: 'public',
    status: 'published',
  },
  export: {
    title: 'Export contacts to CSV',
    body: [
      '# Exporting',
      '',
      'Open **Contacts**, choose the contacts to export and press *Export*. Large lists are prepared in the background.',
      '',
      'When the export is ready we email you a download link that works for 7 days. The CSV uses commas and UTF-8.',
      '',
      'Exports are limited to 100,000 contacts at a time.',
    ].join('\n'),
    tags: ['export', 'csv'],
    visibility: 'public',
    status: 'published',
  },
  refund: {
    title: 'Refund a duplicate charge',
    body: '1. Open the payment in Stripe.\n2. Check that the charge is a duplicate of the same invoice.\n3. Refund the duplicate charge in full and note the refund on the ticket.',
    tags: ['billing', 'refund'],
    visibility: 'internal',
    status: 'published',
  },
  twoFactor: {
    title: 'Set up two-factor authentication',
    body: 'Protect your account with a second step at sign-in.\n\n- Open Settings, then Security.\n- Choose Enable two-factor authentication.\n- Scan the QR code with an authenticator app and enter the code it shows.',
    tags: ['security', '2fa'],
    visibility: 'public',
    status: 'published',
  },
  theme: {
    title: 'Dark mode and themes',
    body: 'Switch between the light and the dark theme under Settings, then Appearance.',
    tags: ['appearance'],
    visibility: 'public',
    status: 'published',
  },
  webhookDraft: {
    title: 'Webhook retries',
    body: 'Failed webhook deliveries are retried five times with back-off.',
    tags: ['webhooks'],
    visibility: 'public',
    status: 'draft',
  },
} as const;

export type ArticleKey = keyof typeof ARTICLES;

export interface Desk {
  agent: string;
  agentName: string;
  lead: string;
  viewer: string;
  articles: Record<ArticleKey, string>;
}

/** Creates the fixture articles and three users; returns their tokens and the article ids. */
export async function createDesk(t: TestContext): Promise<Desk> {
  const agentUser = await t.userWithToken('agent');
  const lead = (await t.userWithToken('lead')).token;
  const viewer = (await t.userWithToken('viewer')).token;
  const articles = {} as Record<ArticleKey, string>;
  for (const [key, article] of Object.entries(ARTICLES)) {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/kb/articles', headers: bearer(lead), payload: article });
    expect(res.statusCode).toBe(201);
    articles[key as ArticleKey] = res.json().id;
  }
  const me = await t.app.inject({ url: `/api/v1/users/${agentUser.userId}`, headers: bearer(agentUser.token) });
  expect(me.statusCode).toBe(200);
  return { agent: agentUser.token, agentName: me.json().name as string, lead, viewer, articles };
}

/** Opens a ticket from a customer. */
export async function openTicket(t: TestContext, token: string, subject: string, body: string, requester: { email: string; name?: string } = { email: 'sam@customer.example', name: 'Sam Carter' }) {
  const res = await t.app.inject({ method: 'POST', url: '/api/v1/tickets', headers: bearer(token), payload: { subject, body, requester } });
  expect(res.statusCode).toBe(201);
  return res.json() as { id: string; number: number };
}

/** An agent's public reply, optionally moving the ticket's status in the same step. */
export async function reply(t: TestContext, token: string, ticketId: string, body: string, status?: string) {
  const res = await t.app.inject({ method: 'POST', url: `/api/v1/tickets/${ticketId}/messages`, headers: bearer(token), payload: { body, visibility: 'public', ...(status ? { status } : {}) } });
  expect(res.statusCode).toBe(201);
  return res.json() as { id: string };
}

/** A ticket solved by an agent's reply. */
export async function solvedTicket(t: TestContext, token: string, subject: string, body: string, answer: string, requester?: { email: string; name?: string }) {
  const ticket = await openTicket(t, token, subject, body, requester);
  const message = await reply(t, token, ticket.id, answer, 'solved');
  return { ...ticket, replyId: message.id };
}
