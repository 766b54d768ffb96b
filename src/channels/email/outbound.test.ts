import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../test-support/databases.js';
import { bearer, startTestApp, type TestContext } from '../../test-support/harness.js';
import { headerOf, startEmailTestApp, startSmtpCatcher, type EmailTestContext } from './email.test-support.js';
import { findDelivery } from './email.store.js';
import { EMAIL_SEND_JOB, sendEmailJob } from './outbound.service.js';

describe.each(DIALECTS)('outbound email on %s', (dialect) => {
  let t: EmailTestContext;
  let catcher: Awaited<ReturnType<typeof startSmtpCatcher>>;
  let agent: string;
  const deliveries = async (query: string) => (await t.app.inject({ url: `/api/v1/email/deliveries?${query}`, headers: bearer(agent) })).json().items as Array<Record<string, any>>;
  const reply = (ticketId: string, body: string, visibility = 'public') =>
    t.app.inject({ method: 'POST', url: `/api/v1/tickets/${ticketId}/messages`, headers: bearer(agent), payload: { body, visibility } });

  beforeAll(async () => {
    catcher = await startSmtpCatcher();
    t = await startEmailTestApp(dialect, { smtpUrl: catcher.url, replyTo: 'Acme Support <support@acme.test>' });
    agent = (await t.userWithToken('agent')).token;
  });
  beforeEach(() => {
    catcher.mails.length = 0;
    catcher.reject = null;
  });
  afterAll(async () => {
    await t.close();
    await catcher.close();
  });

  it('mails a public agent reply with threading headers, the ticket token, text and HTML, and records it sent', async () => {
    await t.send({ from: 'Dana <dana@customer.test>', subject: 'Cannot export <CSV>', text: 'Export fails.', messageId: '<dana-1@customer.test>' });
    const ticket = await t.deps.db.kysely.selectFrom('tickets').select(['id', 'number']).where('subject', '=', 'Cannot export <CSV>').executeTakeFirstOrThrow();
    const note = await reply(ticket.id, 'internal only', 'internal');
    expect(note.statusCode).toBe(201);
    const answer = await reply(ticket.id, 'Try the <new> exporter.\n\nIt is under Reports.');
    expect(answer.statusCode).toBe(201);
    const [queued] = await deliveries(`messageId=${answer.json().id}`);
    expect(queued).toMatchObject({ status: 'queued', to: 'dana@customer.test' });
    expect(await t.deps.jobs.drain()).toBeGreaterThan(0);

    expect(catcher.mails).toHaveLength(1);
    const mail = catcher.mails[0]!;
    expect(mail.to).toEqual(['dana@customer.test']);
    expect(mail.from).toBe('support@acme.test');
    expect(headerOf(mail.raw, 'Subject')).toBe(`Re: Cannot export <CSV> [#${ticket.number}]`);
    expect(headerOf(mail.raw, 'Message-ID')).toMatch(/^<frontline\.[0-9a-f-]+@acme\.test>$/);
    expect(headerOf(mail.raw, 'In-Reply-To')).toBe('<dana-1@customer.test>');
    expect(headerOf(mail.raw, 'References')).toBe('<dana-1@customer.test>');
    expect(headerOf(mail.raw, 'Reply-To')).toContain('support@acme.test');
    expect(headerOf(mail.raw, 'Auto-Submitted')).toBeUndefined();
    expect(mail.raw).toContain('text/plain');
    expect(mail.raw).toContain('text/html');
    expect(mail.raw).toContain('&lt;new&gt;');
    const [sent] = await deliveries(`messageId=${answer.json().id}`);
    expect(sent).toMatchObject({ status: 'sent', attempts: 1, error: null, smtpMessageId: headerOf(mail.raw, 'Message-ID')!.slice(1, -1) });
  });

  it('sends notifications through the same job, marked auto-generated, with CRLF stripped from the subject', async () => {
    await t.deps.jobs.enqueue(EMAIL_SEND_JOB, { to: 'lead@acme.test', subject: 'SLA breach\r\nBcc: victim@example.test', text: 'Ticket #1 breached its SLA.', headers: { 'X-Frontline-Kind': 'sla', Bcc: 'x@example.test' } });
    await t.deps.jobs.drain();
    expect(catcher.mails).toHaveLength(1);
    const raw = catcher.mails[0]!.raw;
    expect(catcher.mails[0]!.to).toEqual(['lead@acme.test']);
    expect(headerOf(raw, 'Subject')).toBe('SLA breach Bcc: victim@example.test');
    expect(headerOf(raw, 'Bcc')).toBeUndefined();
    expect(headerOf(raw, 'X-Frontline-Kind')).toBe('sla');
    expect(headerOf(raw, 'Auto-Submitted')).toBe('auto-generated');
    expect(await deliveries('limit=200')).toEqual(expect.arrayContaining([expect.objectContaining({ to: 'lead@acme.test', status: 'sent' })]));
  });

  it('retries a temporary SMTP failure with back-off and records a permanent one as failed', async () => {
    await t.send({ from: 'eve@customer.test', subject: 'Retry please', text: 'Hi' });
    const ticket = await t.deps.db.kysely.selectFrom('tickets').select('id').where('subject', '=', 'Retry please').executeTakeFirstOrThrow();
    catcher.reject = { code: 451 };
    const first = await reply(ticket.id, 'First answer');
    await t.deps.jobs.drain();
    let [state] = await deliveries(`messageId=${first.json().id}`);
    expect(state).toMatchObject({ status: 'queued', attempts: 1 });
    expect(state!.error).toMatch(/451/);
    catcher.reject = null;
    t.clock.advance(10 * 60_000);
    await t.deps.jobs.drain();
    [state] = await deliveries(`messageId=${first.json().id}`);
    expect(state).toMatchObject({ status: 'sent', attempts: 2 });
    expect(catcher.mails).toHaveLength(1);

    catcher.reject = { code: 550 };
    const second = await reply(ticket.id, 'Second answer');
    await t.deps.jobs.drain();
    [state] = await deliveries(`messageId=${second.json().id}`);
    expect(state).toMatchObject({ status: 'failed', attempts: 1 });
    expect(state!.error).toMatch(/550/);
  });

  it('delivers the CSAT survey of a solved ticket through the same job, threaded and marked auto-generated', async () => {
    await t.send({ from: 'fay@customer.test', subject: 'Survey me', text: 'Hi', messageId: '<fay-1@customer.test>' });
    const ticket = await t.deps.db.kysely.selectFrom('tickets').select(['id', 'number']).where('subject', '=', 'Survey me').executeTakeFirstOrThrow();
    expect((await t.app.inject({ method: 'PATCH', url: `/api/v1/tickets/${ticket.id}`, headers: bearer(agent), payload: { status: 'solved' } })).statusCode).toBe(200);
    await t.deps.jobs.drain();
    const survey = catcher.mails.find((m) => m.to.includes('fay@customer.test'));
    expect(survey).toBeDefined();
    expect(headerOf(survey!.raw, 'Subject')).toContain(`[#${ticket.number}]`);
    expect(headerOf(survey!.raw, 'In-Reply-To')).toBe('<fay-1@customer.test>');
    expect(headerOf(survey!.raw, 'Auto-Submitted')).toBe('auto-generated');
    expect(await deliveries(`ticketId=${ticket.id}`)).toEqual([expect.objectContaining({ status: 'sent', to: 'fay@customer.test' })]);
  });

  it('does not mail replies on tickets from other channels', async () => {
    const created = await t.app.inject({ method: 'POST', url: '/api/v1/tickets', headers: bearer(agent), payload: { subject: 'API ticket', body: 'x', requester: { email: 'api@customer.test' } } });
    await reply(created.json().id, 'Answer in the portal');
    await t.deps.jobs.drain();
    expect(catcher.mails).toHaveLength(0);
    expect(await deliveries(`ticketId=${created.json().id}`)).toEqual([]);
  });
});

describe.each(DIALECTS)('outbound email without a relay on %s', (dialect) => {
  let t: TestContext;
  beforeAll(async () => {
    t = await startTestApp(dialect);
  });
  afterAll(() => t.close());

  it('records every mail as failed with the reason, and warns once per process rather than per mail', async () => {
    const warnings: unknown[][] = [];
    // The app's logger, with its warnings caught: the rest (child loggers, levels) stays as it is.
    const logger = Object.create(t.deps.logger, { warn: { value: (...args: unknown[]) => void warnings.push(args) } }) as typeof t.deps.logger;
    const deps = { ...t.deps, logger };
    const ids = ['no-relay-1', 'no-relay-2', 'no-relay-3'];
    for (const id of ids) await sendEmailJob(deps, { to: 'dana@customer.test', subject: 'Hello', text: 'Hi' }, { id, name: EMAIL_SEND_JOB, attempt: 1, maxAttempts: 5 });
    for (const id of ids) expect(await findDelivery(t.deps.db.kysely, id)).toMatchObject({ status: 'failed', attempts: 1, error: 'SMTP_URL is not set' });
    expect(warnings).toHaveLength(1);
    expect(String(warnings[0]!.at(-1))).toContain('SMTP_URL is not set');
  });
});
