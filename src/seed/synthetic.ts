import type { Deps } from '../platform/context.js';

/** Inserts N synthetic tickets in bulk. (Being written.) */
export async function seedSyntheticTickets(_deps: Deps, _count: number, _options: { seed: number; onProgress?: (n: number) => void }): Promise<number> {
  throw new Error('not yet written');
}
