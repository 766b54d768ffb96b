import type { Kysely } from 'kysely';
import type { Actor } from '../platform/auth/principal.js';
import type { Deps } from '../platform/context.js';
import { inTransaction } from '../platform/context.js';
import type { Database } from '../platform/db/tables.js';
import { AppError, notFound } from '../platform/errors.js';
import { newId } from '../platform/ids.js';
import { addMessage } from '../tickets/messages.service.js';
import { getTicket } from '../tickets/tickets.service.js';
import type { AnswerInput, GuideNode, PathStep, Run, RunChannel, RunStatus } from './guides.schema.js';
import { findGuideRow, findGuideVersion, findRunRow, findRuns, findSteps, insertRun, insertStep, setRunTicket, setStepAnswer, updateRunIfAt } from './guides.store.js';
import type { GuideRunRow, GuideRunStepRow } from './guides.tables.js';
import { parseNodes } from './guides.view.js';

/** A run idle this long is counted as dropped where it stopped (and swept to abandoned). */
export const RUN_TIMEOUT_MS = 30 * 60 * 1000;

interface Tree {
  title: string;
  nodes: Map<string, GuideNode>;
}

// Saved versions never change, so their parsed trees are kept (a bounded number) per process.
const trees = new Map<string, Tree>();
const MAX_TREES = 500;

async function treeOf(db: Kysely<Database>, guideId: string, version: number): Promise<Tree> {
  const key = `${guideId}:${version}`;
  const cached = trees.get(key);
  if (cached) return cached;
  const row = await findGuideVersion(db, guideId, version);
  if (!row) throw notFound('Guide version');
  const tree = { title: row.title, nodes: new Map(parseNodes(row.nodes).map((n) => [n.id, n])) };
  if (trees.size >= MAX_TREES) trees.delete(trees.keys().next().value!);
  trees.set(key, tree);
  return tree;
}

function nodeOf(tree: Tree, id: string): GuideNode {
  const node = tree.nodes.get(id);
  // Validation guarantees every target exists in a saved version; this is a real fault.
  if (!node) throw new Error(`guide node ${id} is missing from its version`);
  return node;
}

/** What entering a node does to the run: an outcome ends it. */
function entering(node: GuideNode, now: string): Partial<GuideRunRow> {
  if (node.type !== 'outcome') return { current_node_id: node.id };
  return { current_node_id: node.id, status: node.outcome === 'solved' ? 'solved' : 'escalated', outcome_node_id: node.id, finished_at: now };
}

export interface StartOptions {
  channel: RunChannel;
  ticketId?: string;
}

/** Starts a run of a published guide at its start node; an agent's run names its ticket. */
export async function startRun(deps: Deps, actor: Actor, guideId: string, options: StartOptions): Promise<Run> {
  const guide = await findGuideRow(deps.db.kysely, guideId);
  if (!guide) throw notFound('Guide');
  if (guide.status !== 'published') throw new AppError('guide_not_published', 'Publish the guide before running it');
  if (options.ticketId) await getTicket(deps, options.ticketId);
  const tree = await treeOf(deps.db.kysely, guide.id, Number(guide.version));
  const now = deps.clock.now().toISOString();
  const start = nodeOf(tree, guide.start_node_id);
  const run: GuideRunRow = {
    id: newId(),
    guide_id: guide.id,
    guide_version: Number(guide.version),
    channel: options.channel,
    ticket_id: options.ticketId ?? null,
    status: 'active',
    current_node_id: start.id,
    step_count: 1,
    outcome_node_id: null,
    end_reason: null,
    actor_type: actor.type,
    actor_id: actor.id,
    started_at: now,
    updated_at: now,
    finished_at: null,
    ...entering(start, now),
  };
  await inTransaction(deps, async (trx) => {
    await insertRun(trx, run);
    await insertStep(trx, { run_id: run.id, position: 1, guide_id: guide.id, node_id: start.id, answer: null, at: now });
  });
  await noteOnTicketWhenDone(deps, actor, run);
  return getRun(deps, run.id);
}

/** The run, with the guide's node it is at and the path so far. */
export async function getRun(deps: Deps, runId: string): Promise<Run> {
  const run = await findRunRow(deps.db.kysely, runId);
  if (!run) throw notFound('Guide run');
  const tree = await treeOf(deps.db.kysely, run.guide_id, Number(run.guide_version));
  const steps = await findSteps(deps.db.kysely, runId);
  return toRun(run, tree, steps);
}

function toRun(run: GuideRunRow, tree: Tree, steps: GuideRunStepRow[]): Run {
  const current = nodeOf(tree, run.current_node_id);
  const outcomeNode = run.outcome_node_id ? tree.nodes.get(run.outcome_node_id) : undefined;
  let outcome: Run['outcome'] = null;
  if (outcomeNode?.type === 'outcome') outcome = { outcome: outcomeNode.outcome, nodeId: outcomeNode.id, articleId: outcomeNode.articleId ?? null };
  else if (run.status === 'solved') outcome = { outcome: 'solved', nodeId: null, articleId: null };
  return {
    id: run.id,
    guideId: run.guide_id,
    guideTitle: tree.title,
    guideVersion: Number(run.guide_version),
    channel: run.channel as RunChannel,
    ticketId: run.ticket_id,
    status: run.status as RunStatus,
    endReason: run.end_reason,
    currentNode: current,
    outcome,
    path: steps.map((s): PathStep => {
      const node = tree.nodes.get(s.node_id);
      return { position: Number(s.position), nodeId: s.node_id, type: node?.type ?? 'unknown', title: node?.title ?? s.node_id, answer: s.answer, at: s.at };
    }),
    startedAt: run.started_at,
    updatedAt: run.updated_at,
    finishedAt: run.finished_at,
  };
}

/**
 * Answers the node the run is at: Continue on a step, an option on a question. The answer must
 * name that node, so a form submitted twice (or from a stale page) is refused, not applied twice.
 */
export async function answerRun(deps: Deps, actor: Actor, runId: string, input: AnswerInput): Promise<Run> {
  const run = await findRunRow(deps.db.kysely, runId);
  if (!run) throw notFound('Guide run');
  if (run.status !== 'active') throw new AppError('guide_run_closed', 'The run has ended; start the guide again');
  if (input.nodeId !== run.current_node_id) throw new AppError('guide_run_closed', `The run is at "${run.current_node_id}", not "${input.nodeId}"`);
  const tree = await treeOf(deps.db.kysely, run.guide_id, Number(run.guide_version));
  const node = nodeOf(tree, run.current_node_id);
  const { next, answer } = choose(node, input.option);
  const target = nodeOf(tree, next);
  const now = deps.clock.now().toISOString();
  const steps = Number(run.step_count);
  const changes = { ...entering(target, now), step_count: steps + 1, updated_at: now };
  await inTransaction(deps, async (trx) => {
    if (!(await updateRunIfAt(trx, runId, steps, changes))) throw new AppError('guide_run_closed', 'The run moved on; reload it');
    await setStepAnswer(trx, runId, steps, answer);
    await insertStep(trx, { run_id: runId, position: steps + 1, guide_id: run.guide_id, node_id: target.id, answer: null, at: now });
  });
  await noteOnTicketWhenDone(deps, actor, { ...run, ...changes });
  return getRun(deps, runId);
}

function choose(node: GuideNode, option: number | undefined): { next: string; answer: string } {
  if (node.type === 'step') return { next: node.next!, answer: 'Continue' };
  if (node.type === 'question') {
    const chosen = option === undefined ? undefined : node.options[option];
    if (!chosen) {
      throw new AppError('validation_failed', `Choose one of the ${node.options.length} options`, { fields: [{ path: 'option', message: `must be 0 to ${node.options.length - 1}` }] });
    }
    return { next: chosen.next, answer: chosen.label };
  }
  throw new AppError('guide_run_closed', 'The run has reached its outcome');
}

/** Ends a run before an outcome: fixed along the way (solved) or given up (abandoned there). */
export async function finishRun(deps: Deps, actor: Actor, runId: string, result: 'solved' | 'gave_up'): Promise<Run> {
  const run = await findRunRow(deps.db.kysely, runId);
  if (!run) throw notFound('Guide run');
  if (run.status !== 'active') throw new AppError('guide_run_closed', 'The run has already ended');
  const now = deps.clock.now().toISOString();
  const changes = result === 'solved' ? { status: 'solved', finished_at: now, updated_at: now } : { status: 'abandoned', end_reason: 'gave_up', finished_at: now, updated_at: now };
  if (!(await updateRunIfAt(deps.db.kysely, runId, Number(run.step_count), changes))) throw new AppError('guide_run_closed', 'The run moved on; reload it');
  await noteOnTicketWhenDone(deps, actor, { ...run, ...changes });
  return getRun(deps, runId);
}

/**
 * Attaches a run to the ticket its customer opened (from the help center's form): the run
 * ends as abandoned for "ticket_opened" if it was still going, and the path taken becomes an
 * internal note on the ticket so the agent starts where the customer stopped.
 */
export async function attachRunToTicket(deps: Deps, actor: Actor, runId: string, ticketId: string): Promise<void> {
  const run = await findRunRow(deps.db.kysely, runId);
  if (!run) throw notFound('Guide run');
  if (run.ticket_id) return;
  const now = deps.clock.now().toISOString();
  const ending = run.status === 'active' ? { status: 'abandoned', end_reason: 'ticket_opened', finished_at: now } : {};
  await setRunTicket(deps.db.kysely, runId, { ticket_id: ticketId, updated_at: now, ...ending });
  await addPathNote(deps, actor, runId, ticketId);
}

/** An agent's run inside a ticket leaves its path on the ticket once it ends. */
async function noteOnTicketWhenDone(deps: Deps, actor: Actor, run: Pick<GuideRunRow, 'id' | 'ticket_id' | 'status'>): Promise<void> {
  if (run.ticket_id && run.status !== 'active') await addPathNote(deps, actor, run.id, run.ticket_id);
}

async function addPathNote(deps: Deps, actor: Actor, runId: string, ticketId: string): Promise<void> {
  const run = await getRun(deps, runId);
  try {
    await addMessage(deps, actor, { type: 'system', id: null }, ticketId, { body: describePath(run), visibility: 'internal' });
  } catch (error) {
    // A ticket closed meanwhile takes no note; the run keeps its path and its ticket id regardless.
    if (!(error instanceof AppError && error.code === 'ticket_closed')) throw error;
    deps.logger.warn({ runId, ticketId }, 'guide path not noted: the ticket is closed');
  }
}

const ENDINGS: Record<string, string> = {
  solved: 'Solved',
  escalated: 'Reached "open a ticket"',
  abandoned: 'Gave up',
  active: 'Still in progress',
};

/** The path of a run as plain text for an internal note. */
export function describePath(run: Run): string {
  const lines = [`Troubleshooting guide "${run.guideTitle}" (run ${run.id}, ${run.channel})`, 'Path taken:'];
  for (const step of run.path) lines.push(`${step.position}. ${step.title}${step.answer ? ` → ${step.answer}` : ''}`);
  const reason = run.endReason === 'ticket_opened' ? ' and opened a ticket' : run.endReason === 'timeout' ? ' (timed out)' : '';
  lines.push(`Ended: ${ENDINGS[run.status] ?? run.status}${reason} at "${run.currentNode.title}".`);
  return lines.join('\n');
}

/** Runs of a guide or of a ticket, newest first (without their paths). */
export async function listRuns(deps: Deps, filter: { guideId?: string; ticketId?: string; limit: number }) {
  const rows = await findRuns(deps.db.kysely, filter, filter.limit);
  return {
    items: rows.map((r) => ({
      id: r.id,
      guideId: r.guide_id,
      guideTitle: r.guide_title,
      guideVersion: Number(r.guide_version),
      channel: r.channel as RunChannel,
      ticketId: r.ticket_id,
      status: r.status as RunStatus,
      endReason: r.end_reason,
      currentNodeId: r.current_node_id,
      outcomeNodeId: r.outcome_node_id,
      startedAt: r.started_at,
      updatedAt: r.updated_at,
      finishedAt: r.finished_at,
    })),
  };
}
