import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ERRORS } from './errors.js';

describe('the error catalogue', () => {
  const page = readFileSync(new URL('../../docs/errors.md', import.meta.url), 'utf8');

  it('is documented code by code, with the right status', () => {
    for (const [code, { status }] of Object.entries(ERRORS)) {
      expect(page, `docs/errors.md lacks ${code}`).toMatch(new RegExp(`\\| \`${code}\` \\| ${status} \\|`));
    }
  });

  it('uses client statuses for client mistakes and one server status', () => {
    const serverCodes = Object.entries(ERRORS).filter(([, e]) => e.status >= 500);
    expect(serverCodes.map(([code]) => code)).toEqual(['internal_error']);
  });
});
