import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.js';
import { loadConfig } from '../platform/config/config.js';
import { openDatabase } from '../platform/db/database.js';
import { createLogger } from '../platform/logging/logger.js';
import { DIALECTS, freshDatabaseUrl } from '../test-support/databases.js';
import { runCli } from '../test-support/cli.js';

describe.each(DIALECTS)('the frontline command on %s', (dialect) => {
  let url: string;
  let drop: () => Promise<void>;

  beforeAll(async () => {
    ({ url, drop } = await freshDatabaseUrl(dialect));
  });
  afterAll(() => drop());

  it('migrates an empty database, and again without harm', async () => {
    const first = await runCli(['migrate'], { DATABASE_URL: url });
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('up to date');
    expect((await runCli(['migrate'], { DATABASE_URL: url })).code).toBe(0);
  });

  it('creates a user with the password from standard input, then a token that works', async () => {
    const created = await runCli(['user', 'create', '--email', 'ops@example.test', '--name', 'Ops', '--role', 'admin'], { DATABASE_URL: url }, 'a very long password\n');
    expect(created.code).toBe(0);
    expect(created.stdout).toContain('Created admin ops@example.test');

    const token = await runCli(['token', 'create', '--email', 'ops@example.test', '--name', 'ci'], { DATABASE_URL: url });
    expect(token.code).toBe(0);
    const lastLine = token.stdout.trim().split('\n').pop()!;
    expect(lastLine).toMatch(/^flt_[\w-]+$/);

    const db = await openDatabase(url);
    try {
      const { app } = await buildApp({ config: loadConfig({ DATABASE_URL: url, LOG_LEVEL: 'silent' }), db, logger: createLogger('silent') });
      const res = await app.inject({ url: '/api/v1/auth/session', headers: { authorization: `Bearer ${lastLine}` } });
      expect(res.json().user).toMatchObject({ email: 'ops@example.test', role: 'admin' });
      const login = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: 'ops@example.test', password: 'a very long password' } });
      expect(login.statusCode).toBe(200);
      await app.close();
    } finally {
      await db.close();
    }
  });

  it('explains bad input and exits non-zero', async () => {
    const role = await runCli(['user', 'create', '--email', 'x@example.test', '--name', 'X', '--role', 'boss', '--password', 'long enough pass'], { DATABASE_URL: url });
    expect(role.code).toBe(1);
    expect(role.stderr).toContain('--role must be');
    const duplicate = await runCli(['user', 'create', '--email', 'ops@example.test', '--name', 'Ops', '--role', 'agent', '--password', 'long enough pass'], { DATABASE_URL: url });
    expect(duplicate.code).toBe(1);
    expect(duplicate.stderr).toContain('already exists');
    const nobody = await runCli(['token', 'create', '--email', 'nobody@example.test', '--name', 'x'], { DATABASE_URL: url });
    expect(nobody.code).toBe(1);
    expect(nobody.stderr).toContain('No user with email');
    const config = await runCli(['migrate'], { DATABASE_URL: url, PORT: 'eighty' });
    expect(config.code).toBe(1);
    expect(config.stderr).toContain('PORT');
  });
});
