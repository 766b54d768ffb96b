import { sql, type Kysely } from 'kysely';
import type { Database } from '../platform/db/tables.js';
import type { GuideRow, GuideRunRow, GuideRunStepRow, GuideVersionRow, GuidesTable, GuideRunsTable } from './guides.tables.js';
import type { Updateable } from 'kysely';

type Db = Kysely<Database>;

/** One guide by id. */
export const findGuideRow = (db: Db, id: string) => db.selectFrom('guides').selectAll().where('id', '=', id).executeTakeFirst();

export async function insertGuide(db: Db, row: GuideRow): Promise<void> {
  await db.insertInto('guides').values(row).execute();
}

/** Keeps the tree as saved at a version, for the runs started on it. */
export async function insertGuideVersion(db: Db, row: GuideVersionRow): Promise<void> {
  await db.insertInto('guide_versions').values(row).execute();
}

export const findGuideVersion = (db: Db, guideId: string, version: number) =>
  db.selectFrom('guide_versions').selectAll().where('guide_id', '=', guideId).where('version', '=', version).executeTakeFirst();

/** Updates a guide only if it is still at `expectedVersion`; false when it moved on. */
export async function updateGuideIfVersion(db: Db, id: string, expectedVersion: number, changes: Updateable<GuidesTable>): Promise<boolean> {
  const result = await db
    .updateTable('guides')
    .set({ ...changes, version: expectedVersion + 1 })
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Deletes a guide; its versions, runs and steps go with it. */
export async function deleteGuideRow(db: Db, id: string): Promise<void> {
  await db.deleteFrom('guide_run_steps').where('run_id', 'in', (eb) => eb.selectFrom('guide_runs').select('id').where('guide_id', '=', id)).execute();
  await db.deleteFrom('guide_runs').where('guide_id', '=', id).execute();
  await db.deleteFrom('guide_versions').where('guide_id', '=', id).execute();
  await db.deleteFrom('guides').where('id', '=', id).execute();
}

export interface GuideFilter {
  status?: string;
  visibility?: string;
  locale?: string;
}

/** Guides matching the filter, most recently updated first, after a (updated_at, id) keyset. */
export function findGuides(db: Db, filter: GuideFilter, after: { at: string; id: string } | undefined, limit: number) {
  let query = db.selectFrom('guides').selectAll();
  if (filter.status) query = query.where('status', '=', filter.status);
  if (filter.visibility) query = query.where('visibility', '=', filter.visibility);
  if (filter.locale) query = query.where('locale', '=', filter.locale);
  if (after) query = query.where((eb) => eb.or([eb('updated_at', '<', after.at), eb.and([eb('updated_at', '=', after.at), eb('id', '<', after.id)])]));
  return query.orderBy('updated_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
}

/** Published public guides (of a locale, when given), by title: the help center's list and sitemap. */
export const findPublicGuides = (db: Db, locale: string | undefined, limit: number) =>
  db
    .selectFrom('guides')
    .select(['id', 'title', 'description', 'category', 'locale', 'updated_at'])
    .where('status', '=', 'published')
    .where('visibility', '=', 'public')
    .$if(locale !== undefined, (q) => q.where('locale', '=', locale!))
    .orderBy('title')
    .limit(limit)
    .execute();

// Runs

export async function insertRun(db: Db, run: GuideRunRow): Promise<void> {
  await db.insertInto('guide_runs').values(run).execute();
}

export async function insertStep(db: Db, step: GuideRunStepRow): Promise<void> {
  await db.insertInto('guide_run_steps').values(step).execute();
}

export const findRunRow = (db: Db, id: string) => db.selectFrom('guide_runs').selectAll().where('id', '=', id).executeTakeFirst();

/** A run's steps in order: its path. */
export const findSteps = (db: Db, runId: string) => db.selectFrom('guide_run_steps').selectAll().where('run_id', '=', runId).orderBy('position').execute();

/** Records the answer given at a step. */
export async function setStepAnswer(db: Db, runId: string, position: number, answer: string): Promise<void> {
  await db.updateTable('guide_run_steps').set({ answer }).where('run_id', '=', runId).where('position', '=', position).execute();
}

/**
 * Moves a run on only if it is still at `expectedSteps` steps and active, so two submits of the
 * same page (a double click, a replayed form) cannot both advance it.
 */
export async function updateRunIfAt(db: Db, id: string, expectedSteps: number, changes: Updateable<GuideRunsTable>): Promise<boolean> {
  const result = await db
    .updateTable('guide_runs')
    .set(changes)
    .where('id', '=', id)
    .where('step_count', '=', expectedSteps)
    .where('status', '=', 'active')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Sets the ticket of a run (a customer who gave up opened one). */
export async function setRunTicket(db: Db, id: string, changes: Updateable<GuideRunsTable>): Promise<void> {
  await db.updateTable('guide_runs').set(changes).where('id', '=', id).execute();
}

/** Runs of a guide or a ticket, newest first. */
export function findRuns(db: Db, filter: { guideId?: string; ticketId?: string }, limit: number) {
  let query = db.selectFrom('guide_runs').innerJoin('guides', 'guides.id', 'guide_runs.guide_id').selectAll('guide_runs').select('guides.title as guide_title');
  if (filter.guideId) query = query.where('guide_runs.guide_id', '=', filter.guideId);
  if (filter.ticketId) query = query.where('guide_runs.ticket_id', '=', filter.ticketId);
  return query.orderBy('guide_runs.started_at', 'desc').orderBy('guide_runs.id', 'desc').limit(limit).execute();
}

/** Marks active runs idle since before `cutoff` as abandoned (timed out); returns how many. */
export async function expireIdleRuns(db: Db, cutoff: string, now: string): Promise<number> {
  const result = await db
    .updateTable('guide_runs')
    .set({ status: 'abandoned', end_reason: 'timeout', finished_at: now })
    .where('status', '=', 'active')
    .where('updated_at', '<', cutoff)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Per node of a guide: distinct runs that reached it, and of those how many ended solved or escalated. */
export const reachedByNode = (db: Db, guideId: string) =>
  db
    .selectFrom('guide_run_steps as s')
    .innerJoin('guide_runs as r', 'r.id', 's.run_id')
    .select([
      's.node_id',
      sql<number>`count(distinct s.run_id)`.as('reached'),
      sql<number>`count(distinct case when r.status = 'solved' then s.run_id end)`.as('solved'),
      sql<number>`count(distinct case when r.status = 'escalated' then s.run_id end)`.as('escalated'),
    ])
    .where('s.guide_id', '=', guideId)
    .groupBy('s.node_id')
    .execute();

/** Per node: runs abandoned there, counting active runs idle since before `cutoff` (the sweep may not have run yet). */
export const droppedByNode = (db: Db, guideId: string, cutoff: string) =>
  db
    .selectFrom('guide_runs')
    .select(['current_node_id', (eb) => eb.fn.countAll<number>().as('dropped')])
    .where('guide_id', '=', guideId)
    .where((eb) => eb.or([eb('status', '=', 'abandoned'), eb.and([eb('status', '=', 'active'), eb('updated_at', '<', cutoff)])]))
    .groupBy('current_node_id')
    .execute();

/** Run counts of a guide by status, and how many led to a ticket. */
export const runTotals = (db: Db, guideId: string) =>
  db
    .selectFrom('guide_runs')
    .select(['status', (eb) => eb.fn.countAll<number>().as('runs'), sql<number>`count(ticket_id)`.as('with_ticket')])
    .where('guide_id', '=', guideId)
    .groupBy('status')
    .execute();
