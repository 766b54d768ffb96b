import { afterAll, describe, expect, it } from 'vitest';
import { freshDatabaseUrl } from '../test-support/databases.js';
import { runCli, startServeProcess } from '../test-support/cli.js';

describe('frontline serve', () => {
  const drops: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const drop of drops) await drop();
  });
  const database = async (dialect: 'sqlite' | 'postgres') => {
    const { url, drop } = await freshDatabaseUrl(dialect);
    drops.push(drop);
    return url;
  };

  it('migrates, serves the API and health endpoints, and stops cleanly on SIGTERM', async () => {
    const server = await startServeProcess([], { DATABASE_URL: await database('sqlite'), FRONTLINE_DEMO: '0' });
    try {
      expect(((await (await fetch(`${server.url}/healthz`)).json()) as { status: string }).status).toBe('ok');
      expect(((await (await fetch(`${server.url}/readyz`)).json()) as { status: string }).status).toBe('ready');
      expect((await fetch(`${server.url}/api/v1/tickets`)).status).toBe(401);
      expect(server.output()).toContain('(all) is listening');
    } finally {
      expect(await server.stop()).toBe(0);
    }
  });

  it('refuses to split roles on SQLite, naming the variable', async () => {
    const res = await runCli(['serve', '--role', 'worker'], { DATABASE_URL: await database('sqlite') });
    expect(res.code).toBe(1);
    expect(res.stderr).toContain('FRONTLINE_ROLE');
    expect(res.stderr).toContain('PostgreSQL');
  });

  it('runs a worker on PostgreSQL with only operations endpoints', async () => {
    const url = await database('postgres');
    const worker = await startServeProcess(['--role', 'worker'], { DATABASE_URL: url, FRONTLINE_DEMO: '0' });
    try {
      expect((await fetch(`${worker.url}/readyz`)).status).toBe(200);
      expect((await fetch(`${worker.url}/metrics`)).status).toBe(200);
      expect((await fetch(`${worker.url}/api/v1/tickets`)).status).toBe(404);
    } finally {
      await worker.stop();
    }
    const web = await startServeProcess(['--role', 'web'], { DATABASE_URL: url, FRONTLINE_DEMO: '0' });
    try {
      expect((await fetch(`${web.url}/api/v1/tickets`)).status).toBe(401);
    } finally {
      await web.stop();
    }
  });
});
