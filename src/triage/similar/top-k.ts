/** A similar ticket and how alike it is. */
export interface SimilarMatch {
  number: number;
  /** Similarity, 0 … 1 (1: the same words in the same proportions). */
  score: number;
}

/** Higher score first, then the lower (older) ticket number: a total, deterministic order. */
export const better = (a: SimilarMatch, b: SimilarMatch): number => b.score - a.score || a.number - b.number;

/** Keeps the k best matches offered. */
export class TopK {
  private readonly items: SimilarMatch[] = [];
  constructor(private readonly k: number) {}

  offer(number: number, score: number): void {
    const item = { number, score };
    if (this.items.length < this.k) {
      this.items.push(item);
      if (this.items.length === this.k) this.items.sort(better);
      return;
    }
    if (this.k === 0 || better(item, this.items[this.k - 1]) >= 0) return;
    // k is small (tens): shifting a sorted list beats a heap's bookkeeping.
    let i = this.k - 1;
    while (i > 0 && better(item, this.items[i - 1]) < 0) {
      this.items[i] = this.items[i - 1];
      i--;
    }
    this.items[i] = item;
  }

  /** The matches kept, best first. */
  sorted(): SimilarMatch[] {
    return this.items.sort(better);
  }
}
