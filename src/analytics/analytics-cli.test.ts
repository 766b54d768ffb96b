import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../test-support/cli.js';
import { DIALECTS, freshDatabaseUrl } from '../test-support/databases.js';

describe.each(DIALECTS)('frontline analytics, forecast and monitors on %s', (dialect) => {
  let env: Record<string, string>;
  let drop: () => Promise<void>;

  beforeAll(async () => {
    const fresh = await freshDatabaseUrl(dialect);
    drop = fresh.drop;
    env = { DATABASE_URL: fresh.url };
    // Bulk seeding skips the lifecycle hooks: the rebuild is what makes its tickets count.
    const seeded = await runCli(['seed', '--tickets', '400', '--seed', '3'], env);
    expect(seeded.code, seeded.stderr).toBe(0);
  }, 300_000);
  afterAll(() => drop());

  it('rebuilds the rollups and reports them as CSV and JSON', async () => {
    const rebuilt = await runCli(['analytics', 'rebuild'], env);
    expect(rebuilt.code, rebuilt.stderr).toBe(0);
    expect(rebuilt.stdout).toMatch(/Rebuilt rollups from 400 tickets/);
    const to = new Date(Date.now() + 86_400_000).toISOString();
    const csv = await runCli(['analytics', 'report', '--from', '2000-01-01', '--to', to, '--by', 'tier'], env);
    expect(csv.code, csv.stderr).toBe(0);
    const lines = csv.stdout.trim().split('\n');
    expect(lines[0].startsWith('value,created,solved')).toBe(true);
    expect(lines[1].startsWith('*,400,')).toBe(true);
    expect(lines.length).toBeGreaterThanOrEqual(3);
    const json = await runCli(['analytics', 'report', '--from', '2000-01-01', '--to', to, '--format', 'json'], env);
    expect(JSON.parse(json.stdout).total.figures.created).toBe(400);
    const inverted = await runCli(['analytics', 'report', '--from', to, '--to', '2000-01-01'], env);
    expect(inverted.code).toBe(1);
    expect(inverted.stderr).toContain('invalid_period');
  }, 300_000);

  it('forecasts with its backtest error and runs the monitors', async () => {
    const forecast = await runCli(['forecast', '--hours', '24'], env);
    expect(forecast.code, forecast.stderr).toBe(0);
    expect(forecast.stderr).toMatch(/backtest on the last 168 h: MAE [\d.]+ tickets\/h/);
    const rows = forecast.stdout.trim().split('\n');
    expect(rows[0]).toBe('hour,expected,agents');
    expect(rows).toHaveLength(25);
    const monitors = await runCli(['monitors', 'run'], env);
    expect(monitors.code, monitors.stderr).toBe(0);
    for (const name of ['escalations', 'volume_spike', 'sla_breaches', 'csat_decline', 'kb_gaps', 'process']) expect(monitors.stderr).toContain(`${name}:`);
    for (const line of monitors.stdout.trim().split('\n').filter(Boolean)) expect(JSON.parse(line)).toMatchObject({ monitor: expect.any(String), status: 'open' });
  }, 300_000);
});
