import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser } from './browser.js';
import { startServer } from './server.js';

let server: Awaited<ReturnType<typeof startServer>>;
let browser: Browser;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

it('renders the interactive API reference with the ticket operations', async () => {
  const page = await browser.newPage();
  await page.goto(`${server.url}/api/docs`);
  await page.getByText('Frontline API').first().waitFor();
  await expect(page.locator('.opblock-summary-path', { hasText: '/api/v1/tickets/{id}/messages' }).first().isVisible()).resolves.toBe(true);
  // Expanding an operation shows its request schema, generated from the zod route schema.
  await page.locator('.opblock-post .opblock-summary', { hasText: '/api/v1/tickets' }).first().click();
  await page.getByText('requester').first().waitFor();
  await page.close();
});

it('shows an API error as a problem document in the browser', async () => {
  const page = await browser.newPage();
  const response = await page.goto(`${server.url}/api/v1/tickets`);
  expect(response?.status()).toBe(401);
  expect(response?.headers()['content-type']).toContain('application/problem+json');
  expect(JSON.parse(await page.locator('body').innerText())).toMatchObject({ code: 'unauthenticated', status: 401 });
  await page.close();
});
