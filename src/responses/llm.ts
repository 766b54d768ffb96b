import type { LlmConfig } from '../platform/config/config.js';

/**
 * A client for any OpenAI-compatible chat-completions endpoint (OpenAI, Ollama, llama.cpp's
 * server, vLLM …). It never throws: every failure comes back as a reason, so callers fall back
 * to the built-in text. The timeout covers the whole exchange, headers and body.
 */

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

export type LlmFailure = 'timeout' | 'http_error' | 'invalid_response' | 'network_error';
export type LlmResult = { ok: true; text: string; ms: number } | { ok: false; reason: LlmFailure; detail: string; ms: number };

/** Longest answer body read (a model that streams forever must not fill memory). */
const MAX_RESPONSE_BYTES = 1_000_000;

/** Sends one chat completion request and returns the first choice's text. */
export async function chatCompletion(config: LlmConfig, messages: ChatMessage[], options: { maxTokens: number; temperature?: number }): Promise<LlmResult> {
  const started = performance.now();
  const ms = () => Math.round(performance.now() - started);
  const signal = AbortSignal.timeout(config.timeoutMs);
  try {
    const response = await fetch(`${config.baseUrl}/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json', ...(config.apiKey ? { authorization: `Bearer ${config.apiKey}` } : {}) },
      body: JSON.stringify({ model: config.model, messages, max_tokens: options.maxTokens, temperature: options.temperature ?? 0.2, stream: false }),
      signal,
    });
    const raw = await readLimited(response);
    if (raw === null) return { ok: false, reason: 'invalid_response', detail: `answer larger than ${MAX_RESPONSE_BYTES} bytes`, ms: ms() };
    if (!response.ok) return { ok: false, reason: 'http_error', detail: `HTTP ${response.status}`, ms: ms() };
    const text = contentOf(raw);
    return text === null ? { ok: false, reason: 'invalid_response', detail: 'no choices[0].message.content', ms: ms() } : { ok: true, text, ms: ms() };
  } catch (error) {
    if (signal.aborted) return { ok: false, reason: 'timeout', detail: `no answer within ${config.timeoutMs} ms`, ms: ms() };
    return { ok: false, reason: 'network_error', detail: (error as Error).message, ms: ms() };
  }
}

async function readLimited(response: Response): Promise<string | null> {
  if (!response.body) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of response.body as AsyncIterable<Uint8Array>) {
    size += chunk.byteLength;
    if (size > MAX_RESPONSE_BYTES) {
      await response.body.cancel().catch(() => undefined);
      return null;
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** The first choice's message content, trimmed; null when the shape is not chat-completions. */
function contentOf(raw: string): string | null {
  try {
    const parsed = JSON.parse(raw) as { choices?: { message?: { content?: unknown } }[] };
    const content = parsed.choices?.[0]?.message?.content;
    return typeof content === 'string' && content.trim() !== '' ? content.trim() : null;
  } catch {
    return null;
  }
}
