import { z } from 'zod';
import type { Actor } from '../platform/auth/principal.js';
import type { Deps } from '../platform/context.js';
import { inTransaction } from '../platform/context.js';
import type { KbArticleRow, KbRevisionRow } from '../platform/db/tables.js';
import { newId } from '../platform/ids.js';
import { diff, recordAudit } from '../audit/audit.service.js';
import { BODY_MAX_CHARS } from './articles.schema.js';
import { newArticleRow, revisionOf, type NewArticleFields } from './articles.service.js';
import { findArticlesByExternalIds, insertArticles, insertRevisions, latestRevisionNumbers, replaceArticleTags, updateArticleIfVersion } from './articles.store.js';
import { auditedFields, normaliseTags } from './articles.view.js';
import { takeChangeSeq } from './changes.js';
import { noteArticleWrites } from './search.service.js';

/** One line of `frontline kb import`: an article keyed by its external id, imported published and public. */
export const ImportRecord = z.object({
  externalId: z.string().trim().min(1).max(200),
  title: z.string().trim().min(1).max(300),
  body: z.string().max(BODY_MAX_CHARS),
  category: z.string().trim().max(120).nullish(),
  tags: z.array(z.string().trim().min(1).max(64)).max(50).nullish(),
});
export type ImportRecord = z.infer<typeof ImportRecord>;

export interface ImportCounts {
  created: number;
  updated: number;
  unchanged: number;
}

/**
 * Creates or updates a batch of articles by external id in one transaction (one change number
 * for the batch): a new id becomes a published public article, a known one is updated in place
 * with a revision when its text changed, and an identical one is left alone. Each write is audited.
 */
export async function importArticles(deps: Deps, actor: Actor, records: ImportRecord[]): Promise<ImportCounts> {
  // The last line for an external id wins, as if the lines had been imported one by one.
  const byExternalId = new Map(records.map((r) => [r.externalId, r]));
  const now = deps.clock.now().toISOString();
  const counts: ImportCounts = { created: 0, updated: 0, unchanged: 0 };
  const result = await inTransaction(deps, async (trx) => {
    const existing = new Map((await findArticlesByExternalIds(trx, [...byExternalId.keys()])).map((row) => [row.external_id!, row]));
    let seq: number | undefined;
    const nextSeq = async () => (seq ??= await takeChangeSeq(trx));
    const created: KbArticleRow[] = [];
    const changed: KbArticleRow[] = [];
    const revisions: KbRevisionRow[] = [];
    const tagsById = new Map<string, string[]>();
    const revisionNumbers = await latestRevisionNumbers(trx, [...existing.values()].map((r) => r.id));
    for (const record of byExternalId.values()) {
      const tags = normaliseTags(record.tags ?? []);
      const current = existing.get(record.externalId);
      if (!current) {
        const row = newImportedRow(record, tags, actor, now, await nextSeq());
        created.push(row);
        tagsById.set(row.id, tags);
        revisions.push(revisionOf(row, 1, actor, now));
        await recordAudit(trx, deps.clock, { actor, action: 'kb.article.imported', entityType: 'kb_article', entityId: row.id, changes: { after: auditedFields(row) } });
        continue;
      }
      const next: KbArticleRow = {
        ...current,
        title: record.title,
        body: record.body,
        category: record.category || null,
        tags: JSON.stringify(tags),
        status: 'published',
        visibility: 'public',
      };
      const changes = diff(auditedFields(current), auditedFields(next));
      if (!changes) {
        counts.unchanged++;
        continue;
      }
      const update = {
        title: next.title,
        body: next.body,
        category: next.category,
        tags: next.tags,
        status: next.status,
        visibility: next.visibility,
        change_seq: await nextSeq(),
        updated_at: now,
        published_at: current.published_at ?? now,
      };
      // A concurrent edit of the same article wins; the import reports it as unchanged.
      if (!(await updateArticleIfVersion(trx, current.id, current.version, update))) {
        counts.unchanged++;
        continue;
      }
      const row = { ...next, ...update, version: current.version + 1 };
      changed.push(row);
      tagsById.set(row.id, tags);
      if (row.title !== current.title || row.body !== current.body || row.status !== current.status) {
        revisions.push(revisionOf(row, (revisionNumbers.get(row.id) ?? 0) + 1, actor, now));
      }
      await recordAudit(trx, deps.clock, { actor, action: 'kb.article.imported', entityType: 'kb_article', entityId: row.id, changes });
    }
    await insertArticles(trx, created);
    await replaceArticleTags(trx, [...tagsById.keys()], tagsById);
    await insertRevisions(trx, revisions);
    counts.created = created.length;
    counts.updated = changed.length;
    return { seq, rows: [...created, ...changed] };
  });
  if (result.seq !== undefined) noteArticleWrites(deps, result.seq, result.rows, []);
  return counts;
}

function newImportedRow(record: ImportRecord, tags: string[], actor: Actor, now: string, seq: number): KbArticleRow {
  const id = newId();
  const fields: NewArticleFields = {
    id,
    external_id: record.externalId,
    group_id: id,
    locale: 'en',
    type: 'article',
    title: record.title,
    body: record.body,
    category: record.category || null,
    section: null,
    visibility: 'public',
    status: 'published',
    review_due_at: null,
  };
  return newArticleRow(fields, tags, actor, now, seq);
}
