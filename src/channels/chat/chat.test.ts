import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WsClient as Client } from '../../test-support/ws-client.js';
import { DIALECTS } from '../../test-support/databases.js';
import { bearer, startTestApp, type TestContext } from '../../test-support/harness.js';

describe.each(DIALECTS)('live chat on %s', (dialect) => {
  let t: TestContext;
  let base: string;
  let agent: { token: string; userId: string };

  beforeAll(async () => {
    t = await startTestApp(dialect);
    agent = await t.userWithToken('agent');
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    base = `ws://127.0.0.1:${(t.app.server.address() as { port: number }).port}/chat/ws`;
  });
  afterAll(() => t.close());

  it('routes a visitor to the online agent, relays messages and typing, and survives a dropped connection', async () => {
    const console = await Client.open(`${base}?role=agent`, bearer(agent.token));
    await console.next((f) => f.type === 'welcome');
    const visitor = await Client.open(base);
    visitor.send({ type: 'hello', visitorId: 'visitor-one-0001', name: 'Vera', email: 'vera@customer.example', pageUrl: 'https://shop.example/cart' });
    expect(await visitor.next((f) => f.type === 'welcome')).toMatchObject({ sessionId: null, agentsOnline: 1 });
    visitor.send({ type: 'message', clientId: 'c1', body: 'Hi, my order has not arrived' });
    const ack = await visitor.next((f) => f.type === 'ack' && f.clientId === 'c1');
    const sessionId = ack.sessionId as string;
    expect(ack.seq).toBe(1);
    expect((await console.next((f) => f.type === 'assigned')).session).toMatchObject({ sessionId, visitorName: 'Vera', pageUrl: 'https://shop.example/cart' });
    expect(await console.next((f) => f.type === 'message')).toMatchObject({ sessionId, seq: 1, sender: 'visitor', body: 'Hi, my order has not arrived' });
    expect(await visitor.next((f) => f.type === 'joined')).toMatchObject({ sessionId });

    visitor.send({ type: 'typing', on: true });
    expect(await console.next((f) => f.type === 'typing')).toMatchObject({ sessionId, sender: 'visitor', on: true });
    console.send({ type: 'message', sessionId, clientId: 'a1', body: 'Sorry about that, let me check.' });
    expect(await visitor.next((f) => f.type === 'message' && f.seq === 2)).toMatchObject({ sender: 'agent', body: 'Sorry about that, let me check.' });

    // The visitor's connection drops; the agent writes twice meanwhile.
    visitor.close();
    console.send({ type: 'message', sessionId, clientId: 'a2', body: 'It left our warehouse yesterday.' });
    console.send({ type: 'message', sessionId, clientId: 'a3', body: 'Tracking: ZX123.' });
    await console.next((f) => f.type === 'ack' && f.clientId === 'a3');
    const back = await Client.open(base);
    back.send({ type: 'hello', visitorId: 'visitor-one-0001', sessionId, lastSeq: 2 });
    expect(await back.next((f) => f.type === 'welcome')).toMatchObject({ sessionId, status: 'active' });
    await back.next((f) => f.type === 'message' && f.seq === 4);
    expect(back.messages().map((m) => m.seq)).toEqual([3, 4]);
    // A message whose ack was lost is sent again: stored once, acknowledged with the same number.
    back.send({ type: 'message', clientId: 'c2', body: 'Thanks!' });
    const first = await back.next((f) => f.type === 'ack' && f.clientId === 'c2');
    back.send({ type: 'message', clientId: 'c2', body: 'Thanks!' });
    await new Promise((resolve) => setTimeout(resolve, 100));
    const acks = back.frames.filter((f) => f.type === 'ack' && f.clientId === 'c2');
    expect(acks.map((a) => a.seq)).toEqual([first.seq, first.seq]);
    expect(console.messages().filter((m) => m.body === 'Thanks!')).toHaveLength(1);

    // An impostor cannot join the chat with its id.
    const impostor = await Client.open(base);
    impostor.send({ type: 'hello', visitorId: 'someone-else-0002', sessionId, lastSeq: 0 });
    expect(await impostor.next((f) => f.type === 'welcome')).toMatchObject({ sessionId: null });
    expect(impostor.messages()).toHaveLength(0);

    // The agent ends the chat: it becomes a solved ticket with the transcript, assigned to them.
    console.send({ type: 'end', sessionId });
    const ended = await back.next((f) => f.type === 'ended');
    const ticket = (await t.app.inject({ url: `/api/v1/tickets/${ended.ticketId}`, headers: bearer(agent.token) })).json();
    expect(ticket).toMatchObject({ channel: 'chat', status: 'solved', assigneeId: agent.userId, requester: { email: 'vera@customer.example' }, subject: 'Chat: Hi, my order has not arrived' });
    const body = (await t.app.inject({ url: `/api/v1/tickets/${ended.ticketId}/messages`, headers: bearer(agent.token) })).json().items[0].body as string;
    expect(body).toContain('Vera: Hi, my order has not arrived');
    expect(body).toContain('Tracking: ZX123.');
    const transcript = (await t.app.inject({ url: `/api/v1/chats/${sessionId}`, headers: bearer(agent.token) })).json();
    expect(transcript.messages.map((m: { seq: number }) => m.seq)).toEqual([1, 2, 3, 4, 5]);
    for (const c of [console, back, impostor]) c.close();
  });

  it('takes a message when nobody is online and files it as a ticket', async () => {
    const visitor = await Client.open(base);
    visitor.send({ type: 'hello', visitorId: 'visitor-two-0003' });
    expect(await visitor.next((f) => f.type === 'welcome')).toMatchObject({ agentsOnline: 0 });
    visitor.send({ type: 'message', clientId: 'm1', body: 'Do you ship to Norway?' });
    await visitor.next((f) => f.type === 'offline');
    visitor.send({ type: 'contact', email: 'nils@customer.example' });
    await visitor.next((f) => f.type === 'contact_saved');
    visitor.send({ type: 'end' });
    const ended = await visitor.next((f) => f.type === 'ended');
    const ticket = (await t.app.inject({ url: `/api/v1/tickets/${ended.ticketId}`, headers: bearer(agent.token) })).json();
    expect(ticket).toMatchObject({ channel: 'chat', status: 'new', assigneeId: null, requester: { email: 'nils@customer.example' } });
    visitor.close();
  });

  it('refuses agents without credentials and frames that are not valid', async () => {
    await expect(Client.open(`${base}?role=agent`)).rejects.toThrow(/401/);
    const visitor = await Client.open(base);
    visitor.ws.send('not json');
    expect(await visitor.next((f) => f.type === 'error')).toMatchObject({ code: 'malformed_json' });
    visitor.send({ type: 'message', clientId: 'x', body: 'before hello' });
    expect(await visitor.next((f) => f.type === 'error' && f.code === 'validation_failed')).toBeTruthy();
    visitor.send({ type: 'hello', visitorId: 'visitor-three-04' });
    visitor.send({ type: 'message', clientId: 'big', body: 'x'.repeat(6_000) });
    expect(await visitor.next((f) => f.type === 'error' && f.clientId === 'big')).toMatchObject({ code: 'payload_too_large' });
    const widget = await t.app.inject({ url: '/widget.js' });
    expect(widget.headers['content-type']).toContain('javascript');
    expect(widget.body).not.toContain('innerHTML');
    visitor.close();
  });
});
