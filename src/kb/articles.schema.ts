import { z } from 'zod';
import { Limit, Timestamp } from '../platform/http/schemas.js';
import { UUID_PATTERN } from '../platform/ids.js';
import { isKnownLocale } from './locale.js';

export const VISIBILITIES = ['public', 'internal'] as const;
export const STATUSES = ['draft', 'in_review', 'published'] as const;
export const ARTICLE_TYPES = ['article', 'faq'] as const;
export type ArticleStatus = (typeof STATUSES)[number];

/** Longest body an article may have, in characters; an FAQ entry is kept short. */
export const BODY_MAX_CHARS = 200_000;
export const FAQ_BODY_MAX_CHARS = 4_000;

const Title = z.string().trim().min(1).max(300);
const Body = z.string().max(BODY_MAX_CHARS).describe('Markdown');
const Tags = z.array(z.string().trim().min(1).max(64)).max(50);
const Label = z.string().trim().min(1).max(120);
const Locale = z
  .string()
  .trim()
  .min(2)
  .max(35)
  .refine(isKnownLocale, 'is not a known locale (use a language tag such as en, fr or pt-BR)')
  .describe('A BCP 47 language tag, for example en, fr or pt-BR');
const ReviewDue = z.iso.date().describe('The date (YYYY-MM-DD) by which the article should be reviewed');
const ExternalId = z.string().trim().min(1).max(200);

export const CreateArticleBody = z.object({
  title: Title,
  body: Body,
  category: Label.optional(),
  section: Label.optional(),
  tags: Tags.optional(),
  visibility: z.enum(VISIBILITIES),
  status: z.enum(STATUSES),
  locale: Locale.optional().describe('Default en'),
  type: z.enum(ARTICLE_TYPES).optional().describe('Default article; faq entries are short'),
  translationOf: z.string().regex(UUID_PATTERN, 'must be an id').optional().describe('The article this one translates'),
  reviewDueAt: ReviewDue.optional(),
  externalId: ExternalId.optional(),
});
export type CreateArticleInput = z.infer<typeof CreateArticleBody>;

export const UpdateArticleBody = z
  .object({
    title: Title.optional(),
    body: Body.optional(),
    category: Label.nullable().optional(),
    section: Label.nullable().optional(),
    tags: Tags.optional(),
    visibility: z.enum(VISIBILITIES).optional(),
    status: z.enum(STATUSES).optional(),
    type: z.enum(ARTICLE_TYPES).optional(),
    reviewDueAt: ReviewDue.nullable().optional(),
    externalId: ExternalId.nullable().optional(),
  })
  .strict();
export type UpdateArticleInput = z.infer<typeof UpdateArticleBody>;

export const ListArticlesQuery = z.object({
  status: z.enum(STATUSES).optional(),
  visibility: z.enum(VISIBILITIES).optional(),
  type: z.enum(ARTICLE_TYPES).optional(),
  category: z.string().max(120).optional(),
  section: z.string().max(120).optional(),
  tag: z.string().max(64).optional(),
  locale: z.string().max(35).optional(),
  externalId: z.string().max(200).optional(),
  reviewDueBefore: z.iso.date().optional().describe('Only articles whose review is due on or before this date'),
  limit: Limit(100, 25),
  cursor: z.string().max(500).optional(),
});
export type ListArticlesFilter = z.infer<typeof ListArticlesQuery>;

const Author = z.object({ type: z.string(), id: z.string().nullable(), label: z.string().nullable() });

export const ArticleSchema = z.object({
  id: z.string(),
  externalId: z.string().nullable(),
  groupId: z.string().describe('Shared by an article and its translations'),
  locale: z.string(),
  type: z.enum(ARTICLE_TYPES),
  title: z.string(),
  body: z.string(),
  category: z.string().nullable(),
  section: z.string().nullable(),
  tags: z.array(z.string()),
  visibility: z.enum(VISIBILITIES),
  status: z.enum(STATUSES),
  reviewDueAt: z.string().nullable(),
  viewCount: z.number(),
  helpfulCount: z.number(),
  notHelpfulCount: z.number(),
  author: Author,
  version: z.number(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  publishedAt: Timestamp.nullable(),
});
export type Article = z.infer<typeof ArticleSchema>;

export const ArticleDetailSchema = ArticleSchema.extend({
  translations: z.array(z.object({ id: z.string(), locale: z.string(), title: z.string(), status: z.enum(STATUSES) })),
});
export type ArticleDetail = z.infer<typeof ArticleDetailSchema>;

export const ArticleListResponse = z.object({ items: z.array(ArticleSchema), nextCursor: z.string().nullable() });

export const RevisionSchema = z.object({
  id: z.string(),
  articleId: z.string(),
  number: z.number(),
  title: z.string(),
  status: z.enum(STATUSES),
  author: Author,
  restoredFrom: z.number().nullable().describe('The revision number this one restored'),
  createdAt: Timestamp,
});
export type Revision = z.infer<typeof RevisionSchema>;

export const DiffLine = z.object({ op: z.enum(['equal', 'insert', 'delete']), text: z.string() });
export const RevisionDetailSchema = RevisionSchema.extend({
  body: z.string(),
  diff: z.array(DiffLine).describe('Line changes of the body since the previous revision'),
});
export type RevisionDetail = z.infer<typeof RevisionDetailSchema>;

export const RevisionListResponse = z.object({ items: z.array(RevisionSchema) });
export const RevisionParams = z.object({
  id: z.string().regex(UUID_PATTERN, 'must be an id'),
  revisionId: z.string().regex(UUID_PATTERN, 'must be an id'),
});

export const FeedbackBody = z.object({ helpful: z.boolean(), comment: z.string().trim().max(2_000).optional() });
export type FeedbackInput = z.infer<typeof FeedbackBody>;
export const FeedbackSchema = z.object({
  id: z.string(),
  articleId: z.string(),
  helpful: z.boolean(),
  comment: z.string().nullable(),
  createdAt: Timestamp,
});
export type Feedback = z.infer<typeof FeedbackSchema>;
export const FeedbackListResponse = z.object({
  helpfulCount: z.number(),
  notHelpfulCount: z.number(),
  items: z.array(FeedbackSchema),
  nextCursor: z.string().nullable(),
});
export const FeedbackListQuery = z.object({ limit: Limit(200, 50), cursor: z.string().max(500).optional() });
