import { createHash } from 'node:crypto';
import type { KbArticleRow, KbFeedbackRow, KbRevisionRow } from '../platform/db/tables.js';
import type { Article, ArticleStatus, Feedback, Revision } from './articles.schema.js';

/** The API shape of an article row. */
export function toArticle(row: KbArticleRow): Article {
  return {
    id: row.id,
    externalId: row.external_id,
    groupId: row.group_id,
    locale: row.locale,
    type: row.type as Article['type'],
    title: row.title,
    body: row.body,
    category: row.category,
    section: row.section,
    tags: JSON.parse(row.tags) as string[],
    visibility: row.visibility as Article['visibility'],
    status: row.status as ArticleStatus,
    reviewDueAt: row.review_due_at,
    viewCount: Number(row.view_count),
    helpfulCount: Number(row.helpful_count),
    notHelpfulCount: Number(row.not_helpful_count),
    author: { type: row.author_type, id: row.author_id, label: row.author_label },
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    publishedAt: row.published_at,
  };
}

/** The API shape of a revision row (without its body). */
export function toRevision(row: KbRevisionRow): Revision {
  return {
    id: row.id,
    articleId: row.article_id,
    number: row.number,
    title: row.title,
    status: row.status as ArticleStatus,
    author: { type: row.author_type, id: row.author_id, label: row.author_label },
    restoredFrom: row.restored_from,
    createdAt: row.created_at,
  };
}

/** The API shape of a feedback row. */
export function toFeedback(row: KbFeedbackRow): Feedback {
  return { id: row.id, articleId: row.article_id, helpful: row.helpful === 1, comment: row.comment, createdAt: row.created_at };
}

/** Tags as we store them: trimmed, lower case, inner spaces as dashes, no duplicates, in order given. */
export function normaliseTags(tags: string[]): string[] {
  return [...new Set(tags.map((t) => t.trim().toLowerCase().replace(/\s+/g, '-')).filter(Boolean))];
}

/** The fields whose changes the audit trail records (the body as length and hash: revisions keep the text). */
export function auditedFields(row: KbArticleRow): Record<string, unknown> {
  return {
    externalId: row.external_id,
    title: row.title,
    bodyLength: row.body.length,
    bodyHash: createHash('sha256').update(row.body).digest('hex').slice(0, 16),
    category: row.category,
    section: row.section,
    tags: JSON.parse(row.tags),
    visibility: row.visibility,
    status: row.status,
    locale: row.locale,
    type: row.type,
    reviewDueAt: row.review_due_at,
  };
}
