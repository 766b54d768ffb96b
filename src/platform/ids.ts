import { randomFillSync } from 'node:crypto';

// Random bytes drawn in blocks: one system call per 256 ids instead of one per id.
const POOL = Buffer.alloc(16 * 256);
let poolOffset = POOL.length;

function randomBlock(): Buffer {
  if (poolOffset >= POOL.length) {
    randomFillSync(POOL);
    poolOffset = 0;
  }
  const block = Buffer.from(POOL.subarray(poolOffset, poolOffset + 16));
  poolOffset += 16;
  return block;
}

/**
 * A UUID version 7: time-ordered, so new rows land at the end of primary-key indexes
 * and ids sort roughly by creation, yet they cannot be guessed.
 */
export function newId(nowMs = Date.now()): string {
  const bytes = randomBlock();
  bytes.writeUIntBE(nowMs, 0, 6);
  bytes[6] = (bytes[6] & 0x0f) | 0x70;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
