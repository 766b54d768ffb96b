import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('config', () => {
  it('has defaults that run on one machine', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ databaseUrl: './data/frontline.db', port: 3000, host: '0.0.0.0', demo: true, secret: undefined, role: 'all' });
  });

  it('names the variable that is wrong', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: '70000' })).toThrow(/PORT/);
    expect(() => loadConfig({ LOG_LEVEL: 'loud' })).toThrow(/LOG_LEVEL/);
    expect(() => loadConfig({ FRONTLINE_DEMO: 'maybe' })).toThrow(/FRONTLINE_DEMO/);
    expect(() => loadConfig({ FRONTLINE_SECRET: 'short' })).toThrow(/FRONTLINE_SECRET/);
  });

  it('reads secrets from NAME_FILE and refuses both forms at once', () => {
    const dir = mkdtempSync(join(tmpdir(), 'frontline-config-'));
    const file = join(dir, 'secret');
    writeFileSync(file, `${'s'.repeat(40)}\n`);
    expect(loadConfig({ FRONTLINE_SECRET_FILE: file }).secret).toBe('s'.repeat(40));
    expect(() => loadConfig({ FRONTLINE_SECRET_FILE: file, FRONTLINE_SECRET: 'x'.repeat(40) })).toThrow(/FRONTLINE_SECRET_FILE/);
    expect(() => loadConfig({ FRONTLINE_SECRET_FILE: join(dir, 'missing') })).toThrow(/cannot be read/);
  });

  it('treats empty values as unset and parses booleans', () => {
    expect(loadConfig({ PORT: '', FRONTLINE_DEMO: '0' })).toMatchObject({ port: 3000, demo: false });
  });
});
