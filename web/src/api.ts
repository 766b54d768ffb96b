/** A problem answer from the API (RFC 9457), with field-level errors when the input was wrong. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly errors: { path: string; message: string }[] = [],
    /** The whole problem document, for extensions such as a refused guide's `problems`. */
    readonly data: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

let csrfToken = '';
export const setCsrfToken = (token: string) => {
  csrfToken = token;
};

/** Calls the API with the session cookie; writes carry the CSRF token the session came with. */
export async function api<T>(path: string, init: { method?: string; body?: unknown; headers?: Record<string, string> } = {}): Promise<T> {
  const method = init.method ?? 'GET';
  const headers: Record<string, string> = { accept: 'application/json', ...init.headers };
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  const res = await fetch(path, { method, headers, credentials: 'same-origin', body: init.body === undefined ? undefined : JSON.stringify(init.body) });
  if (res.status === 204) return undefined as T;
  const data = await res.json().catch(() => ({}));
  if (!res.ok) throw new ApiError(res.status, data.code ?? 'error', data.detail ?? data.title ?? res.statusText, data.errors ?? [], data);
  return data as T;
}

export interface User {
  id: string;
  email: string;
  name: string;
  role: 'viewer' | 'agent' | 'lead' | 'admin';
}

export interface Ticket {
  id: string;
  number: number;
  subject: string;
  status: string;
  priority: number;
  category: string | null;
  channel: string;
  requester: { id: string; email: string; name: string | null };
  assigneeId: string | null;
  groupId: string | null;
  tags: string[];
  version: number;
  createdAt: string;
  updatedAt: string;
  triage?: { priority?: number; category?: string | null; confidence?: number; outOfScope?: boolean; reasons?: unknown[] } | null;
  sla?: Record<string, unknown> | null;
}

export interface Message {
  id: string;
  visibility: 'public' | 'internal';
  author: { type: string; id: string | null };
  body: string;
  createdAt: string;
}
