import { beforeAll, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { listGuides } from '../src/guides/guides.service.js';
import { createArticle, deleteArticle } from '../src/kb/articles.service.js';
import { searchArticles } from '../src/kb/search.service.js';
import { SYSTEM_ACTOR, type Actor } from '../src/platform/auth/principal.js';
import { addMessage } from '../src/tickets/messages.service.js';
import { createTicket } from '../src/tickets/tickets.service.js';
import { seriousViolations } from './axe.js';
import { addStaff, browserSuite, SHOTS } from './suite.js';

const suite = browserSuite();

let lead: Actor;

beforeAll(async () => {
  const user = await addStaff(suite.server.deps, 'lead');
  lead = { type: 'user', id: user.id, label: user.email };
});

async function signIn(): Promise<Page> {
  const { page } = await suite.signIn('lead@example.test');
  await page.getByRole('link', { name: 'Knowledge' }).click();
  return page;
}

/** The node id of the tree row that has the keyboard focus. */
const focusedNode = (page: Page) => page.evaluate(() => (globalThis as unknown as { document: { activeElement: { getAttribute: (name: string) => string | null } | null } }).document.activeElement?.getAttribute('data-node'));

/** The node's own row in the tree. */
const row = (page: Page, nodeId: string) => page.locator(`[role="treeitem"][data-node="${nodeId}"]`).first();

/** The error text a tree row points to with aria-describedby (empty when it has none). */
async function rowError(item: Locator): Promise<string> {
  const ids = (await item.getAttribute('aria-describedby')) ?? '';
  const errorId = ids.split(' ').find((id) => id.endsWith('-error'));
  return errorId ? ((await item.page().locator(`#${errorId}`).textContent()) ?? '') : '';
}

it('builds a guide in the tree editor: a path without an outcome is shown on its node and refused, fixed, saved and run in the help center', async () => {
  const solution = await createArticle(suite.server.deps, SYSTEM_ACTOR, { title: 'Restart your router', body: 'Unplug the router for ten seconds, then plug it back in.', visibility: 'public', status: 'published' });
  await createArticle(suite.server.deps, SYSTEM_ACTOR, { title: 'Replace the router cable', body: 'A worn router cable drops the connection; use the grey one.', visibility: 'public', status: 'published' });
  const page = await signIn();
  await page.getByRole('navigation', { name: 'Knowledge sections' }).getByRole('link', { name: 'Guides' }).click();
  await page.getByRole('heading', { name: 'Troubleshooting guides' }).waitFor();
  await page.getByRole('button', { name: 'New guide' }).click();
  await page.getByRole('heading', { name: 'New guide' }).waitFor();

  await page.getByLabel('Title', { exact: true }).fill('The internet keeps dropping');
  await page.getByLabel('Status').selectOption('published');
  // The start question with two answers: "Yes" ends solved, "No" goes to a step that leads nowhere.
  await page.getByLabel('Question', { exact: true }).fill('Is the router light on?');
  await page.getByRole('button', { name: 'Add an answer' }).click();
  await page.getByLabel('Answer 1', { exact: true }).fill('Yes');
  await page.getByLabel('Answer 1 leads to').selectOption('+outcome');
  await page.getByRole('button', { name: 'Add an answer' }).click();
  await page.getByLabel('Answer 2', { exact: true }).fill('No');
  await page.getByLabel('Answer 2 leads to').selectOption('+step');

  const step = row(page, 'step-1');
  await expect.poll(() => step.getAttribute('aria-invalid')).toBe('true');
  expect(await rowError(step)).toContain('stops here without an outcome');
  await expect.poll(() => row(page, 'start').getAttribute('aria-invalid')).toBeNull();
  await page.getByText('1 problem to fix before the guide can be saved.').waitFor();
  await page.screenshot({ path: `${SHOTS}/guide-editor-invalid.png` });

  await page.getByRole('button', { name: 'Create guide' }).click();
  await page.getByRole('alert').filter({ hasText: 'Not saved' }).waitFor();
  expect((await listGuides(suite.server.deps, { limit: 10 })).items).toEqual([]);

  // The problem in the summary leads to its node; the node gets a way on and an outcome.
  await page.getByRole('button', { name: 'New step', exact: true }).click();
  await expect.poll(() => step.getAttribute('aria-selected')).toBe('true');
  await page.locator('#node-title').fill('Restart the router');
  await page.getByLabel('After “Continue”').selectOption('+outcome');
  await row(page, 'outcome-2').click();
  await page.getByLabel('Open a ticket').check();
  await page.locator('#node-title').fill('We need to look at it');
  // The solved outcome links the article with the solution.
  await row(page, 'outcome-1').click();
  await page.getByLabel('Find a published article').fill('restart router');
  await page.getByRole('button', { name: 'Restart your router' }).click();
  await page.getByText('No problems: every path ends in an outcome.').waitFor();
  await expect.poll(() => step.getAttribute('aria-invalid')).toBeNull();

  // Keyboard: the tree is one tab stop; arrows move the selection, ← goes to the parent.
  await row(page, 'start').focus();
  await page.keyboard.press('End');
  await expect.poll(() => focusedNode(page)).toBe('outcome-2');
  await page.keyboard.press('ArrowLeft');
  await expect.poll(() => focusedNode(page)).toBe('step-1');
  await page.keyboard.press('ArrowLeft');
  await expect.poll(() => row(page, 'step-1').getAttribute('aria-expanded')).toBe('false');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowUp');
  await expect.poll(() => focusedNode(page)).toBe('outcome-1');
  await expect(page.getByRole('heading', { name: 'Outcome: Problem solved' }).count()).resolves.toBe(1);

  await page.getByRole('button', { name: 'Create guide' }).click();
  await page.getByRole('heading', { name: 'Edit guide' }).waitFor();
  await page.getByText('Saved.').waitFor();
  const [guide] = (await listGuides(suite.server.deps, { limit: 10 })).items;
  expect(guide).toMatchObject({ title: 'The internet keeps dropping', status: 'published', visibility: 'public', nodeCount: 4 });
  expect(await seriousViolations(page), 'guide editor (light)').toEqual([]);
  await page.getByLabel('Theme').selectOption('dark');
  expect(await seriousViolations(page), 'guide editor (dark)').toEqual([]);
  await page.getByLabel('Theme').selectOption('light');

  // The server has the last word: the linked article is deleted meanwhile, so the save is refused
  // and its reason lands on the outcome that links it.
  await deleteArticle(suite.server.deps, SYSTEM_ACTOR, solution.id);
  await page.getByLabel('What it helps with').fill('Get your connection back');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await page.getByRole('alert').filter({ hasText: 'The server refused the guide' }).waitFor();
  const outcome = row(page, 'outcome-1');
  await expect.poll(() => outcome.getAttribute('aria-invalid')).toBe('true');
  expect(await rowError(outcome)).toContain('linked article does not exist');
  await page.getByRole('button', { name: 'Remove the link' }).click();
  await page.getByLabel('Find a published article').fill('router cable');
  await page.getByRole('button', { name: 'Replace the router cable' }).click();
  await page.getByText('No problems: every path ends in an outcome.').waitFor();
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await page.getByText('Saved.').waitFor();

  // Runnable in the public help center, signed out.
  const href = await page.getByRole('link', { name: 'Run it in the help center' }).getAttribute('href');
  expect(href).toBe(`/help/guides/${guide!.id}`);
  const visitor = await suite.browser.newContext();
  const help = await visitor.newPage();
  await help.goto(`${suite.server.url}${href}`);
  await help.getByRole('heading', { name: 'The internet keeps dropping' }).waitFor();
  await help.getByRole('button', { name: 'Start' }).click();
  await help.getByText('Is the router light on?').waitFor();
  await help.getByLabel('Yes').check();
  await help.getByRole('button', { name: 'Next' }).click();
  await help.getByRole('heading', { name: 'Problem solved' }).waitFor();
  await help.getByRole('link', { name: 'Replace the router cable' }).waitFor();
  await help.screenshot({ path: `${SHOTS}/help-guide-run.png` });
  await visitor.close();

  // Back in the console the run shows on the nodes it reached.
  await page.reload();
  await page.getByRole('heading', { name: 'Edit guide' }).waitFor();
  const figures = (nodeId: string) => row(page, nodeId).locator('.tree-stats').textContent();
  await expect.poll(() => figures('outcome-1')).toBe('1 reached · 1 solved · 0 dropped');
  expect(await figures('start')).toBe('1 reached · 1 solved · 0 dropped');
  expect(await figures('step-1')).toBe('0 reached · 0 solved · 0 dropped');

  // A node cut off from the start is flagged; a loop back is drawn as a link to the node, not repeated.
  await row(page, 'step-1').click();
  await page.getByLabel('After “Continue”').selectOption('+question');
  await expect.poll(() => rowError(row(page, 'outcome-2'))).toContain('No path from the start reaches this node');
  await row(page, 'question-1').click();
  await page.locator('#node-title').fill('Does it work now?');
  await page.getByRole('button', { name: 'Add an answer' }).click();
  await page.getByLabel('Answer 1', { exact: true }).fill('Try again');
  await page.getByLabel('Answer 1 leads to').selectOption('start');
  await page.getByRole('button', { name: 'Add an answer' }).click();
  await page.getByLabel('Answer 2', { exact: true }).fill('Still broken');
  await page.getByLabel('Answer 2 leads to').selectOption('outcome-2');
  await page.getByText('No problems: every path ends in an outcome.').waitFor();
  const loop = page.getByRole('treeitem', { name: /Try again → ↩ back to “Is the router light on\?”/ });
  await loop.focus();
  await page.keyboard.press('Enter');
  await expect.poll(() => focusedNode(page)).toBe('start');
  await expect(page.getByRole('treeitem').count()).resolves.toBe(6);
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await page.getByText('Saved.').waitFor();
  await page.locator('.kb-body').evaluate((el) => el.scrollTo(0, 0));
  await page.screenshot({ path: `${SHOTS}/guide-editor.png` });
  await page.close();
});

it('the gap report lists unanswered tickets and searches, and "Write an article" opens the editor pre-filled', async () => {
  const customer = (email: string) => ({ email, name: 'Pat Doe' });
  const jams = [];
  for (const [subject, body] of [
    ['Printer paper jam every morning', 'The office printer reports a paper jam every morning.'],
    ['Paper jam in the printer tray', 'Our printer shows a paper jam in tray 2.'],
    ['Printer says paper jam but there is none', 'The printer keeps saying paper jam although the tray is empty.'],
  ]) {
    jams.push(await createTicket(suite.server.deps, SYSTEM_ACTOR, { subject: subject!, body: body!, requester: customer('pat@shop.example'), priority: 3 }));
  }
  for (const caller of ['visitor-1', 'visitor-2']) await searchArticles(suite.server.deps, { q: 'printer paper jam', limit: 10 }, { source: 'helpcenter', caller });
  // A second gap, one of whose tickets an agent solved: its article is drafted from that reply.
  const exportTicket = await createTicket(suite.server.deps, SYSTEM_ACTOR, { subject: 'Export invoices as a spreadsheet', body: 'How can I export all invoices as a spreadsheet?', requester: customer('lou@shop.example'), priority: 4 });
  await addMessage(suite.server.deps, lead, { type: 'agent', id: lead.id }, exportTicket.id, { body: 'Open Billing, then Invoices, choose Export and pick the spreadsheet format.', visibility: 'public', status: 'solved' });
  await createTicket(suite.server.deps, SYSTEM_ACTOR, { subject: 'Spreadsheet export of invoices', body: 'Is there a spreadsheet export for invoices?', requester: customer('kim@shop.example'), priority: 4 });
  const stale = await createArticle(suite.server.deps, SYSTEM_ACTOR, { title: 'Opening hours of the support desk', body: 'We answer on weekdays.', visibility: 'public', status: 'published', reviewDueAt: '2020-01-01' });

  const page = await signIn();
  await page.getByRole('navigation', { name: 'Knowledge sections' }).getByRole('link', { name: 'Gaps' }).click();
  await page.getByRole('heading', { name: 'Knowledge gaps' }).waitFor();
  const jamGap = page.getByRole('article').filter({ has: page.getByRole('link', { name: /Printer paper jam every morning/ }) });
  await jamGap.waitFor();
  await jamGap.getByText('Asked 5 times: 3 tickets, 2 searches.').waitFor();
  await jamGap.getByText('“printer paper jam”').waitFor();
  expect(await jamGap.getByRole('link', { name: /Paper jam in the printer tray/ }).getAttribute('href')).toBe(`/app/tickets/${jams[1]!.id}`);
  // Reviews due are on the same page.
  const review = page.getByRole('region', { name: 'Due for review' });
  await review.getByRole('link', { name: stale.title }).waitFor();
  await review.getByText(/^Overdue by \d+ days/).waitFor();
  expect(await seriousViolations(page), 'gap report').toEqual([]);
  await page.screenshot({ path: `${SHOTS}/gap-report.png` });

  // No ticket of the jam gap is solved: a new article with the gap's title and what people asked.
  const suggested = (await jamGap.getByRole('heading', { level: 2 }).textContent())!;
  await jamGap.getByRole('button', { name: 'Write an article' }).click();
  await page.getByRole('heading', { name: 'New article' }).waitFor();
  await page.getByText(/^Pre-filled from the knowledge gap/).waitFor();
  expect(await page.getByLabel('Title').inputValue()).toBe(suggested);
  const body = await page.getByLabel('Body (Markdown)').inputValue();
  expect(body).toContain('“printer paper jam” (searched 2 times)');
  expect(body).toContain(`Paper jam in the printer tray (ticket #${jams[1]!.number})`);
  await page.getByRole('button', { name: 'Create article' }).click();
  await page.getByRole('heading', { name: 'Edit article' }).waitFor();

  // The export gap has a solved ticket: the server drafts the article from its solving reply.
  await page.goBack();
  await page.goBack();
  await page.getByRole('heading', { name: 'Knowledge gaps' }).waitFor();
  const exportGap = page.getByRole('article').filter({ has: page.getByRole('link', { name: /Export invoices as a spreadsheet/ }) });
  await exportGap.getByRole('button', { name: 'Write an article' }).click();
  await page.getByRole('heading', { name: 'Edit article' }).waitFor();
  await expect.poll(() => page.getByLabel('Body (Markdown)').inputValue()).toContain('## Solution\n\nOpen Billing, then Invoices, choose Export and pick the spreadsheet format.');
  expect(await page.getByLabel('Title').inputValue()).toBe('Export invoices as a spreadsheet');
  await page.screenshot({ path: `${SHOTS}/gap-article-draft.png` });
  await page.close();
});
