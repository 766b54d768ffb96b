import { beforeAll, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../src/platform/auth/principal.js';
import { createTicket } from '../src/tickets/tickets.service.js';
import { addStaff, browserSuite, SHOTS } from './suite.js';

const suite = browserSuite();


beforeAll(async () => {
  await addStaff(suite.server.deps, 'lead');
});

it('an article written in the console (Markdown, sanitised preview, revisions) is published and visible in the public help center', async () => {
  const { context, page } = await suite.signIn('lead@example.test');
  await page.getByRole('link', { name: 'Knowledge' }).click();
  await page.getByRole('button', { name: 'New article' }).click();

  // Validation comes from the server and sits beside the field.
  await page.getByRole('button', { name: 'Create article' }).click();
  await page.locator('#article-title-error').filter({ hasText: /\S/ }).waitFor();

  await page.getByLabel('Title').fill('Resetting a forgotten password');
  await page.getByLabel('Body (Markdown)').fill('## Steps\n\n1. Open **Sign in**\n2. Choose *Forgot password*\n\nSee [bad](javascript:alert(1)) and <img src=x onerror="window.hacked=2">\n\n<script>window.hacked = 1</script>');
  const preview = page.getByTestId('preview');
  await preview.getByRole('heading', { name: 'Steps' }).waitFor();
  await expect(preview.locator('strong').textContent()).resolves.toBe('Sign in');
  await expect(preview.locator('script').count()).resolves.toBe(0);
  await expect(preview.locator('a').getAttribute('href')).resolves.toBeNull();
  await expect(preview.locator('img').getAttribute('onerror')).resolves.toBeNull();
  await expect(page.evaluate(() => (globalThis as unknown as { hacked?: number }).hacked)).resolves.toBeUndefined();
  await page.getByRole('button', { name: 'Create article' }).click();
  await page.getByRole('heading', { name: 'Edit article' }).waitFor();
  await page.getByRole('list').filter({ hasText: '#1' }).waitFor();

  await page.getByLabel('Status').selectOption('published');
  await page.getByRole('button', { name: 'Save' }).click();
  await page.getByText('Saved.').waitFor();
  await page.getByText(/#2 · Published/).waitFor();
  await page.screenshot({ path: `${SHOTS}/article-editor.png` });

  // On a ticket about it, the server's suggested reply lands in the composer (never sent by itself).
  const ticket = await createTicket(suite.server.deps, SYSTEM_ACTOR, { subject: 'I forgot my password', body: 'How do I reset a forgotten password?', requester: { email: 'pat@shop.example' }, priority: 3 });
  await page.goto(`${suite.server.url}/app/tickets/${ticket.id}`);
  await page.getByRole('button', { name: 'Suggest a reply' }).click();
  await expect.poll(() => page.getByLabel('Message').inputValue(), { timeout: 15_000 }).not.toBe('');
  await context.close();

  // The public help center (no sign-in): the search finds it and the article page renders it.
  const visitor = await suite.browser.newContext();
  const help = await visitor.newPage();
  await help.goto(`${suite.server.url}/help/search?q=forgotten%20password`);
  await help.getByRole('link', { name: 'Resetting a forgotten password' }).click();
  await help.getByRole('heading', { name: 'Resetting a forgotten password' }).waitFor();
  await help.getByRole('heading', { name: 'Steps' }).waitFor();
  await help.screenshot({ path: `${SHOTS}/help-article.png` });
  await visitor.close();
});
