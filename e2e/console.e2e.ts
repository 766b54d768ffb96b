import { beforeAll, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../src/platform/auth/principal.js';
import { createTicket } from '../src/tickets/tickets.service.js';
import { addStaff, browserSuite, SHOTS } from './suite.js';

const suite = browserSuite();


beforeAll(async () => {
  await addStaff(suite.server.deps, 'admin');
  await addStaff(suite.server.deps, 'agent');
  await createTicket(suite.server.deps, SYSTEM_ACTOR, { subject: 'Checkout is down for everyone', body: 'Nobody can pay, error 502 at checkout.', requester: { email: 'ops@shop.example', name: 'Olga' }, priority: 1 });
  await createTicket(suite.server.deps, SYSTEM_ACTOR, { subject: 'How do I change my invoice address?', body: 'We moved offices.', requester: { email: 'finance@shop.example' }, priority: 4 });
});

it('signs in, finds a Tier 1 ticket in the inbox, replies and leaves it pending', async () => {
  const { context, page } = await suite.signIn('admin@example.test');
  await page.getByRole('button', { name: 'All open' }).click();
  const row = page.getByRole('listitem').filter({ hasText: 'Checkout is down for everyone' });
  await expect(row.getByText('Tier 1').isVisible()).resolves.toBe(true);
  await page.screenshot({ path: `${SHOTS}/inbox.png` });
  await row.click();
  await page.getByRole('heading', { name: /Checkout is down for everyone/ }).waitFor();
  await expect(page.getByRole('heading', { name: 'Triage' }).isVisible()).resolves.toBe(true);
  await page.getByLabel('Message').fill('We are on it: the payment provider is failing; updates within the hour.');
  await page.getByRole('button', { name: 'Send reply' }).click();
  await page.getByText('We are on it: the payment provider is failing').waitFor();
  // The live stream may show the reply a moment before the ticket's reload brings its new status.
  await expect.poll(() => page.getByLabel('Status', { exact: true }).inputValue(), { timeout: 10_000 }).toBe('pending');
  await page.screenshot({ path: `${SHOTS}/ticket.png` });
  await context.close();
});

it('keeps a half-written reply across a reload', async () => {
  const { context, page } = await suite.signIn('agent@example.test');
  await page.getByRole('button', { name: 'All open' }).click();
  await page.getByRole('listitem').filter({ hasText: 'invoice address' }).click();
  await page.getByLabel('Message').fill('Draft that must survive');
  await page.reload();
  await expect(page.getByLabel('Message').inputValue()).resolves.toBe('Draft that must survive');
  await context.close();
});

it('lists waiting tickets by SLA deadline, filters and sorts them, and keeps a filter as a saved view', async () => {
  await createTicket(suite.server.deps, SYSTEM_ACTOR, { subject: 'Export to CSV fails for large accounts', body: 'The export stops with an error.', requester: { email: 'data@shop.example' }, priority: 2 });
  const { context, page } = await suite.signIn('agent@example.test');
  const rows = page.getByTestId('ticket-list').getByRole('listitem');
  await page.getByRole('button', { name: 'SLA at risk' }).click();
  await page.getByRole('heading', { name: 'SLA at risk' }).waitFor();
  // Tier 2 (first response due in 4 h) before Tier 4 (48 h); the pending ticket's clock is paused.
  await rows.filter({ hasText: 'invoice address' }).waitFor();
  await expect(rows.allInnerTexts()).resolves.toEqual([expect.stringContaining('Export to CSV fails'), expect.stringContaining('invoice address')]);
  await page.getByLabel('Tier').selectOption('4');
  await rows.filter({ hasText: 'Export to CSV' }).waitFor({ state: 'detached' });
  await expect(rows.count()).resolves.toBe(1);
  await page.getByLabel('Save what is shown as a view').fill('Tier 4 waiting');
  await page.getByRole('button', { name: 'Save view' }).click();
  await page.getByRole('heading', { name: 'Tier 4 waiting' }).waitFor();
  await page.reload();
  await page.getByRole('heading', { name: 'Tier 4 waiting' }).waitFor();
  await rows.filter({ hasText: 'invoice address' }).waitFor();
  await expect(rows.count()).resolves.toBe(1);
  // Sorting within a view: All open by priority puts Tier 2 above Tier 4.
  await page.getByRole('button', { name: 'All open' }).click();
  await page.getByLabel('Sort by').selectOption('priority');
  await rows.first().filter({ hasText: 'Checkout is down' }).waitFor();
  await page.getByRole('button', { name: 'Tier 4 waiting' }).click();
  await page.getByRole('button', { name: 'Delete “Tier 4 waiting”' }).click();
  await expect(page.getByRole('button', { name: 'Tier 4 waiting' }).count()).resolves.toBe(0);
  await context.close();
});
