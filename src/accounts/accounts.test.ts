import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SESSION_COOKIE } from '../platform/auth/guard.js';
import { purgeExpiredSessions } from './sessions.service.js';
import { DIALECTS } from '../test-support/databases.js';
import { bearer, startTestApp, type TestContext } from '../test-support/harness.js';

const PASSWORD = 'correct horse battery';

/** Signs in and returns the cookie header and CSRF token. */
async function signIn(t: TestContext, email: string, password = PASSWORD) {
  const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password } });
  const setCookie = String(res.headers['set-cookie'] ?? '');
  const cookie = setCookie.split(';')[0];
  return { res, cookie, csrf: res.json().csrfToken as string, setCookie };
}

describe.each(DIALECTS)('accounts on %s', (dialect) => {
  let t: TestContext;
  let admin: { token: string; userId: string; email: string };

  beforeAll(async () => {
    // Sign-ins here outnumber the per-address limit, which has a test of its own below.
    t = await startTestApp(dialect, { loginRateLimitPerMinute: 10_000 });
    admin = await t.userWithToken('admin');
  });
  afterAll(() => t.close());

  it('signs in with an httpOnly SameSite cookie and reads the session', async () => {
    const agent = await t.userWithToken('agent');
    const { res, cookie, setCookie } = await signIn(t, agent.email.toUpperCase());
    expect(res.statusCode).toBe(200);
    expect(setCookie).toContain(`${SESSION_COOKIE}=`);
    expect(setCookie).toContain('HttpOnly');
    expect(setCookie).toContain('SameSite=Lax');
    const session = await t.app.inject({ url: '/api/v1/auth/session', headers: { cookie } });
    expect(session.json().user).toMatchObject({ email: agent.email, role: 'agent' });
  });

  it('refuses cookie-authenticated writes without the CSRF token', async () => {
    const agent = await t.userWithToken('agent');
    const { cookie, csrf } = await signIn(t, agent.email);
    const payload = { subject: 'From the browser', body: 'Hello', requester: { email: 'c@example.test' } };
    const without = await t.app.inject({ method: 'POST', url: '/api/v1/tickets', headers: { cookie }, payload });
    expect(without.statusCode).toBe(403);
    expect(without.json().code).toBe('csrf_failed');
    const wrong = await t.app.inject({ method: 'POST', url: '/api/v1/tickets', headers: { cookie, 'x-csrf-token': (csrf[0] === 'x' ? 'y' : 'x') + csrf.slice(1) }, payload });
    expect(wrong.json().code).toBe('csrf_failed');
    const ok = await t.app.inject({ method: 'POST', url: '/api/v1/tickets', headers: { cookie, 'x-csrf-token': csrf }, payload });
    expect(ok.statusCode).toBe(201);
  });

  it('signs out and the cookie stops working', async () => {
    const agent = await t.userWithToken('agent');
    const { cookie, csrf } = await signIn(t, agent.email);
    const out = await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: { cookie, 'x-csrf-token': csrf } });
    expect(out.statusCode).toBe(204);
    const after = await t.app.inject({ url: '/api/v1/auth/session', headers: { cookie } });
    expect(after.statusCode).toBe(401);
    expect(after.json().code).toBe('session_expired');
  });

  it('backs off after repeated failures, for that account only', async () => {
    const victim = await t.userWithToken('agent');
    for (let i = 0; i < 5; i++) {
      const res = await signIn(t, victim.email, 'wrong password!');
      expect(res.res.json().code).toBe('invalid_credentials');
      t.clock.advance(1000);
    }
    const locked = await signIn(t, victim.email, 'wrong password!');
    expect(locked.res.json().code).toBe('invalid_credentials');
    // The sixth failure locks; even the right password waits now.
    const waiting = await signIn(t, victim.email);
    expect(waiting.res.statusCode).toBe(429);
    expect(waiting.res.json().code).toBe('account_locked');
    expect(Number(waiting.res.headers['retry-after'])).toBeGreaterThan(0);
    t.clock.advance(31 * 60_000);
    expect((await signIn(t, victim.email)).res.statusCode).toBe(200);
    const events = (await t.app.inject({ url: `/api/v1/audit?entityId=${victim.userId}&action=session.sign_in_failed`, headers: bearer(admin.token) })).json();
    expect(events.items.length).toBe(6);
  });

  it('does not reveal whether an email exists', async () => {
    const res = await signIn(t, 'nobody@example.test', 'whatever it is');
    expect(res.res.statusCode).toBe(401);
    expect(res.res.json().code).toBe('invalid_credentials');
  });

  it('rate-limits sign-in per address', async () => {
    const limited = await startTestApp(dialect, { loginRateLimitPerMinute: 3 });
    try {
      const codes = [];
      for (let i = 0; i < 4; i++) codes.push((await signIn(limited, 'x@example.test', 'nope nope nope')).res.statusCode);
      expect(codes).toEqual([401, 401, 401, 429]);
    } finally {
      await limited.close();
    }
  });

  it('creates tokens shown once, stored hashed, revocable, with last use recorded', async () => {
    const agent = await t.userWithToken('agent');
    const created = await t.app.inject({ method: 'POST', url: '/api/v1/tokens', headers: bearer(agent.token), payload: { name: 'zapier' } });
    expect(created.statusCode).toBe(201);
    const { token, record } = created.json();
    expect(token).toMatch(/^flt_/);
    const stored = await t.deps.db.kysely.selectFrom('api_tokens').selectAll().where('id', '=', record.id).executeTakeFirstOrThrow();
    expect(stored.token_hash).not.toContain(token.slice(4));
    expect((await t.app.inject({ url: '/api/v1/tickets', headers: bearer(token) })).statusCode).toBe(200);
    const listed = (await t.app.inject({ url: '/api/v1/tokens', headers: bearer(agent.token) })).json().items;
    expect(listed.find((x: { id: string }) => x.id === record.id).lastUsedAt).not.toBeNull();
    expect(JSON.stringify(listed)).not.toContain(token);
    const revoked = await t.app.inject({ method: 'DELETE', url: `/api/v1/tokens/${record.id}`, headers: bearer(agent.token) });
    expect(revoked.json().revokedAt).not.toBeNull();
    expect((await t.app.inject({ url: '/api/v1/tickets', headers: bearer(token) })).statusCode).toBe(401);
  });

  it("caps a token's role at the lower of its own and its owner's", async () => {
    const created = await t.app.inject({ method: 'POST', url: '/api/v1/tokens', headers: bearer(admin.token), payload: { name: 'read only', role: 'viewer' } });
    const viewerToken = created.json().token;
    const write = await t.app.inject({ method: 'POST', url: '/api/v1/tickets', headers: bearer(viewerToken), payload: { subject: 's', body: 'b', requester: { email: 'r@example.test' } } });
    expect(write.statusCode).toBe(403);
    const agent = await t.userWithToken('agent');
    const escalate = await t.app.inject({ method: 'POST', url: '/api/v1/tokens', headers: bearer(agent.token), payload: { name: 'sneaky', role: 'admin' } });
    const sneaky = escalate.json().token;
    expect((await t.app.inject({ url: '/api/v1/audit', headers: bearer(sneaky) })).statusCode).toBe(403);
  });

  it('lets only admins manage users; hashes passwords with argon2id', async () => {
    const lead = await t.userWithToken('lead');
    const payload = { email: 'new.agent@example.test', name: 'New Agent', role: 'agent', password: 'a long enough password' };
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/users', headers: bearer(lead.token), payload })).statusCode).toBe(403);
    const created = await t.app.inject({ method: 'POST', url: '/api/v1/users', headers: bearer(admin.token), payload });
    expect(created.statusCode).toBe(201);
    expect(created.json()).not.toHaveProperty('passwordHash');
    const row = await t.deps.db.kysely.selectFrom('users').select('password_hash').where('email', '=', payload.email).executeTakeFirstOrThrow();
    expect(row.password_hash).toMatch(/^\$argon2id\$/);
    const duplicate = await t.app.inject({ method: 'POST', url: '/api/v1/users', headers: bearer(admin.token), payload });
    expect(duplicate.statusCode).toBe(409);
    const short = await t.app.inject({ method: 'POST', url: '/api/v1/users', headers: bearer(admin.token), payload: { ...payload, email: 'x2@example.test', password: 'short' } });
    expect(short.json().code).toBe('validation_failed');
  });

  it('deactivating a user ends their access', async () => {
    const agent = await t.userWithToken('agent');
    const { cookie } = await signIn(t, agent.email);
    const res = await t.app.inject({ method: 'PATCH', url: `/api/v1/users/${agent.userId}`, headers: bearer(admin.token), payload: { active: false } });
    expect(res.json().active).toBe(false);
    expect((await t.app.inject({ url: '/api/v1/tickets', headers: bearer(agent.token) })).statusCode).toBe(401);
    expect((await t.app.inject({ url: '/api/v1/auth/session', headers: { cookie } })).statusCode).toBe(401);
    expect((await signIn(t, agent.email)).res.statusCode).toBe(401);
  });

  it('expires sessions, and housekeeping removes them', async () => {
    const agent = await t.userWithToken('agent');
    const { cookie } = await signIn(t, agent.email);
    t.clock.advance(t.deps.config.sessionTtlHours * 3_600_000 + 1000);
    expect((await t.app.inject({ url: '/api/v1/auth/session', headers: { cookie } })).statusCode).toBe(401);
    expect(await purgeExpiredSessions(t.deps)).toBeGreaterThanOrEqual(1);
    expect(await purgeExpiredSessions(t.deps)).toBe(0);
  });
});
