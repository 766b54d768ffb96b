import type { Actor } from '../platform/auth/principal.js';
import type { Deps } from '../platform/context.js';
import { inTransaction } from '../platform/context.js';
import { AppError, notFound } from '../platform/errors.js';
import { newId } from '../platform/ids.js';
import { diff, recordAudit } from '../audit/audit.service.js';
import { getArticle } from '../kb/articles.service.js';
import { canonicalLocale } from '../kb/locale.js';
import type { CreateGuideInput, Guide, GuideNode, GuideProblem, GuideSummary, ListGuidesFilter, UpdateGuideInput } from './guides.schema.js';
import { deleteGuideRow, findGuideRow, findGuides, findPublicGuides, insertGuide, insertGuideVersion, updateGuideIfVersion } from './guides.store.js';
import type { GuideRow } from './guides.tables.js';
import { auditedGuideFields, parseNodes, toGuide, toGuideSummary } from './guides.view.js';
import { validateGuide } from './validate.js';

/** The tree's problems, including solved outcomes that name an article which does not exist. */
export async function checkGuide(deps: Deps, startNodeId: string, nodes: GuideNode[]): Promise<GuideProblem[]> {
  const problems = validateGuide(startNodeId, nodes);
  for (const node of nodes) {
    if (node.type !== 'outcome' || !node.articleId) continue;
    try {
      await getArticle(deps, node.articleId);
    } catch (error) {
      if (!(error instanceof AppError && error.code === 'not_found')) throw error;
      problems.push({ nodeId: node.id, problem: 'unknown_article', detail: `"${node.id}" names article ${node.articleId}, which does not exist` });
    }
  }
  return problems;
}

/** Refuses (400 guide_invalid, with the node ids at fault) a tree that is not sound. */
async function assertSound(deps: Deps, startNodeId: string, nodes: GuideNode[]): Promise<void> {
  const problems = await checkGuide(deps, startNodeId, nodes);
  if (problems.length === 0) return;
  const ids = [...new Set(problems.map((p) => p.nodeId))];
  throw new AppError('guide_invalid', problems.map((p) => p.detail).join('; '), { nodes: ids, problems });
}

/** Creates a guide (draft or published) after validating its tree; audited. */
export async function createGuide(deps: Deps, actor: Actor, input: CreateGuideInput): Promise<Guide> {
  await assertSound(deps, input.startNodeId, input.nodes);
  const now = deps.clock.now().toISOString();
  const row: GuideRow = {
    id: newId(),
    title: input.title,
    description: input.description ?? '',
    category: input.category ?? null,
    locale: canonicalLocale(input.locale ?? 'en') ?? 'en',
    visibility: input.visibility,
    status: input.status,
    start_node_id: input.startNodeId,
    nodes: JSON.stringify(input.nodes),
    version: 1,
    author_type: actor.type,
    author_id: actor.id,
    created_at: now,
    updated_at: now,
    published_at: input.status === 'published' ? now : null,
  };
  await inTransaction(deps, async (trx) => {
    await insertGuide(trx, row);
    await insertGuideVersion(trx, { guide_id: row.id, version: 1, title: row.title, start_node_id: row.start_node_id, nodes: row.nodes, created_at: now });
    await recordAudit(trx, deps.clock, { actor, action: 'guide.created', entityType: 'guide', entityId: row.id, changes: { after: auditedGuideFields(row) } });
  });
  forgetPublicGuides(deps);
  return toGuide(row);
}

/** One guide with its tree. */
export async function getGuide(deps: Deps, id: string): Promise<Guide> {
  const row = await findGuideRow(deps.db.kysely, id);
  if (!row) throw notFound('Guide');
  return toGuide(row);
}

/** Guides matching the filters, most recently updated first, a page at a time. */
export async function listGuides(deps: Deps, filter: ListGuidesFilter): Promise<{ items: GuideSummary[]; nextCursor: string | null }> {
  const after = decodeCursor(filter.cursor);
  const rows = await findGuides(deps.db.kysely, filter, after, filter.limit + 1);
  const page = rows.slice(0, filter.limit);
  const last = page[page.length - 1];
  const nextCursor = rows.length > filter.limit && last ? Buffer.from(JSON.stringify({ at: last.updated_at, id: last.id })).toString('base64url') : null;
  return { items: page.map(toGuideSummary), nextCursor };
}

function decodeCursor(cursor: string | undefined): { at: string; id: string } | undefined {
  if (cursor === undefined) return undefined;
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString()) as { at?: unknown; id?: unknown };
    if (typeof parsed.at === 'string' && typeof parsed.id === 'string') return { at: parsed.at, id: parsed.id };
  } catch {
    // not JSON: refused below
  }
  throw new AppError('invalid_cursor', 'The cursor is not one this server gave out');
}

/**
 * Changes a guide. A new tree (or start) is validated as a whole before anything is written;
 * each save keeps a version so runs already started go on with the tree they began on.
 */
export async function updateGuide(deps: Deps, actor: Actor, id: string, input: UpdateGuideInput, ifMatch?: number): Promise<Guide> {
  const current = await findGuideRow(deps.db.kysely, id);
  if (!current) throw notFound('Guide');
  const nodes = input.nodes ?? parseNodes(current.nodes);
  const start = input.startNodeId ?? current.start_node_id;
  if (input.nodes || input.startNodeId) await assertSound(deps, start, nodes);
  const row = await inTransaction(deps, async (trx) => {
    const before = await findGuideRow(trx, id);
    if (!before) throw notFound('Guide');
    if (ifMatch !== undefined && before.version !== ifMatch) {
      throw new AppError('precondition_failed', `The guide is at version ${before.version}, not ${ifMatch}`, { currentVersion: before.version });
    }
    const now = deps.clock.now().toISOString();
    const status = input.status ?? before.status;
    const next: GuideRow = {
      ...before,
      title: input.title ?? before.title,
      description: input.description ?? before.description,
      category: input.category === undefined ? before.category : input.category,
      visibility: input.visibility ?? before.visibility,
      status,
      start_node_id: start,
      nodes: input.nodes ? JSON.stringify(nodes) : before.nodes,
      updated_at: now,
      published_at: before.published_at ?? (status === 'published' ? now : null),
      version: Number(before.version) + 1,
    };
    const changes = diff(auditedGuideFields(before), auditedGuideFields(next));
    if (!changes) return before;
    const { id: _id, version: _version, ...update } = next;
    if (!(await updateGuideIfVersion(trx, id, Number(before.version), update))) {
      throw new AppError('precondition_failed', 'The guide was changed by someone else at the same time; read it again');
    }
    await insertGuideVersion(trx, { guide_id: id, version: next.version, title: next.title, start_node_id: next.start_node_id, nodes: next.nodes, created_at: now });
    await recordAudit(trx, deps.clock, { actor, action: 'guide.updated', entityType: 'guide', entityId: id, changes });
    return next;
  });
  forgetPublicGuides(deps);
  return toGuide(row);
}

/** Deletes a guide with its versions and runs; the audit trail keeps what it was. */
export async function deleteGuide(deps: Deps, actor: Actor, id: string): Promise<void> {
  await inTransaction(deps, async (trx) => {
    const row = await findGuideRow(trx, id);
    if (!row) throw notFound('Guide');
    await deleteGuideRow(trx, id);
    await recordAudit(trx, deps.clock, { actor, action: 'guide.deleted', entityType: 'guide', entityId: id, changes: { before: auditedGuideFields(row) } });
  });
  forgetPublicGuides(deps);
}

/** A published public guide for the help center, or undefined. */
export async function getPublicGuide(deps: Deps, id: string): Promise<Guide | undefined> {
  const row = await findGuideRow(deps.db.kysely, id);
  return row && row.status === 'published' && row.visibility === 'public' ? toGuide(row) : undefined;
}

// The help center lists public guides on every home page: each node keeps the list for a few
// seconds, and forgets it at once when this node changes a guide.
const PUBLIC_TTL_MS = 5_000;
const publicLists = new WeakMap<object, Map<string, { at: number; rows: Awaited<ReturnType<typeof findPublicGuides>> }>>();
const forgetPublicGuides = (deps: Deps) => publicLists.delete(deps.db);

/** Published public guides (of a locale, or all), by title: for the help center's pages and sitemap. */
export async function listPublicGuides(deps: Deps, locale: string | undefined, limit = 200) {
  let lists = publicLists.get(deps.db);
  if (!lists) publicLists.set(deps.db, (lists = new Map()));
  const key = `${locale ?? '*'}:${limit}`;
  const hit = lists.get(key);
  if (hit && Date.now() - hit.at < PUBLIC_TTL_MS) return hit.rows;
  const rows = await findPublicGuides(deps.db.kysely, locale, limit);
  lists.set(key, { at: Date.now(), rows });
  return rows;
}

/** Published guides of both visibilities, as the reply suggestions match them (at most 1,000). */
export async function listPublishedGuides(deps: Deps): Promise<Array<{ id: string; title: string; description: string; category: string | null; visibility: 'public' | 'internal' }>> {
  const rows = await findGuides(deps.db.kysely, { status: 'published' }, undefined, 1_000);
  return rows.map((r) => ({ id: r.id, title: r.title, description: r.description, category: r.category, visibility: r.visibility === 'public' ? 'public' : 'internal' }));
}
