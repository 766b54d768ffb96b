import { describe, expect, it } from 'vitest';
import { newId, UUID_PATTERN } from './ids.js';

describe('newId', () => {
  it('makes distinct version-7 UUIDs that sort by time', () => {
    const ids = Array.from({ length: 2000 }, (_, i) => newId(1_700_000_000_000 + i));
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) {
      expect(id).toMatch(UUID_PATTERN);
      expect(id[14]).toBe('7');
      expect('89ab').toContain(id[19]);
    }
    expect([...ids].sort()).toEqual(ids);
  });
});
