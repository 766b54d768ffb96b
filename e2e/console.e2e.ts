import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { createUser } from '../src/accounts/users.service.js';
import { SYSTEM_ACTOR } from '../src/platform/auth/principal.js';
import { createTicket } from '../src/tickets/tickets.service.js';
import { launchBrowser } from './browser.js';
import { startServer } from './server.js';

let server: Awaited<ReturnType<typeof startServer>>;
let browser: Browser;
const SHOTS = 'e2e/artifacts';

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  mkdirSync(SHOTS, { recursive: true });
  await createUser(server.deps, SYSTEM_ACTOR, { email: 'admin@example.test', name: 'Ada Admin', role: 'admin', password: 'correct horse battery' });
  await createUser(server.deps, SYSTEM_ACTOR, { email: 'agent@example.test', name: 'Andy Agent', role: 'agent', password: 'correct horse battery' });
  await createTicket(server.deps, SYSTEM_ACTOR, { subject: 'Checkout is down for everyone', body: 'Nobody can pay, error 502 at checkout.', requester: { email: 'ops@shop.example', name: 'Olga' }, priority: 1 });
  await createTicket(server.deps, SYSTEM_ACTOR, { subject: 'How do I change my invoice address?', body: 'We moved offices.', requester: { email: 'finance@shop.example' }, priority: 4 });
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

it('signs in, finds a Tier 1 ticket in the inbox, replies and leaves it pending', async () => {
  const page = await browser.newPage();
  await page.goto(`${server.url}/app/`);
  await page.getByLabel('E-mail').fill('admin@example.test');
  await page.getByLabel('Password').fill('correct horse battery');
  await page.getByRole('button', { name: 'Sign in' }).click();
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
  await expect(page.getByLabel('Status', { exact: true }).inputValue()).resolves.toBe('pending');
  await page.screenshot({ path: `${SHOTS}/ticket.png` });
  await page.close();
});

it('keeps a half-written reply across a reload', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${server.url}/app/`);
  await page.getByLabel('E-mail').fill('agent@example.test');
  await page.getByLabel('Password').fill('correct horse battery');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('button', { name: 'All open' }).click();
  await page.getByRole('listitem').filter({ hasText: 'invoice address' }).click();
  await page.getByLabel('Message').fill('Draft that must survive');
  await page.reload();
  await expect(page.getByLabel('Message').inputValue()).resolves.toBe('Draft that must survive');
  await context.close();
});
