import { beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { createGuide } from '../src/guides/guides.service.js';
import { answerRun, attachRunToTicket, startRun } from '../src/guides/runs.service.js';
import { createMacro } from '../src/macros/macros.service.js';
import { SYSTEM_ACTOR, type Actor } from '../src/platform/auth/principal.js';
import { recordAnswer } from '../src/surveys/surveys.service.js';
import { createOrganisation } from '../src/tickets/organisations.service.js';
import { createTicket, updateTicket } from '../src/tickets/tickets.service.js';
import { seriousViolations } from './axe.js';
import { addStaff, browserSuite, SHOTS } from './suite.js';

const suite = browserSuite();

let refundTicket: { id: string; number: number };
const CUSTOMER: Actor = { type: 'customer', id: null, label: 'customer (survey link)' };
const VISITOR: Actor = { type: 'customer', id: null, label: 'help center visitor' };

beforeAll(async () => {
  const deps = suite.server.deps;
  await addStaff(deps, 'agent');
  await createOrganisation(deps, SYSTEM_ACTOR, { name: 'Shop Co', domains: ['shop.example'], plan: 'enterprise', vip: true });
  const olga = { email: 'olga@shop.example', name: 'Olga Ortiz' };

  // An earlier ticket, solved and rated well.
  const invoice = await createTicket(deps, SYSTEM_ACTOR, { subject: 'Cannot download my invoice', body: 'The PDF link is broken.', requester: olga, priority: 4 });
  await updateTicket(deps, SYSTEM_ACTOR, invoice.id, { status: 'solved' });
  await recordAnswer(deps, CUSTOMER, invoice.id, { rating: 5, comment: 'Fast and friendly' }, 'email');
  // A colleague's ticket (same organisation).
  await createTicket(deps, SYSTEM_ACTOR, { subject: 'Add a second admin to our account', body: 'Please add Sam.', requester: { email: 'sam@shop.example', name: 'Sam Shop' }, priority: 3 });

  // The ticket the agent works: solved once, rated badly, reopened.
  const refund = await createTicket(deps, SYSTEM_ACTOR, { subject: 'Refund for a double charge', body: 'I was charged twice for order 1042.', requester: olga, priority: 2 });
  refundTicket = refund;
  await updateTicket(deps, SYSTEM_ACTOR, refund.id, { status: 'solved' });
  await recordAnswer(deps, CUSTOMER, refund.id, { rating: 2, comment: 'Still charged twice' }, 'email');
  await updateTicket(deps, SYSTEM_ACTOR, refund.id, { status: 'open' });

  await createMacro(deps, SYSTEM_ACTOR, {
    name: 'Refund issued',
    body: 'Hi {{requester.firstName}}, the refund for #{{ticket.number}} is on its way.',
    actions: [
      { type: 'add_tags', tags: ['refund'] },
      { type: 'set_fields', status: 'pending' },
    ],
  });
  await createMacro(deps, SYSTEM_ACTOR, { name: 'Escalate to billing', body: 'Escalating.', visibility: 'internal' });

  const guide = await createGuide(deps, SYSTEM_ACTOR, {
    title: 'Refund not received',
    visibility: 'public',
    status: 'published',
    startNodeId: 'issued',
    nodes: [
      { id: 'issued', type: 'question', title: 'Was the refund issued more than 5 days ago?', options: [{ label: 'Yes', next: 'arn' }, { label: 'No', next: 'wait' }] },
      { id: 'arn', type: 'step', title: 'Give the customer the ARN to show their bank', next: 'traced' },
      { id: 'wait', type: 'outcome', title: 'Ask the customer to wait 5 working days', outcome: 'solved' },
      { id: 'traced', type: 'outcome', title: 'Refund traced with the bank', outcome: 'solved' },
    ],
  });
  // The customer tried the guide in the help center first and gave up: the run is attached to the ticket.
  const run = await startRun(deps, VISITOR, guide.id, { channel: 'helpcenter' });
  await answerRun(deps, VISITOR, run.id, { nodeId: 'issued', option: 0 });
  await attachRunToTicket(deps, VISITOR, run.id, refund.id);
});

const signIn = async (email: string): Promise<Page> => (await suite.signIn(email)).page;

it('on a ticket: previews and applies a macro into the composer, shows CSAT, history and guide runs, and runs a guide to its outcome', async () => {
  const page = await signIn('agent@example.test');
  await page.goto(`${suite.server.url}/app/tickets/${refundTicket.id}`);
  await page.getByRole('heading', { name: /Refund for a double charge/ }).waitFor();

  // CSAT: the customer's answer, with the comment.
  const csat = page.getByRole('region', { name: 'Satisfaction' });
  await csat.getByText('Rated 2/5 (Unhappy)').waitFor();
  await csat.getByText('Still charged twice').waitFor();

  // The customer's help-center run, attached when they opened the ticket.
  const guides = page.getByRole('region', { name: 'Guides' });
  const customerRun = guides.getByText('Refund not received').first();
  await customerRun.waitFor();
  await guides.getByText(/opened this ticket · customer, help center/).waitFor();
  await customerRun.click();
  await guides.getByText('→ Yes').waitFor();

  // Macros from the keyboard: m opens the picker with the search focused, Enter previews the first match.
  await page.keyboard.press('m');
  const picker = page.getByRole('region', { name: 'Macros' });
  await picker.getByRole('button', { name: 'Escalate to billing' }).waitFor();
  const search = page.getByLabel('Search macros');
  await expect.poll(() => search.evaluate((el) => el === (globalThis as unknown as { document: { activeElement: unknown } }).document.activeElement)).toBe(true);
  await page.keyboard.type('refund');
  await expect(picker.getByRole('button', { name: 'Escalate to billing' }).count()).resolves.toBe(0);
  await page.keyboard.press('Enter');
  await picker.getByText(`Hi Olga, the refund for #${refundTicket.number} is on its way.`).waitFor();
  await picker.getByText('status: open → pending (when you send the reply)').waitFor();
  await picker.getByText('tags: — → refund').waitFor();
  expect(await seriousViolations(page), 'ticket page with the macro picker').toEqual([]);
  await page.screenshot({ path: `${SHOTS}/ticket-macro-preview.png` });
  await picker.getByRole('button', { name: 'Apply macro' }).click();

  // The composer holds the reply (not sent), the tag is applied, the status waits for the reply.
  await expect.poll(() => page.getByLabel('Message').inputValue()).toBe(`Hi Olga, the refund for #${refundTicket.number} is on its way.`);
  await page.getByText(/Tags: .*refund/).waitFor();
  await expect(page.getByLabel('After sending, set').inputValue()).resolves.toBe('pending');
  await expect(page.getByLabel('Status', { exact: true }).inputValue()).resolves.toBe('open');
  await page.getByRole('button', { name: 'Send reply' }).click();
  await page.locator('.message.public').filter({ hasText: 'the refund for' }).waitFor();
  await expect.poll(() => page.getByLabel('Status', { exact: true }).inputValue()).toBe('pending');

  // History: who changed what, automations marked as such.
  await page.getByText('History', { exact: true }).click();
  const history = page.getByRole('region', { name: 'History' });
  await history.getByText('applied a macro').waitFor();
  await history.getByText('rated the support').waitFor();
  await history.getByText('tags: — → refund').waitFor();
  await expect(history.getByText(/^Automation: /).count()).resolves.toBeGreaterThan(0);
  await history.getByText('agent@example.test').first().waitFor();

  // Run the guide inside the ticket, step by step, to its outcome.
  await guides.getByRole('button', { name: 'Run a guide' }).click();
  await guides.getByLabel('Guide', { exact: true }).selectOption({ label: 'Refund not received' });
  await guides.getByRole('button', { name: 'Start' }).click();
  const runner = page.getByRole('group', { name: 'Guide: Refund not received' });
  await runner.getByRole('heading', { name: 'Was the refund issued more than 5 days ago?' }).waitFor();
  await runner.getByRole('button', { name: 'Yes' }).click();
  await runner.getByRole('heading', { name: 'Give the customer the ARN to show their bank' }).waitFor();
  await page.keyboard.press('Tab');
  await expect(page.evaluate(() => (globalThis as unknown as { document: { activeElement: { textContent: string } | null } }).document.activeElement?.textContent)).resolves.toBe('Continue');
  await page.keyboard.press('Enter');
  await runner.getByText('Outcome: solved').waitFor();
  await runner.getByRole('heading', { name: 'Refund traced with the bank' }).waitFor();
  // The path lands on the ticket as an internal note, and the run is listed as the agent's.
  await page.locator('.message.internal').filter({ hasText: 'Refund traced with the bank' }).waitFor();
  await guides.getByText(/solved · agent/).waitFor();
  expect(await seriousViolations(page), 'ticket page with panels and a finished guide').toEqual([]);
  await page.screenshot({ path: `${SHOTS}/ticket-panels.png`, fullPage: true });
  await page.close();
});

it('follows the requester to the customer page (tickets, CSAT, edit) and on to the organisation', async () => {
  const page = await signIn('agent@example.test');
  await page.goto(`${suite.server.url}/app/tickets/${refundTicket.id}`);
  await page.getByRole('link', { name: 'Olga Ortiz' }).click();

  await page.getByRole('heading', { name: 'Olga Ortiz' }).waitFor();
  expect(page.url()).toMatch(/\/app\/customers\/[0-9a-f-]+$/);
  await page.getByText('olga@shop.example').first().waitFor();
  await page.getByText('enterprise').waitFor();
  const tickets = page.getByRole('region', { name: 'Tickets' });
  await tickets.getByRole('link', { name: /Refund for a double charge/ }).waitFor();
  await tickets.getByRole('link', { name: /Cannot download my invoice/ }).waitFor();
  await expect(tickets.getByRole('link', { name: /second admin/ }).count()).resolves.toBe(0);
  const csat = page.getByRole('region', { name: 'Satisfaction' });
  await csat.getByText('3.50').waitFor();
  await csat.getByText('Fast and friendly').waitFor();
  await csat.getByText('Still charged twice').waitFor();
  expect(await seriousViolations(page), 'customer page').toEqual([]);
  await page.screenshot({ path: `${SHOTS}/customer.png`, fullPage: true });
  await page.getByLabel('Theme').selectOption('dark');
  expect(await seriousViolations(page), 'customer page (dark)').toEqual([]);
  await page.screenshot({ path: `${SHOTS}/customer-dark.png`, fullPage: true });

  // An agent may correct the name.
  await page.getByRole('button', { name: 'Edit details' }).click();
  const form = page.getByRole('form', { name: 'Edit customer' });
  await form.getByLabel('Name').fill('Olga M. Ortiz');
  await form.getByRole('button', { name: 'Save' }).click();
  await page.getByRole('heading', { name: 'Olga M. Ortiz' }).waitFor();

  // On to the organisation: details, domains, members and their tickets.
  await page.getByRole('link', { name: 'Shop Co' }).click();
  await page.getByRole('heading', { name: /Shop Co/ }).waitFor();
  await page.getByText('shop.example', { exact: true }).waitFor();
  const members = page.getByRole('region', { name: 'Members' });
  await members.getByRole('link', { name: 'Olga M. Ortiz' }).waitFor();
  await members.getByRole('link', { name: 'Sam Shop' }).waitFor();
  await page.getByRole('region', { name: 'Tickets' }).getByRole('link', { name: /second admin/ }).waitFor();
  await page.getByRole('region', { name: 'Satisfaction' }).getByText('3.50').waitFor();
  // Only admins manage organisations.
  await expect(page.getByRole('button', { name: 'Edit organisation' }).count()).resolves.toBe(0);
  expect(await seriousViolations(page), 'organisation page').toEqual([]);
  await page.screenshot({ path: `${SHOTS}/organisation.png`, fullPage: true });

  // The lists: customers found by search, organisations listed.
  await page.getByRole('link', { name: 'Customers' }).click();
  await page.getByLabel('Search customers').fill('sam');
  await expect.poll(() => page.getByRole('cell', { name: 'olga@shop.example' }).count()).toBe(0);
  await page.getByRole('cell', { name: 'sam@shop.example' }).waitFor();
  await page.getByRole('row', { name: /Sam Shop/ }).getByRole('link', { name: 'Shop Co' }).waitFor();
  expect(await seriousViolations(page), 'customer list').toEqual([]);
  await page.getByRole('navigation', { name: 'People' }).getByRole('button', { name: 'Organisations' }).click();
  await page.getByRole('heading', { name: 'Organisations' }).waitFor();
  await page.getByRole('cell', { name: 'shop.example' }).waitFor();
  await page.close();
});
