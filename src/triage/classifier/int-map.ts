/**
 * An open-addressing hash map from 32-bit integers to non-negative integers, kept in typed
 * arrays. Feature lookups run for every n-gram of every text, so they must not allocate.
 */
export class IntMap {
  private keys: Int32Array;
  private values: Int32Array;
  private mask: number;
  size = 0;

  constructor(expected = 1024) {
    let capacity = 16;
    while (capacity < expected * 2) capacity *= 2;
    this.keys = new Int32Array(capacity);
    this.values = new Int32Array(capacity).fill(-1);
    this.mask = capacity - 1;
  }

  /** The value stored for `key`, or -1. */
  get(key: number): number {
    let slot = slotOf(key, this.mask);
    for (;;) {
      const value = this.values[slot];
      if (value === -1) return -1;
      if (this.keys[slot] === key) return value;
      slot = (slot + 1) & this.mask;
    }
  }

  /** Stores `value` (≥ 0) under `key`. */
  set(key: number, value: number): void {
    if ((this.size + 1) * 2 > this.keys.length) this.grow();
    let slot = slotOf(key, this.mask);
    for (;;) {
      if (this.values[slot] === -1) {
        this.keys[slot] = key;
        this.values[slot] = value;
        this.size++;
        return;
      }
      if (this.keys[slot] === key) {
        this.values[slot] = value;
        return;
      }
      slot = (slot + 1) & this.mask;
    }
  }

  /** Adds 1 to the count under `key` (starting from 0). */
  increment(key: number): void {
    const current = this.get(key);
    this.set(key, current === -1 ? 1 : current + 1);
  }

  /** Calls `visit` for every entry, in slot order. */
  forEach(visit: (key: number, value: number) => void): void {
    for (let slot = 0; slot < this.keys.length; slot++) if (this.values[slot] !== -1) visit(this.keys[slot], this.values[slot]);
  }

  private grow(): void {
    const { keys, values } = this;
    this.keys = new Int32Array(keys.length * 2);
    this.values = new Int32Array(keys.length * 2).fill(-1);
    this.mask = this.keys.length - 1;
    this.size = 0;
    for (let slot = 0; slot < keys.length; slot++) if (values[slot] !== -1) this.set(keys[slot], values[slot]);
  }
}

function slotOf(key: number, mask: number): number {
  // Keys are already well-mixed hashes; one multiply spreads any that are not.
  return (Math.imul(key, 0x9e3779b1) >>> 16 ^ key) & mask;
}
