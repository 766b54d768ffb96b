import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES, can, type Permission } from './roles.js';
import { bearer, startTestApp, type TestContext } from '../../test-support/harness.js';

const SOME_ID = '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b';

interface Operation {
  method: string;
  url: string;
  permission: Permission;
}

/** Every operation of the OpenAPI document whose description names its permission. */
function operations(doc: { paths: Record<string, Record<string, { description?: string }>> }): Operation[] {
  const found: Operation[] = [];
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      const permission = /Permission: `([\w:]+)`/.exec(op.description ?? '')?.[1];
      if (permission) found.push({ method: method.toUpperCase(), url: path.replace(/\{[^}]+\}/g, SOME_ID), permission: permission as Permission });
    }
  }
  return found;
}

// The role matrix holds on every route: the ones here today and the ones added later.
describe('the role matrix, route by route', () => {
  let t: TestContext;
  const tokens: Record<string, string> = {};
  let ops: Operation[] = [];

  beforeAll(async () => {
    t = await startTestApp('sqlite');
    for (const role of ROLES) tokens[role] = (await t.userWithToken(role)).token;
    ops = operations((await t.app.inject({ url: '/api/openapi.json' })).json());
  });
  afterAll(() => t.close());

  it('has no API route that forgot its guard', async () => {
    // Routes any signed-in user (or anyone: to sign in, or a chat widget asking whether anyone is online) may call; every other one names a permission.
    const open = new Set(['POST /api/v1/auth/login', 'POST /api/v1/auth/logout', 'GET /api/v1/auth/session', 'GET /api/v1/roles', 'GET /api/v1/chat/status']);
    const doc = (await t.app.inject({ url: '/api/openapi.json' })).json() as { paths: Record<string, Record<string, { description?: string }>> };
    const unguarded = Object.entries(doc.paths)
      .filter(([path]) => path.startsWith('/api/v1/'))
      .flatMap(([path, methods]) => Object.entries(methods).filter(([, op]) => !/Permission: `/.test(op.description ?? '')).map(([method]) => `${method.toUpperCase()} ${path}`))
      .filter((route) => !open.has(route));
    expect(unguarded).toEqual([]);
  });

  it('finds the permission of every protected route in the API reference', () => {
    expect(ops.length).toBeGreaterThan(20);
    const paths = ops.map((o) => `${o.method} ${o.url}`);
    expect(paths).toContain('POST /api/v1/tickets');
    expect(paths).toContain('GET /api/v1/audit');
  });

  it('refuses each role exactly the routes its permissions do not cover, before reading the body', async () => {
    const mismatches: string[] = [];
    for (const op of ops) {
      for (const role of ROLES) {
        const res = await t.app.inject({ method: op.method as never, url: op.url, headers: bearer(tokens[role]), payload: op.method === 'GET' || op.method === 'DELETE' ? undefined : {} });
        const refused = res.statusCode === 403 && res.json().code === 'forbidden';
        if (refused === can(role, op.permission)) mismatches.push(`${role} ${op.method} ${op.url} → ${res.statusCode}`);
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('asks for credentials on every protected route', async () => {
    for (const op of ops) {
      const res = await t.app.inject({ method: op.method as never, url: op.url, payload: op.method === 'GET' || op.method === 'DELETE' ? undefined : {} });
      expect(res.statusCode, `${op.method} ${op.url}`).toBe(401);
    }
  });
});
