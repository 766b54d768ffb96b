/**
 * 32-bit hashing of n-grams without building strings: features are hashed from character codes
 * directly, so extracting a text's features allocates nothing per feature.
 */

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** Starts an FNV-1a hash; `seed` separates feature families that could share a string. */
export function fnvStart(seed: number): number {
  return (FNV_OFFSET ^ Math.imul(seed, 0x9e3779b1)) | 0;
}

/** Adds one UTF-16 code unit to an FNV-1a hash. */
export function fnvStep(hash: number, code: number): number {
  return Math.imul(hash ^ code, FNV_PRIME);
}

/** The FNV-1a hash of a whole string. */
export function hashString(text: string, seed: number): number {
  let h = fnvStart(seed);
  for (let i = 0; i < text.length; i++) h = fnvStep(h, text.charCodeAt(i));
  return h;
}

/** MurmurHash3's finaliser: spreads the bits so that nearby inputs land far apart. */
export function mix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h | 0;
}

/** Combines two hashes in an order-sensitive way (for word n-grams). */
export function combine(a: number, b: number): number {
  return mix32(Math.imul(a, 0x9e3779b1) ^ (b + 0x7f4a7c15));
}
