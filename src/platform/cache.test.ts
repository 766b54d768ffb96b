import { afterEach, describe, expect, it, vi } from 'vitest';
import { PerDatabaseCache } from './cache.js';

describe('PerDatabaseCache', () => {
  afterEach(() => vi.useRealTimers());

  it('loads once per database within the TTL, again after it or after clear, and keeps a value set by a writer', async () => {
    vi.useFakeTimers();
    const cache = new PerDatabaseCache<number>(5_000);
    const [a, b] = [{}, {}];
    let loads = 0;
    const load = async () => ++loads;
    expect(await cache.get(a, load)).toBe(1);
    expect(await cache.get(a, load)).toBe(1);
    expect(await cache.get(b, load)).toBe(2);
    vi.advanceTimersByTime(5_001);
    expect(await cache.get(a, load)).toBe(3);
    cache.clear(a);
    expect(await cache.get(a, load)).toBe(4);
    cache.set(a, 42);
    expect(await cache.get(a, load)).toBe(42);
    expect(loads).toBe(4);
  });
});
