import { beforeAll, expect, it } from 'vitest';
import { createToken } from '../src/accounts/tokens.service.js';
import { SYSTEM_ACTOR } from '../src/platform/auth/principal.js';
import { addStaff, browserSuite, SHOTS } from './suite.js';

const suite = browserSuite();

let agentToken: string;

beforeAll(async () => {
  await addStaff(suite.server.deps, 'admin');
  const agent = await addStaff(suite.server.deps, 'agent');
  agentToken = (await createToken(suite.server.deps, SYSTEM_ACTOR, { userId: agent.id, name: 'e2e' })).token;
});

const { signIn } = suite;

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
  await page.goto(`${suite.server.url}/app/admin/users`);
  await page.getByRole('heading', { name: 'Not allowed' }).waitFor();
  await expect(page.getByRole('heading', { name: 'Users and roles' }).count()).resolves.toBe(0);
  const res = await fetch(`${suite.server.url}/api/v1/users`, { method: 'POST', headers: { authorization: `Bearer ${agentToken}`, 'content-type': 'application/json' }, body: JSON.stringify({ email: 'x@example.test', name: 'X', role: 'admin' }) });
  expect(res.status).toBe(403);
  const incidents = await fetch(`${suite.server.url}/api/v1/incidents/settings`, { method: 'PUT', headers: { authorization: `Bearer ${agentToken}`, 'content-type': 'application/json' }, body: JSON.stringify({ enabled: false, minTickets: 3, windowMinutes: 30, minScore: 0.5 }) });
  expect(incidents.status).toBe(403);
  await context.close();
});
