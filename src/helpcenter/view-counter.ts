import type { Deps } from '../platform/context.js';
import { recordArticleViews } from '../kb/public.service.js';

/**
 * Article views, counted in memory and written once a second: a page view then costs no write
 * (on PostgreSQL a round trip and a commit). A crash loses at most a second of views; closing
 * the app flushes what is pending.
 */
export class ViewCounter {
  private pending = new Map<string, number>();
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly deps: Deps, private readonly everyMs = 1_000) {}

  /** Counts one view. */
  add(articleId: string): void {
    this.pending.set(articleId, (this.pending.get(articleId) ?? 0) + 1);
    if (!this.timer) {
      this.timer = setTimeout(() => void this.flush(), this.everyMs);
      this.timer.unref();
    }
  }

  /** Writes the pending counts now. */
  async flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.pending.size === 0) return;
    const counts = this.pending;
    this.pending = new Map();
    try {
      await recordArticleViews(this.deps, counts);
    } catch (error) {
      this.deps.logger.warn({ err: error, articles: counts.size }, 'article views not recorded');
    }
  }
}
