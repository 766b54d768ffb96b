import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { createToken } from '../src/accounts/tokens.service.js';
import { SYSTEM_ACTOR } from '../src/platform/auth/principal.js';
import { startReceiver, type Receiver } from '../src/test-support/http-receiver.js';
import { seriousViolations } from './axe.js';
import { addStaff, browserSuite, SHOTS } from './suite.js';

const suite = browserSuite();

let receiver: Receiver;
let adminToken: string;
let agentToken: string;

beforeAll(async () => {
  receiver = await startReceiver();
  const admin = await addStaff(suite.server.deps, 'admin');
  const agent = await addStaff(suite.server.deps, 'agent');
  await addStaff(suite.server.deps, 'lead');
  adminToken = (await createToken(suite.server.deps, SYSTEM_ACTOR, { userId: admin.id, name: 'e2e' })).token;
  agentToken = (await createToken(suite.server.deps, SYSTEM_ACTOR, { userId: agent.id, name: 'e2e' })).token;
});
afterAll(async () => {
  await receiver?.close();
});

const { signIn } = suite;

/** Opens an admin section from the admin navigation, as a user would. */
async function openSection(page: Page, label: string, heading: string) {
  await page.getByRole('link', { name: 'Admin' }).click();
  await page.getByRole('navigation', { name: 'Admin' }).getByRole('button', { name: label }).click();
  await page.getByRole('heading', { name: heading, exact: true }).waitFor();
}

async function apiAs<T>(token: string, path: string, init: { method?: string; body?: unknown } = {}): Promise<T> {
  const res = await fetch(`${suite.server.url}${path}`, {
    method: init.method ?? 'GET',
    headers: { authorization: `Bearer ${token}`, ...(init.body ? { 'content-type': 'application/json' } : {}) },
    body: init.body ? JSON.stringify(init.body) : undefined,
  });
  expect(res.ok, `${path}: ${res.status}`).toBe(true);
  return (await res.json()) as T;
}

it('an admin creates a business calendar and an SLA policy on it, with the server’s errors beside the fields', async () => {
  const { context, page } = await signIn('admin@example.test');
  await openSection(page, 'SLA policies and calendars', 'SLA policies');

  await page.getByRole('button', { name: 'New calendar' }).click();
  const calendar = page.getByRole('form', { name: 'New calendar' });
  await calendar.getByLabel('Name').fill('Berlin office');
  await calendar.getByLabel('Time zone (IANA)').fill('Europe/Atlantis');
  // Holiday regions come from the server (date-holidays): Germany, then Bavaria.
  await calendar.getByLabel('Public holidays of').locator('option[value="DE"]').waitFor({ state: 'attached' });
  await calendar.getByLabel('Public holidays of').selectOption('DE');
  await calendar.getByLabel('State or province').locator('option[value="BY"]').waitFor({ state: 'attached' });
  await calendar.getByLabel('State or province').selectOption('BY');
  await calendar.getByLabel('Other closed days (YYYY-MM-DD, one a line)').fill('2026-12-24\n2026-12-31');
  await calendar.getByRole('button', { name: 'Create calendar' }).click();
  await page.locator('#cal-zone-error').filter({ hasText: 'IANA time zone' }).waitFor();
  await expect(calendar.getByLabel('Time zone (IANA)').getAttribute('aria-invalid')).resolves.toBe('true');
  await page.screenshot({ path: `${SHOTS}/admin-sla-calendar-error.png` });
  await calendar.getByLabel('Time zone (IANA)').fill('Europe/Berlin');
  await calendar.getByRole('button', { name: 'Create calendar' }).click();
  const calendarRow = page.getByRole('row').filter({ hasText: 'Berlin office' });
  await calendarRow.getByRole('cell', { name: 'Mon–Fri 09:00–17:00' }).waitFor();
  await calendarRow.getByRole('cell', { name: 'DE-BY + 2 dates' }).waitFor();

  await page.getByRole('button', { name: 'New policy' }).click();
  const policy = page.getByRole('form', { name: 'New policy' });
  await policy.getByLabel('Name').fill('Enterprise e-mail');
  await policy.getByRole('group', { name: 'Tier', exact: true }).getByLabel('Tier 2 high').check();
  await policy.getByRole('group', { name: 'Channel', exact: true }).getByLabel('email').check();
  await policy.getByLabel('Own targets for tier 2').check();
  await policy.getByLabel('First response minutes, tier 2').fill('120');
  await policy.getByLabel('Resolution minutes, tier 2').fill('60');
  await policy.getByLabel('Calendar').selectOption({ label: 'Berlin office' });
  await policy.getByRole('group', { name: 'On breach', exact: true }).getByRole('button', { name: 'Add action' }).click();
  await policy.getByRole('button', { name: 'Create policy' }).click();
  // Resolution shorter than first response: the server says so at that field.
  await page.locator('#policy-t2-resolution-error').filter({ hasText: 'must not be shorter' }).waitFor();
  await expect(policy.getByLabel('Resolution minutes, tier 2').getAttribute('aria-invalid')).resolves.toBe('true');
  await policy.getByLabel('Resolution minutes, tier 2').fill('480');
  await policy.getByRole('button', { name: 'Create policy' }).click();
  const policyRow = page.getByRole('row').filter({ hasText: 'Enterprise e-mail' });
  await policyRow.getByRole('cell', { name: 'T2: 2 h / 8 h / —' }).waitFor();
  await policyRow.getByRole('cell', { name: 'tier 2 · channel email' }).waitFor();
  await policyRow.getByRole('cell', { name: 'Berlin office' }).waitFor();
  await policyRow.getByRole('cell', { name: 'On breach: raise priority' }).waitFor();
  await page.screenshot({ path: `${SHOTS}/admin-sla.png`, fullPage: true });

  // What the browser made is what the API keeps.
  const saved = await apiAs<{ items: { name: string; conditions: unknown; targets: unknown; calendarId: string; escalation: unknown }[] }>(adminToken, '/api/v1/sla/policies');
  const calendars = await apiAs<{ items: { id: string; timeZone: string; holidays: unknown }[] }>(adminToken, '/api/v1/sla/calendars');
  expect(calendars.items[0]).toMatchObject({ timeZone: 'Europe/Berlin', holidays: { country: 'DE', state: 'BY', region: null, dates: ['2026-12-24', '2026-12-31'] } });
  expect(saved.items[0]).toMatchObject({
    name: 'Enterprise e-mail',
    conditions: { tiers: [2], channels: ['email'] },
    targets: { '2': { firstResponseMinutes: 120, resolutionMinutes: 480 } },
    calendarId: calendars.items[0]!.id,
    escalation: { onWarning: [], onBreach: [{ type: 'raise_priority' }] },
  });
  await context.close();
});

it('an admin writes a macro: an unknown placeholder is refused at the text, then the fixed macro previews on a ticket', async () => {
  const ticket = await apiAs<{ id: string; number: number }>(agentToken, '/api/v1/tickets', {
    method: 'POST',
    body: { subject: 'Refund for a double charge', body: 'I was charged twice.', requester: { email: 'grace@customer.test', name: 'Grace Hopper' } },
  });
  const { context, page } = await signIn('admin@example.test');
  await openSection(page, 'Macros', 'Macros');
  await page.getByRole('button', { name: 'New macro' }).click();
  const form = page.getByRole('form', { name: 'New macro' });
  await form.getByLabel('Name').fill('Refund received');
  await form.getByLabel('Text').fill('Hi {{requester.nmae}}, we are on #{{ticket.number}}.');
  await form.getByRole('button', { name: 'Add action' }).click();
  await form.getByLabel('Status').selectOption('pending');
  await form.getByRole('button', { name: 'Add action' }).click();
  await form.getByLabel('Action 2 type').selectOption('add_tags');
  await form.getByLabel('Tags (comma-separated)').fill('refund, billing');
  await form.getByRole('button', { name: 'Create macro' }).click();
  await page.locator('#macro-body-error').filter({ hasText: 'unknown placeholder {{requester.nmae}}' }).waitFor();
  await expect(form.getByLabel('Text').getAttribute('aria-invalid')).resolves.toBe('true');
  await page.screenshot({ path: `${SHOTS}/admin-macro-error.png`, fullPage: true });

  await form.getByLabel('Text').fill('Hi {{requester.firstName | there}}, we are on #{{ticket.number}}.');
  await form.getByRole('button', { name: 'Create macro' }).click();
  const row = page.getByRole('row').filter({ hasText: 'Refund received' });
  await row.getByRole('cell', { name: 'set status pending; add tags refund, billing' }).waitFor();

  await row.getByRole('button', { name: 'Preview Refund received' }).click();
  const preview = page.getByRole('form', { name: 'Preview Refund received on a ticket' });
  await preview.getByLabel('Ticket number or id').fill(`#${ticket.number + 100}`);
  await preview.getByRole('button', { name: 'Show preview' }).click();
  await page.locator('#macro-preview-ticket-error').filter({ hasText: `No ticket #${ticket.number + 100}` }).waitFor();
  await preview.getByLabel('Ticket number or id').fill(`#${ticket.number}`);
  await preview.getByRole('button', { name: 'Show preview' }).click();
  const result = page.getByRole('region', { name: 'Preview result' });
  await result.getByText(`Hi Grace, we are on #${ticket.number}.`).waitFor();
  await result.getByText('status: new → pending').waitFor();
  await result.getByText('tags: none → refund, billing').waitFor();
  await page.screenshot({ path: `${SHOTS}/admin-macro-preview.png`, fullPage: true });
  // A preview writes nothing.
  const after = await apiAs<{ status: string; tags: string[] }>(agentToken, `/api/v1/tickets/${ticket.id}`);
  expect(after).toMatchObject({ status: 'new', tags: [] });
  await context.close();
});

it('an admin creates automations with structured conditions and actions, and reorders them', async () => {
  const { context, page } = await signIn('admin@example.test');
  await openSection(page, 'Automations', 'Automations');

  await page.getByRole('button', { name: 'New automation' }).click();
  let form = page.getByRole('form', { name: 'New automation' });
  await form.getByLabel('Name').fill('Tag big customers');
  await form.getByRole('group', { name: 'All of these hold' }).getByRole('button', { name: 'Add condition' }).click();
  const condition = form.getByRole('group', { name: 'All of these hold: condition 1' });
  await condition.getByLabel('Field').selectOption('requester.domain');
  await condition.getByLabel('Operator').selectOption('is');
  await condition.getByLabel('Value').fill('bigco.test');
  await form.getByLabel('Tags (comma-separated)').fill('bigco');
  await form.getByRole('button', { name: 'Create automation' }).click();
  await page.getByRole('row').filter({ hasText: 'Tag big customers' }).getByRole('cell', { name: 'all: requester.domain is bigco.test' }).waitFor();

  await page.getByRole('button', { name: 'New automation' }).click();
  form = page.getByRole('form', { name: 'New automation' });
  await form.getByLabel('Name').fill('Note on arrival');
  await form.getByLabel('Action 1 type').selectOption('add_note');
  await form.getByLabel('Note (placeholders allowed)').fill('Ticket #{{ticket.number}} arrived.');
  await form.getByRole('button', { name: 'Create automation' }).click();
  // Rows in run order (row 0 is the header).
  const rows = page.getByRole('region', { name: 'Automations' }).getByRole('row');
  await rows.nth(2).filter({ hasText: 'Note on arrival' }).waitFor();

  await page.getByRole('button', { name: 'Move Note on arrival up' }).click();
  await rows.nth(1).filter({ hasText: 'Note on arrival' }).waitFor();
  await rows.nth(2).filter({ hasText: 'Tag big customers' }).waitFor();
  await page.screenshot({ path: `${SHOTS}/admin-automations.png`, fullPage: true });
  const saved = await apiAs<{ items: { name: string; conditions: unknown; actions: unknown }[] }>(adminToken, '/api/v1/automations');
  expect(saved.items.map((r) => r.name)).toEqual(['Note on arrival', 'Tag big customers']);
  expect(saved.items[1]).toMatchObject({ conditions: { all: [{ field: 'requester.domain', operator: 'is', value: 'bigco.test' }], any: [] }, actions: [{ type: 'add_tags', tags: ['bigco'] }] });

  // Switched off from the list, and it stays off.
  await page.getByLabel('Note on arrival active').uncheck();
  await page.reload();
  await page.getByRole('heading', { name: 'Automations', exact: true }).waitFor();
  await page.getByLabel('Tag big customers active').waitFor();
  await expect(page.getByLabel('Note on arrival active').isChecked()).resolves.toBe(false);
  await context.close();
});

it('an admin creates a webhook, sees its secret once, and reads the delivery of a real event in its log', async () => {
  const { context, page } = await signIn('admin@example.test');
  await openSection(page, 'Webhooks', 'Webhooks');
  await page.getByRole('button', { name: 'New webhook' }).click();
  const form = page.getByRole('form', { name: 'New webhook' });
  await form.getByLabel('Name').fill('Receiver');
  await form.getByLabel('URL (http:// or https://)').fill('ftp://example.test/hook');
  const events = form.getByRole('group', { name: 'Events' });
  await events.getByLabel('all events (*)').uncheck();
  await events.getByLabel('ticket.created').check();
  await form.getByRole('button', { name: 'Create webhook' }).click();
  await page.locator('#hook-url-error').filter({ hasText: 'http:// or https://' }).waitFor();
  await form.getByLabel('URL (http:// or https://)').fill(receiver.url);
  await form.getByRole('button', { name: 'Create webhook' }).click();
  const secret = page.getByRole('status').filter({ hasText: 'shown this once' });
  const first = await secret.locator('code', { hasText: 'whsec_' }).textContent();
  expect(first).toMatch(/^whsec_/);
  const row = page.getByRole('row').filter({ hasText: 'Receiver' });
  await row.getByRole('cell', { name: 'ticket.created' }).waitFor();

  // A real event: the ticket is created through the API, the delivery job runs, the receiver answers 200.
  await apiAs(agentToken, '/api/v1/tickets', { method: 'POST', body: { subject: 'Hook me', body: 'Please.', requester: { email: 'hook@customer.test' } } });
  await suite.server.deps.jobs.drain();
  expect(receiver.requests.some((r) => r.headers['x-frontline-event'] === 'ticket.created')).toBe(true);
  await row.getByRole('button', { name: 'Deliveries of Receiver' }).click();
  const log = page.getByRole('region', { name: 'Deliveries of Receiver' });
  await log.getByRole('button', { name: 'Refresh' }).click();
  const delivery = log.getByRole('row').filter({ hasText: 'ticket.created' });
  await delivery.getByRole('cell', { name: 'delivered' }).waitFor();
  await delivery.getByRole('cell', { name: 'HTTP 200' }).waitFor();
  // Refresh also brings the subscription's own last delivery time.
  await row.getByRole('cell', { name: 'never', exact: true }).waitFor({ state: 'detached' });
  await page.screenshot({ path: `${SHOTS}/admin-webhooks.png`, fullPage: true });

  await page.getByRole('button', { name: 'I have stored it' }).click();
  await row.getByRole('button', { name: 'Rotate secret of Receiver' }).click();
  const second = await page.getByRole('status').filter({ hasText: 'shown this once' }).locator('code', { hasText: 'whsec_' }).textContent();
  expect(second).toMatch(/^whsec_/);
  expect(second).not.toBe(first);
  await row.getByLabel('Receiver active').uncheck();
  await row.getByRole('cell', { name: 'ok', exact: true }).waitFor();
  const hooks = await apiAs<{ items: { active: boolean }[] }>(adminToken, '/api/v1/webhooks');
  expect(hooks.items[0]!.active).toBe(false);
  await context.close();
});

it('an agent sees none of these panels and a lead sees only macros among them', async () => {
  const agent = await signIn('agent@example.test');
  await expect(agent.page.getByRole('link', { name: 'Admin' }).count()).resolves.toBe(0);
  for (const section of ['sla', 'automations', 'macros', 'webhooks']) {
    await agent.page.goto(`${suite.server.url}/app/admin/${section}`);
    await agent.page.getByRole('heading', { name: 'Not allowed' }).waitFor();
  }
  await agent.context.close();

  const lead = await signIn('lead@example.test');
  await lead.page.goto(`${suite.server.url}/app/admin/sla`);
  const nav = lead.page.getByRole('navigation', { name: 'Admin' });
  await nav.getByRole('button', { name: 'Macros' }).waitFor();
  for (const label of ['SLA policies and calendars', 'Automations', 'Webhooks']) await expect(nav.getByRole('button', { name: label }).count()).resolves.toBe(0);
  await expect(lead.page.getByRole('heading', { name: 'SLA policies' }).count()).resolves.toBe(0);
  await nav.getByRole('button', { name: 'Macros' }).click();
  await lead.page.getByRole('row').filter({ hasText: 'Refund received' }).waitFor();
  await lead.context.close();
});

it('has no serious accessibility violations on these panels with their editors open, in light and dark', async () => {
  const { context, page } = await signIn('admin@example.test');
  const panels = [
    ['SLA policies and calendars', 'SLA policies', ['New policy', 'New calendar']],
    ['Automations', 'Automations', ['New automation']],
    ['Macros', 'Macros', ['New macro']],
    ['Webhooks', 'Webhooks', ['New webhook', 'Deliveries of Receiver']],
  ] as const;
  for (const [label, heading, open] of panels) {
    await openSection(page, label, heading);
    for (const name of open) await page.getByRole('button', { name }).click();
    await page.getByRole('form').first().waitFor();
    for (const theme of ['light', 'dark']) {
      await page.getByLabel('Theme').selectOption(theme);
      expect(await seriousViolations(page), `${label} (${theme})`).toEqual([]);
    }
    await page.screenshot({ path: `${SHOTS}/admin-${heading.toLowerCase().replace(/ /g, '-')}-dark.png`, fullPage: true });
    await page.getByLabel('Theme').selectOption('light');
  }
  await context.close();
});
