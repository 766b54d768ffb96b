import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../src/platform/auth/principal.js';
import { createTicket } from '../src/tickets/tickets.service.js';
import { addStaff, browserSuite, SHOTS } from './suite.js';

const suite = browserSuite();

let shop: Server;
let shopUrl: string;

beforeAll(async () => {
  // The visitor's shop: a page of another origin whose script tag points at our server.
  shop = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(`<!doctype html><html lang="en"><title>Shop</title><body><h1>Shop</h1><script src="${suite.server.url}/widget.js" data-title="Chat with us"></script></body></html>`);
  });
  await new Promise<void>((resolve) => shop.listen(0, '127.0.0.1', resolve));
  shopUrl = `http://localhost:${(shop.address() as { port: number }).port}/`;
  await addStaff(suite.server.deps, 'admin');
  await addStaff(suite.server.deps, 'agent');
  await createTicket(suite.server.deps, SYSTEM_ACTOR, { subject: 'Refund arrived twice', body: 'I was refunded twice.', requester: { email: 'rita@shop.example', name: 'Rita' }, priority: 2 });
});
afterAll(async () => {
  shop?.close();
});

const { signIn } = suite;

it('a visitor on a web page and an agent in the console chat; ending the chat files a ticket', async () => {
  const agent = await signIn('agent@example.test');
  await agent.page.getByRole('link', { name: /^Chats/ }).click();
  await agent.page.getByText('Connected').waitFor();

  const visitorContext = await suite.browser.newContext();
  const visitor = await visitorContext.newPage();
  await visitor.goto(shopUrl);
  await visitor.getByRole('button', { name: 'Chat with us' }).click();
  await visitor.getByLabel('Message').fill('Hello, where is my parcel?');
  await visitor.getByRole('button', { name: 'Send' }).click();

  const messages = agent.page.getByRole('list', { name: 'Chat messages' });
  await messages.getByText('Hello, where is my parcel?').waitFor();
  await visitor.getByLabel('Message').pressSequentially('One more');
  await agent.page.getByText('Visitor is typing…').waitFor();
  await agent.page.getByLabel('Chat reply').fill('It left the warehouse this morning.');
  await agent.page.getByRole('button', { name: 'Send', exact: true }).click();
  await visitor.getByText('It left the warehouse this morning.').waitFor();
  await agent.page.screenshot({ path: `${SHOTS}/chat-agent.png` });
  await visitor.screenshot({ path: `${SHOTS}/chat-visitor.png` });

  await agent.page.getByRole('button', { name: 'End chat' }).click();
  await visitor.getByText('The chat has ended').waitFor();
  await agent.page.getByRole('link', { name: 'Open its ticket' }).click();
  await agent.page.getByRole('heading', { name: /Chat/ }).first().waitFor();
  await agent.page.getByText('It left the warehouse this morning.').first().waitFor();
  const ticketId = /\/tickets\/([^/]+)$/.exec(agent.page.url())![1]!;
  const ticket = await suite.server.deps.db.kysely.selectFrom('tickets').select(['channel', 'status']).where('id', '=', ticketId).executeTakeFirstOrThrow();
  expect(ticket).toMatchObject({ channel: 'chat', status: 'solved' });
  await agent.context.close();
  await visitorContext.close();
});

it('shows new tickets in the inbox live, and who else is viewing or typing on a ticket', async () => {
  const ada = await signIn('admin@example.test');
  await ada.page.getByRole('button', { name: 'All open' }).click();
  await ada.page.getByRole('listitem').filter({ hasText: 'Refund arrived twice' }).waitFor();
  await createTicket(suite.server.deps, SYSTEM_ACTOR, { subject: 'Live: the app crashes on start', body: 'Since the update.', requester: { email: 'lee@shop.example' }, priority: 1 });
  await ada.page.getByRole('listitem').filter({ hasText: 'Live: the app crashes on start' }).waitFor();

  const andy = await signIn('agent@example.test');
  await andy.page.getByRole('button', { name: 'All open' }).click();
  await andy.page.getByRole('listitem').filter({ hasText: 'Refund arrived twice' }).click();
  await ada.page.getByRole('listitem').filter({ hasText: 'Refund arrived twice' }).click();
  await ada.page.getByTestId('presence').getByText('Andy Agent is viewing').waitFor();
  await andy.page.getByTestId('presence').getByText('Ada Admin is viewing').waitFor();
  await andy.page.getByLabel('Message').pressSequentially('Looking into it');
  await ada.page.getByTestId('presence').getByText('Andy Agent is typing…').waitFor();
  await ada.page.screenshot({ path: `${SHOTS}/ticket-presence.png` });

  // A reply by one shows up on the other's page without a reload.
  await andy.page.getByRole('button', { name: 'Send reply' }).click();
  await ada.page.getByText('Looking into it').waitFor();
  await ada.context.close();
  await andy.context.close();
});
