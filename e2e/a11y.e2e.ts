import { beforeAll, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../src/platform/auth/principal.js';
import { createTicket } from '../src/tickets/tickets.service.js';
import { seriousViolations } from './axe.js';
import { addStaff, browserSuite, SHOTS } from './suite.js';

const suite = browserSuite();


beforeAll(async () => {
  await addStaff(suite.server.deps, 'admin');
  await createTicket(suite.server.deps, SYSTEM_ACTOR, { subject: 'Checkout is down for everyone', body: 'Nobody can pay, error 502 at checkout.', requester: { email: 'ops@shop.example', name: 'Olga' }, priority: 1 });
  await createTicket(suite.server.deps, SYSTEM_ACTOR, { subject: 'How do I change my invoice address?', body: 'We moved offices.', requester: { email: 'finance@shop.example' }, priority: 4 });
});

it('has no serious accessibility violations on the inbox, ticket, chats, knowledge and admin screens, in light and dark', async () => {
  const { context, page } = await suite.signIn('admin@example.test');
  await page.getByRole('button', { name: 'All open' }).click();
  await page.getByRole('listitem').filter({ hasText: 'Checkout is down' }).waitFor();
  for (const theme of ['light', 'dark']) {
    await page.getByLabel('Theme').selectOption(theme);
    await page.getByRole('link', { name: 'Inbox' }).click();
    await page.getByRole('listitem').filter({ hasText: 'Checkout is down' }).waitFor();
    expect(await seriousViolations(page), `inbox (${theme})`).toEqual([]);
    await page.screenshot({ path: `${SHOTS}/inbox-${theme}.png` });
    await page.getByRole('listitem').filter({ hasText: 'Checkout is down' }).click();
    await page.getByRole('heading', { name: 'Triage' }).waitFor();
    expect(await seriousViolations(page), `ticket (${theme})`).toEqual([]);
    await page.screenshot({ path: `${SHOTS}/ticket-${theme}.png` });
    await page.getByRole('link', { name: /^Chats/ }).click();
    await page.getByRole('heading', { name: 'Chats' }).waitFor();
    expect(await seriousViolations(page), `chats (${theme})`).toEqual([]);
    await page.getByRole('link', { name: 'Knowledge' }).click();
    await page.getByRole('heading', { name: 'Articles' }).waitFor();
    expect(await seriousViolations(page), `knowledge (${theme})`).toEqual([]);
    await page.getByRole('button', { name: 'New article' }).click();
    await page.getByRole('heading', { name: 'New article' }).waitFor();
    expect(await seriousViolations(page), `article editor (${theme})`).toEqual([]);
    await page.getByRole('link', { name: 'Admin' }).click();
    await page.getByRole('heading', { name: 'Users and roles' }).waitFor();
    await page.getByRole('cell', { name: 'admin@example.test' }).waitFor();
    expect(await seriousViolations(page), `admin (${theme})`).toEqual([]);
    await page.screenshot({ path: `${SHOTS}/admin-${theme}.png` });
  }
  await context.close();
});

it('has no serious accessibility violations on the public help center', async () => {
  // The help center's CSP (rightly) refuses injected scripts: axe is let in by bypassing it in this context only.
  const context = await suite.browser.newContext({ bypassCSP: true });
  const page = await context.newPage();
  for (const path of ['/help', '/help/search?q=password', '/help/contact']) {
    await page.goto(`${suite.server.url}${path}`);
    expect(await seriousViolations(page), path).toEqual([]);
  }
  await page.screenshot({ path: `${SHOTS}/help-center.png` });
  await context.close();
});

it('lists shortcuts on ?, moves with g i, and shows a banner while the live connection is down', async () => {
  const { context, page } = await suite.signIn('admin@example.test');
  await page.getByRole('button', { name: 'All open' }).click();
  await page.getByRole('listitem').filter({ hasText: 'Checkout is down' }).click();
  await page.getByRole('heading', { name: 'Triage' }).waitFor();
  await page.keyboard.press('?');
  const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await dialog.waitFor();
  expect(await seriousViolations(page), 'shortcuts dialog').toEqual([]);
  await page.screenshot({ path: `${SHOTS}/shortcuts.png` });
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'hidden' });
  await page.keyboard.press('g');
  await page.keyboard.press('i');
  await page.getByRole('heading', { name: 'All open' }).waitFor();

  suite.server.dropWebSockets(3_000);
  const banner = page.getByText('Connection lost — reconnecting…');
  await banner.waitFor();
  await page.screenshot({ path: `${SHOTS}/connection-lost.png` });
  await banner.waitFor({ state: 'detached', timeout: 20_000 });
  // Back live: a new ticket appears without a reload.
  await createTicket(suite.server.deps, SYSTEM_ACTOR, { subject: 'After the reconnect', body: 'Hello again.', requester: { email: 'again@shop.example' }, priority: 2 });
  await page.getByRole('listitem').filter({ hasText: 'After the reconnect' }).waitFor({ timeout: 5_000 });
  await context.close();
});
