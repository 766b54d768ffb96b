import type { Config } from './config.js';

/** An absolute URL on this server as customers reach it (FRONTLINE_PUBLIC_URL), for links in emails and drafts. */
export function publicUrl(config: Pick<Config, 'publicUrl'>, path: string): string {
  return `${config.publicUrl}${path.startsWith('/') ? path : `/${path}`}`;
}

/** The help-center page of an article. */
export const helpArticleUrl = (config: Pick<Config, 'publicUrl'>, articleId: string): string => publicUrl(config, `/help/articles/${articleId}`);
