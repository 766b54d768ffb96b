import type { Kysely } from 'kysely';
import type { Actor } from '../platform/auth/principal.js';
import type { Deps } from '../platform/context.js';
import { inTransaction } from '../platform/context.js';
import { constraintViolation } from '../platform/db/dialect.js';
import type { Database, KbArticleRow, KbArticleUpdate, KbRevisionRow } from '../platform/db/tables.js';
import { AppError, notFound } from '../platform/errors.js';
import { newId } from '../platform/ids.js';
import { diff, recordAudit } from '../audit/audit.service.js';
import {
  FAQ_BODY_MAX_CHARS,
  type Article,
  type ArticleDetail,
  type ArticleStatus,
  type CreateArticleInput,
  type ListArticlesFilter,
  type UpdateArticleInput,
} from './articles.schema.js';
import {
  deleteArticleRow,
  findArticleRow,
  findArticles,
  findGroupLocale,
  findTranslations,
  incrementCounter,
  insertArticles,
  insertDeletion,
  insertRevisions,
  latestRevisionNumbers,
  replaceArticleTags,
  updateArticleIfVersion,
} from './articles.store.js';
import { auditedFields, normaliseTags, toArticle } from './articles.view.js';
import { takeChangeSeq } from './changes.js';
import { canonicalLocale } from './locale.js';
import { decodeKeyset, toPage } from './paging.js';
import { noteArticleWrites } from './search.service.js';

type Trx = Kysely<Database>;

/** An FAQ entry is a short answer: refuse long bodies for that type. */
function checkFaqLength(type: string, body: string): void {
  if (type === 'faq' && body.length > FAQ_BODY_MAX_CHARS) {
    throw new AppError('validation_failed', `An FAQ entry may have at most ${FAQ_BODY_MAX_CHARS} characters; make it an article`, {
      fields: [{ path: 'body', message: `is longer than ${FAQ_BODY_MAX_CHARS} characters for an FAQ entry` }],
    });
  }
}

/** A duplicate external id or translation locale becomes a 409 instead of a 500. */
async function uniquely<T>(what: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (constraintViolation(error) === 'unique') throw new AppError('already_exists', `${what} already exists`);
    throw error;
  }
}

/** The revision row that snapshots an article's title, body and status. */
export function revisionOf(row: KbArticleRow, number: number, actor: Actor, at: string, restoredFrom: number | null = null): KbRevisionRow {
  return {
    id: newId(),
    article_id: row.id,
    number,
    title: row.title,
    body: row.body,
    status: row.status,
    author_type: actor.type,
    author_id: actor.id,
    author_label: actor.label,
    restored_from: restoredFrom,
    created_at: at,
  };
}

/** What the author of a new article chooses; every other column starts the same for every article. */
export type NewArticleFields = Pick<
  KbArticleRow,
  'id' | 'external_id' | 'group_id' | 'locale' | 'type' | 'title' | 'body' | 'category' | 'section' | 'visibility' | 'status' | 'review_due_at'
>;

/** A new article's row: version 1, no views or votes yet, published now when its status says so. */
export function newArticleRow(fields: NewArticleFields, tags: string[], actor: Actor, now: string, seq: number): KbArticleRow {
  return {
    ...fields,
    tags: JSON.stringify(tags),
    view_count: 0,
    helpful_count: 0,
    not_helpful_count: 0,
    author_type: actor.type,
    author_id: actor.id,
    author_label: actor.label,
    version: 1,
    change_seq: seq,
    created_at: now,
    updated_at: now,
    published_at: fields.status === 'published' ? now : null,
  };
}

/**
 * Creates an article (or a translation of one) with its first revision, audited. `ticketId`
 * (an article drafted from a ticket) puts the audit event on that ticket's trail too.
 */
export async function createArticle(deps: Deps, actor: Actor, input: CreateArticleInput, options: { ticketId?: string } = {}): Promise<ArticleDetail> {
  const type = input.type ?? 'article';
  checkFaqLength(type, input.body);
  const id = newId();
  const now = deps.clock.now().toISOString();
  const tags = normaliseTags(input.tags ?? []);
  const row = await uniquely(input.translationOf ? 'A translation in this locale' : 'An article with this externalId', () =>
    inTransaction(deps, async (trx) => {
      let groupId = id;
      const locale = canonicalLocale(input.locale ?? 'en') ?? 'en';
      if (input.translationOf) {
        const source = await findArticleRow(trx, input.translationOf);
        if (!source) throw new AppError('validation_failed', 'translationOf does not name an article', { fields: [{ path: 'translationOf', message: 'is not an article' }] });
        groupId = source.group_id;
        if (await findGroupLocale(trx, groupId, locale)) throw new AppError('already_exists', `The article already has a ${locale} version`);
      }
      const seq = await takeChangeSeq(trx);
      const created = newArticleRow(
        {
          id,
          external_id: input.externalId ?? null,
          group_id: groupId,
          locale,
          type,
          title: input.title,
          body: input.body,
          category: input.category ?? null,
          section: input.section ?? null,
          visibility: input.visibility,
          status: input.status,
          review_due_at: input.reviewDueAt ?? null,
        },
        tags,
        actor,
        now,
        seq,
      );
      await insertArticles(trx, [created]);
      await replaceArticleTags(trx, [id], new Map([[id, tags]]));
      await insertRevisions(trx, [revisionOf(created, 1, actor, now)]);
      await recordAudit(trx, deps.clock, { actor, action: 'kb.article.created', entityType: 'kb_article', entityId: id, ticketId: options.ticketId, changes: { after: auditedFields(created) } });
      return created;
    }),
  );
  noteArticleWrites(deps, row.change_seq, [row], []);
  return getArticle(deps, id);
}

/** An article with the list of its translations. */
export async function getArticle(deps: Deps, id: string): Promise<ArticleDetail> {
  const row = await findArticleRow(deps.db.kysely, id);
  if (!row) throw notFound('Article');
  const translations = await findTranslations(deps.db.kysely, row.group_id, row.id);
  return { ...toArticle(row), translations: translations.map((t) => ({ ...t, status: t.status as ArticleStatus })) };
}

/** Articles matching the filters, most recently updated first, a page at a time. */
export async function listArticles(deps: Deps, filter: ListArticlesFilter): Promise<{ items: Article[]; nextCursor: string | null }> {
  const rows = await findArticles(deps.db.kysely, filter, decodeKeyset(filter.cursor), filter.limit + 1);
  return toPage(rows, filter.limit, (r) => r.updated_at, toArticle);
}

export interface ChangeOptions {
  action: string;
  ifMatch?: number;
  restoredFrom?: number;
}

/**
 * Applies a change inside the caller's transaction: bumps the version (refusing a stale
 * If-Match), keeps a revision when the title, body or status changed, and audits the diff.
 * Returns the new row, or the current one unchanged when nothing differs.
 */
export async function changeArticle(deps: Deps, trx: Trx, actor: Actor, id: string, patch: UpdateArticleInput, options: ChangeOptions): Promise<{ row: KbArticleRow; changed: boolean }> {
  const current = await findArticleRow(trx, id);
  if (!current) throw notFound('Article');
  if (options.ifMatch !== undefined && current.version !== options.ifMatch) {
    throw new AppError('precondition_failed', `The article is at version ${current.version}, not ${options.ifMatch}`, { currentVersion: current.version });
  }
  const now = deps.clock.now().toISOString();
  const tags = patch.tags ? normaliseTags(patch.tags) : undefined;
  const pick = <K extends keyof UpdateArticleInput, V>(key: K, fallback: V) => (patch[key] === undefined ? fallback : (patch[key] as V));
  const next: KbArticleRow = {
    ...current,
    title: pick('title', current.title),
    body: pick('body', current.body),
    category: pick('category', current.category),
    section: pick('section', current.section),
    tags: tags ? JSON.stringify(tags) : current.tags,
    visibility: pick('visibility', current.visibility),
    status: pick('status', current.status),
    type: pick('type', current.type),
    review_due_at: pick('reviewDueAt', current.review_due_at),
    external_id: pick('externalId', current.external_id),
  };
  checkFaqLength(next.type, next.body);
  const changes = diff(auditedFields(current), auditedFields(next));
  if (!changes) return { row: current, changed: false };
  const update: KbArticleUpdate = {
    title: next.title,
    body: next.body,
    category: next.category,
    section: next.section,
    tags: next.tags,
    visibility: next.visibility,
    status: next.status,
    type: next.type,
    review_due_at: next.review_due_at,
    external_id: next.external_id,
    change_seq: await takeChangeSeq(trx),
    updated_at: now,
    published_at: current.published_at ?? (next.status === 'published' ? now : null),
  };
  if (!(await updateArticleIfVersion(trx, id, current.version, update))) {
    throw new AppError('precondition_failed', 'The article was changed by someone else at the same time; read it again');
  }
  if (tags) await replaceArticleTags(trx, [id], new Map([[id, tags]]));
  const row = { ...next, ...update, version: current.version + 1 } as KbArticleRow;
  if (next.title !== current.title || next.body !== current.body || next.status !== current.status) {
    const last = (await latestRevisionNumbers(trx, [id])).get(id) ?? 0;
    await insertRevisions(trx, [revisionOf(row, last + 1, actor, now, options.restoredFrom ?? null)]);
  }
  await recordAudit(trx, deps.clock, { actor, action: options.action, entityType: 'kb_article', entityId: id, changes });
  return { row, changed: true };
}

/** Changes an article's fields; `ifMatch` refuses (412) when it moved on since that version. */
export async function updateArticle(deps: Deps, actor: Actor, id: string, input: UpdateArticleInput, ifMatch?: number): Promise<ArticleDetail> {
  const { row, changed } = await uniquely('An article with this externalId', () =>
    inTransaction(deps, (trx) => changeArticle(deps, trx, actor, id, input, { action: 'kb.article.updated', ifMatch })),
  );
  if (changed) noteArticleWrites(deps, row.change_seq, [row], []);
  return getArticle(deps, id);
}

/** Deletes an article with its revisions and feedback; the audit trail keeps what it was. */
export async function deleteArticle(deps: Deps, actor: Actor, id: string): Promise<void> {
  const seq = await inTransaction(deps, async (trx) => {
    const row = await findArticleRow(trx, id);
    if (!row) throw notFound('Article');
    const seq = await takeChangeSeq(trx);
    await deleteArticleRow(trx, id);
    await insertDeletion(trx, seq, id);
    await recordAudit(trx, deps.clock, { actor, action: 'kb.article.deleted', entityType: 'kb_article', entityId: id, changes: { before: auditedFields(row) } });
    return seq;
  });
  noteArticleWrites(deps, seq, [], [id]);
}

/** Counts one view of an article (the help center calls this when it shows one). */
export async function recordArticleView(deps: Deps, id: string): Promise<void> {
  if (!(await incrementCounter(deps.db.kysely, id, 'view_count'))) throw notFound('Article');
}
