import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { createToken } from '../src/accounts/tokens.service.js';
import { createUser } from '../src/accounts/users.service.js';
import { SYSTEM_ACTOR } from '../src/platform/auth/principal.js';
import { launchBrowser, signIn as signInAs } from './browser.js';
import { startServer } from './server.js';

let server: Awaited<ReturnType<typeof startServer>>;
let browser: Browser;
let agentToken: string;
const SHOTS = 'e2e/artifacts';
const PASSWORD = 'correct horse battery';

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  mkdirSync(SHOTS, { recursive: true });
  await createUser(server.deps, SYSTEM_ACTOR, { email: 'admin@example.test', name: 'Ada Admin', role: 'admin', password: PASSWORD });
  const agent = await createUser(server.deps, SYSTEM_ACTOR, { email: 'agent@example.test', name: 'Andy Agent', role: 'agent', password: PASSWORD });
  agentToken = (await createToken(server.deps, SYSTEM_ACTOR, { userId: agent.id, name: 'e2e' })).token;
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const signIn = (email: string) => signInAs(browser, server.url, email, PASSWORD);

it('an admin adds a user; the server’s field errors show beside the fields', async () => {
  const { context, page } = await signIn('admin@example.test');
  await page.getByRole('link', { name: 'Admin' }).click();
  await page.getByRole('heading', { name: 'Users and roles' }).waitFor();
  const form = page.getByRole('form', { name: 'Add a user' });
  await form.getByLabel('E-mail').fill('not-an-address');
  await form.getByLabel('Name').fill('Nina New');
  await form.getByRole('button', { name: 'Add user' }).click();
  const emailError = page.locator('#user-email-error');
  await emailError.filter({ hasText: /\S/ }).waitFor();
  await expect(page.getByLabel('E-mail', { exact: true }).getAttribute('aria-invalid')).resolves.toBe('true');
  await page.screenshot({ path: `${SHOTS}/admin-users-error.png` });
  await form.getByLabel('E-mail').fill('nina@example.test');
  await form.getByRole('button', { name: 'Add user' }).click();
  await page.getByRole('cell', { name: 'nina@example.test' }).waitFor();
  await page.getByRole('button', { name: 'Groups and routing' }).click();
  await page.getByRole('form', { name: 'Add a group' }).getByLabel('New group').fill('Billing');
  await page.getByRole('button', { name: 'Add group' }).click();
  await page.getByRole('button', { name: 'Billing' }).waitFor();
  await page.screenshot({ path: `${SHOTS}/admin-groups.png` });
  await context.close();
});

it('an agent cannot reach the admin area: no link, a guarded page, and 403 from the API', async () => {
  const { context, page } = await signIn('agent@example.test');
  await expect(page.getByRole('link', { name: 'Admin' }).count()).resolves.toBe(0);
  await page.goto(`${server.url}/app/admin/users`);
  await page.getByRole('heading', { name: 'Not allowed' }).waitFor();
  await expect(page.getByRole('heading', { name: 'Users and roles' }).count()).resolves.toBe(0);
  const res = await fetch(`${server.url}/api/v1/users`, { method: 'POST', headers: { authorization: `Bearer ${agentToken}`, 'content-type': 'application/json' }, body: JSON.stringify({ email: 'x@example.test', name: 'X', role: 'admin' }) });
  expect(res.status).toBe(403);
  const incidents = await fetch(`${server.url}/api/v1/incidents/settings`, { method: 'PUT', headers: { authorization: `Bearer ${agentToken}`, 'content-type': 'application/json' }, body: JSON.stringify({ enabled: false, minTickets: 3, windowMinutes: 30, minScore: 0.5 }) });
  expect(incidents.status).toBe(403);
  await context.close();
});
