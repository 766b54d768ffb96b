import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { addMessage } from '../tickets/messages.service.js';
import { loadConfig } from '../platform/config/config.js';
import { SYSTEM_ACTOR } from '../platform/auth/principal.js';
import { DIALECTS } from '../test-support/databases.js';
import { bearer, startTestApp, type TestContext } from '../test-support/harness.js';
import { chatCompletion } from './llm.js';
import { createDesk, openTicket, type Desk } from './test-fixtures.js';

/**
 * The LLM path against a real HTTP server on loopback that speaks the OpenAI chat-completions
 * shape, in the modes a real endpoint fails in: slow (hangs), 500, nonsense, and a model that
 * drops the article link.
 */
type Mode = 'ok' | 'hang' | 'error' | 'garbage' | 'drop-link';

interface Seen {
  url: string;
  authorization: string | undefined;
  body: { model: string; messages: { role: string; content: string }[]; max_tokens: number };
}

function fakeLlm() {
  const state: { mode: Mode; seen: Seen[]; hanging: ServerResponse[] } = { mode: 'ok', seen: [], hanging: [] };
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let raw = '';
    req.on('data', (chunk) => (raw += chunk));
    req.on('end', () => {
      const body = JSON.parse(raw) as Seen['body'];
      state.seen.push({ url: req.url ?? '', authorization: req.headers.authorization, body });
      const summary = body.messages[0].content.includes('summarise');
      const draft = body.messages.at(-1)?.content.split('Draft reply to polish:\n')[1] ?? '';
      const answer = (content: string) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ id: 'x', object: 'chat.completion', choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }] }));
      };
      if (state.mode === 'hang') return void state.hanging.push(res);
      if (state.mode === 'error') {
        res.writeHead(500, { 'content-type': 'application/json' });
        return void res.end('{"error":{"message":"model crashed"}}');
      }
      if (state.mode === 'garbage') return answer('');
      if (summary) return answer('The customer cannot receive the reset email; spam was checked.');
      if (state.mode === 'drop-link') return answer(draft.replace(/https:\/\/\S+/g, ''));
      answer(`${draft.replace('Thanks for getting in touch.', 'Thank you for writing to us, and sorry for the trouble.')}`);
    });
  });
  return { state, server };
}

describe('chatCompletion (no database)', () => {
  const { state, server } = fakeLlm();
  let baseUrl = '';
  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
  });
  afterAll(async () => {
    state.hanging.forEach((r) => r.destroy());
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('speaks the chat-completions shape with the configured model and key', async () => {
    state.mode = 'ok';
    const result = await chatCompletion({ baseUrl, model: 'tiny-1', apiKey: 'sk-test', timeoutMs: 2_000 }, [{ role: 'system', content: 'x' }, { role: 'user', content: 'Draft reply to polish:\nHi' }], { maxTokens: 50 });
    expect(result).toMatchObject({ ok: true, text: 'Hi' });
    const seen = state.seen[state.seen.length - 1];
    expect(seen).toMatchObject({ url: '/v1/chat/completions', authorization: 'Bearer sk-test', body: { model: 'tiny-1', max_tokens: 50 } });
  });

  it('reports a timeout, an HTTP error, an empty answer and an unreachable server as reasons, never throwing', async () => {
    const config = { baseUrl, model: 'm', apiKey: undefined, timeoutMs: 200 };
    const messages = [{ role: 'user' as const, content: 'hello' }];
    state.mode = 'hang';
    const started = performance.now();
    expect(await chatCompletion(config, messages, { maxTokens: 5 })).toMatchObject({ ok: false, reason: 'timeout' });
    expect(performance.now() - started).toBeLessThan(1_500);
    expect(state.seen[state.seen.length - 1].authorization).toBeUndefined();
    state.mode = 'error';
    expect(await chatCompletion(config, messages, { maxTokens: 5 })).toMatchObject({ ok: false, reason: 'http_error', detail: 'HTTP 500' });
    state.mode = 'garbage';
    expect(await chatCompletion(config, messages, { maxTokens: 5 })).toMatchObject({ ok: false, reason: 'invalid_response' });
    expect(await chatCompletion({ ...config, baseUrl: 'http://127.0.0.1:1/v1' }, messages, { maxTokens: 5 })).toMatchObject({ ok: false, reason: 'network_error' });
  });
});

describe('LLM configuration', () => {
  it('reads base URL, model, key (or key file) and timeout, and refuses a base URL without a model', () => {
    expect(loadConfig({}).llm).toBeNull();
    expect(loadConfig({ FRONTLINE_LLM_BASE_URL: 'http://127.0.0.1:11434/v1/', FRONTLINE_LLM_MODEL: 'llama3.2:1b' }).llm).toEqual({
      baseUrl: 'http://127.0.0.1:11434/v1',
      model: 'llama3.2:1b',
      apiKey: undefined,
      timeoutMs: 8_000,
    });
    expect(() => loadConfig({ FRONTLINE_LLM_BASE_URL: 'http://127.0.0.1:11434/v1' })).toThrow(/FRONTLINE_LLM_MODEL/);
    expect(() => loadConfig({ FRONTLINE_LLM_BASE_URL: 'not a url', FRONTLINE_LLM_MODEL: 'm' })).toThrow(/FRONTLINE_LLM_BASE_URL/);
    expect(() => loadConfig({ FRONTLINE_LLM_TIMEOUT_MS: '5' })).toThrow(/FRONTLINE_LLM_TIMEOUT_MS/);
    expect(loadConfig({ FRONTLINE_PUBLIC_URL: 'https://help.example.com/' }).publicUrl).toBe('https://help.example.com');
  });
});

describe.each(DIALECTS)('drafts with an LLM on %s', (dialect) => {
  const { state, server } = fakeLlm();
  let t: TestContext;
  let desk: Desk;
  let ticket: { id: string };
  const draft = (payload: object = {}) => t.app.inject({ method: 'POST', url: `/api/v1/tickets/${ticket.id}/draft`, headers: bearer(desk.agent), payload });

  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
    t = await startTestApp(dialect, { publicUrl: 'https://support.example.com', llm: { baseUrl, model: 'tiny', apiKey: 'k', timeoutMs: 400 } });
    desk = await createDesk(t);
    ticket = await openTicket(t, desk.agent, 'Password reset email never arrives', 'I asked to reset my password but the reset email never arrives.');
  });
  beforeEach(() => {
    state.mode = 'ok';
  });
  afterAll(async () => {
    state.hanging.forEach((r) => r.destroy());
    await t.close();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('uses the polished text when it keeps the link and the name', async () => {
    const d = (await draft()).json();
    expect(d.source).toBe('llm');
    expect(d.llm.polish.status).toBe('used');
    expect(d.body).toContain('Thank you for writing to us');
    expect(d.body).toContain(`https://support.example.com/help/articles/${desk.articles.password}`);
    expect(d.builtinBody).toContain('Thanks for getting in touch.');
    const request = state.seen[state.seen.length - 1];
    expect(request.body.model).toBe('tiny');
    expect(request.body.messages[1].content).toContain('Go to the sign-in page');
  });

  it('falls back to the built-in draft when the endpoint hangs (timeout), fails (500) or drops the link', async () => {
    for (const [mode, reason] of [
      ['hang', 'timeout'],
      ['error', 'http_error'],
      ['drop-link', 'dropped_link'],
    ] as const) {
      state.mode = mode;
      const started = performance.now();
      const res = await draft();
      expect(res.statusCode).toBe(200);
      const d = res.json();
      expect(d).toMatchObject({ source: 'builtin', llm: { polish: { status: 'fallback', reason } } });
      expect(d.body).toBe(d.builtinBody);
      expect(d.body.startsWith('Hi Sam,')).toBe(true);
      expect(performance.now() - started).toBeLessThan(3_000);
    }
  });

  it('does not call the LLM when the agent turns it off', async () => {
    const before = state.seen.length;
    const d = (await draft({ useLlm: false })).json();
    expect(d).toMatchObject({ source: 'builtin', llm: { polish: { status: 'disabled' } } });
    expect(state.seen.length).toBe(before);
  });

  it('summarises a long thread with the LLM, and without it when the LLM fails', async () => {
    const customer = { type: 'customer' as const, id: null };
    for (let i = 0; i < 5; i++) {
      await addMessage(t.deps, SYSTEM_ACTOR, customer, ticket.id, { body: `Still no reset email after attempt ${i + 2}. I also tried another browser.`, visibility: 'public' });
    }
    const withLlm = (await draft()).json();
    expect(withLlm.summary).toEqual({ text: 'The customer cannot receive the reset email; spam was checked.', source: 'llm' });
    state.mode = 'error';
    const without = (await draft()).json();
    expect(without.llm.summary).toMatchObject({ status: 'fallback', reason: 'http_error' });
    expect(without.summary.source).toBe('builtin');
    expect(without.summary.text).toContain('6 messages');
    expect(without.summary.text).toContain('Reported: "I asked to reset my password but the reset email never arrives."');
  });
});
