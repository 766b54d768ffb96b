import type { Kysely } from 'kysely';
import { recordAudit } from '../audit/audit.service.js';
import type { Actor } from '../platform/auth/principal.js';
import { PerDatabaseCache } from '../platform/cache.js';
import { inTransaction, type Deps } from '../platform/context.js';
import type { Database } from '../platform/db/tables.js';
import { AppError, notFound } from '../platform/errors.js';
import { createTicket } from '../tickets/tickets.service.js';
import { BURST_CANDIDATES, detectBurst } from '../triage/similar/incidents.service.js';
import type { SimilarTickets } from '../triage/similar/similar.service.js';
import type { SimilarMatch } from '../triage/similar/similar-index.js';
import type { BurstSettings, IncidentView } from './incidents.schema.js';
import {
  deleteLink,
  findBurstSettings,
  findIncidentIds,
  findIncidentOf,
  findMembers,
  findTicketHead,
  insertLinks,
  isIncident,
  openIncidentsOfNumbers,
  saveBurstSettings,
} from './incidents.store.js';

export const INCIDENT_TAG = 'incident';
const DETECTION_ACTOR: Actor = { type: 'automation', id: null, label: 'incident detection' };
/** Incident tickets are the team's own: `.invalid` (RFC 2606) can never receive mail. */
const INCIDENT_REQUESTER = { email: 'incidents@frontline.invalid', name: 'Frontline incident detection' };
const isOpen = (status: string) => status !== 'solved' && status !== 'closed';
const ref = (r: { id: string; number: number | string; subject: string; status: string; linked_by: string; created_at: string }) => ({
  id: r.id,
  number: Number(r.number),
  subject: r.subject,
  status: r.status,
  linkedBy: r.linked_by,
  linkedAt: r.created_at,
});

/** The incident a ticket belongs to and, for an incident, its members: the link seen from both ends. */
export async function getIncidentView(deps: Deps, ticketId: string): Promise<IncidentView> {
  const db = deps.db.kysely;
  if (!(await findTicketHead(db, ticketId))) throw notFound('Ticket');
  const [incident, members] = await Promise.all([findIncidentOf(db, ticketId), findMembers(db, ticketId)]);
  return { incident: incident ? ref(incident) : null, members: members.map(ref) };
}

/** An agent links a ticket to an incident (moving it from another one if it had one). */
export async function linkToIncident(deps: Deps, actor: Actor, ticketId: string, incidentId: string): Promise<IncidentView> {
  const invalid = (message: string) => new AppError('validation_failed', message, { fields: [{ path: 'incidentId', message }] });
  await inTransaction(deps, async (trx) => {
    const ticket = await findTicketHead(trx, ticketId);
    if (!ticket) throw notFound('Ticket');
    if (ticketId === incidentId) throw invalid('a ticket cannot be its own incident');
    const incident = await findTicketHead(trx, incidentId);
    if (!incident) throw invalid('is not a ticket');
    if (!isOpen(incident.status)) throw invalid('the incident is solved or closed');
    if (await findIncidentOf(trx, incidentId)) throw invalid('is itself linked to an incident');
    if (await isIncident(trx, ticketId)) throw invalid('this ticket is an incident with tickets of its own');
    const previous = await findIncidentOf(trx, ticketId);
    if (previous?.id === incidentId) return;
    if (previous) await deleteLink(trx, ticketId);
    await insertLinks(trx, incidentId, [ticketId], actor.label ?? actor.type, deps.clock.now().toISOString());
    await recordAudit(trx, deps.clock, {
      actor,
      action: 'ticket.incident_linked',
      entityType: 'ticket',
      entityId: ticketId,
      ticketId,
      changes: { before: { incidentId: previous?.id ?? null }, after: { incidentId } },
    });
  });
  deps.events.publish('incident.joined', { incidentId, ticketIds: [ticketId] });
  return getIncidentView(deps, ticketId);
}

export async function unlinkFromIncident(deps: Deps, actor: Actor, ticketId: string): Promise<IncidentView> {
  await inTransaction(deps, async (trx) => {
    if (!(await findTicketHead(trx, ticketId))) throw notFound('Ticket');
    const incidentId = await deleteLink(trx, ticketId);
    if (!incidentId) return;
    await recordAudit(trx, deps.clock, { actor, action: 'ticket.incident_unlinked', entityType: 'ticket', entityId: ticketId, ticketId, changes: { before: { incidentId }, after: { incidentId: null } } });
  });
  return getIncidentView(deps, ticketId);
}

// The burst rule is read for every new ticket: kept for a few seconds.
const settingsCache = new PerDatabaseCache<BurstSettings>(5_000);

/** The burst rule; inside a transaction, pass it as `db` (on SQLite its connection is the only one). */
export const getBurstSettings = (deps: Deps, db: Kysely<Database> = deps.db.kysely): Promise<BurstSettings> =>
  settingsCache.get(deps.db, () => findBurstSettings(db));

export async function updateBurstSettings(deps: Deps, actor: Actor, settings: BurstSettings): Promise<BurstSettings> {
  await inTransaction(deps, async (trx) => {
    const before = await findBurstSettings(trx);
    await saveBurstSettings(trx, settings);
    await recordAudit(trx, deps.clock, { actor, action: 'incidents.settings_changed', entityType: 'settings', entityId: 'incidents', changes: { before, after: settings } });
  });
  settingsCache.clear(deps.db);
  return settings;
}

export type IncidentCheck = { action: 'none' } | { action: 'joined' | 'created'; incidentId: string; ticketIds: string[] };

/** Links tickets to an incident as detection does, audited, inside the caller's transaction. */
export async function linkDetectedIn(deps: Deps, trx: Kysely<Database>, incidentId: string, ticketIds: string[]): Promise<void> {
  await insertLinks(trx, incidentId, ticketIds, 'auto', deps.clock.now().toISOString());
  for (const ticketId of ticketIds) {
    await recordAudit(trx, deps.clock, { actor: DETECTION_ACTOR, action: 'ticket.incident_linked', entityType: 'ticket', entityId: ticketId, ticketId, changes: { after: { incidentId } } });
  }
}

const linkDetected = (deps: Deps, incidentId: string, ticketIds: string[]): Promise<void> => inTransaction(deps, (trx) => linkDetectedIn(deps, trx, incidentId, ticketIds));

/**
 * The open incident that one of these look-alikes (best first, above the threshold) belongs to,
 * among the first 20: the one a new ticket joins.
 */
export async function incidentToJoin(db: Kysely<Database>, lookAlikes: SimilarMatch[]): Promise<string | null> {
  const closest = lookAlikes.slice(0, 20);
  const linked = await openIncidentsOfNumbers(db, closest.map((n) => n.number));
  const via = closest.find((n) => linked.has(n.number));
  return via ? linked.get(via.number)! : null;
}

/**
 * Run (as a job) for each new ticket: a ticket whose close look-alike already belongs to an open
 * incident joins it; a ticket that completes a burst (see detectBurst) opens an incident ticket
 * with the whole burst linked to it, or joins the open incident part of the burst already has.
 */
export async function checkNewTicket(deps: Deps, similar: SimilarTickets, ticketId: string): Promise<IncidentCheck> {
  const settings = await getBurstSettings(deps);
  if (!settings.enabled) return { action: 'none' };
  const head = await findTicketHead(deps.db.kysely, ticketId);
  if (!head || !isOpen(head.status) || (JSON.parse(head.tags) as string[]).includes(INCIDENT_TAG)) return { action: 'none' };
  if ((await findIncidentOf(deps.db.kysely, ticketId)) || (await isIncident(deps.db.kysely, ticketId))) return { action: 'none' };
  const ticket = await similar.ticket({ id: ticketId });
  if (!ticket) return { action: 'none' };
  const rule = { minTickets: settings.minTickets, windowMs: settings.windowMinutes * 60_000, minScore: settings.minScore };

  // One query serves both questions: does a close look-alike belong to an open incident, and
  // does this ticket complete a burst.
  const lookAlikes = await similar.neighbours(ticket, ticket.createdMs - rule.windowMs, rule.minScore, BURST_CANDIDATES);
  const incidentId = await incidentToJoin(deps.db.kysely, lookAlikes);
  if (incidentId) {
    await linkDetected(deps, incidentId, [ticketId]);
    deps.events.publish('incident.joined', { incidentId, ticketIds: [ticketId] });
    return { action: 'joined', incidentId, ticketIds: [ticketId] };
  }

  const burst = await detectBurst(similar, ticketId, rule, lookAlikes);
  if (!burst) return { action: 'none' };
  const memberIds = burst.tickets.map((t) => t.id);
  const already = await findIncidentIds(deps.db.kysely, memberIds);
  const existing = [...already.values()].find((l) => isOpen(l.status));
  const unlinked = memberIds.filter((id) => !already.has(id));
  if (existing) {
    await linkDetected(deps, existing.incidentId, unlinked);
    deps.events.publish('incident.joined', { incidentId: existing.incidentId, ticketIds: unlinked });
    return { action: 'joined', incidentId: existing.incidentId, ticketIds: unlinked };
  }
  const heads = (await Promise.all(memberIds.map((id) => findTicketHead(deps.db.kysely, id)))).filter((h) => h !== undefined);
  const first = heads[0]!;
  const incident = await createTicket(deps, DETECTION_ACTOR, {
    subject: `Incident: ${first.subject}`.slice(0, 250),
    body: [
      `${heads.length} similar tickets arrived within ${settings.windowMinutes} minutes (lowest similarity between two of them: ${burst.minScore}).`,
      '',
      ...heads.map((h) => `#${h.number} ${h.subject}`),
    ].join('\n'),
    requester: INCIDENT_REQUESTER,
    priority: Math.min(...heads.map((h) => h.priority)),
    tags: [INCIDENT_TAG],
    channel: 'other',
  });
  await linkDetected(deps, incident.id, unlinked);
  deps.events.publish('incident.created', { incidentId: incident.id, ticketIds: unlinked });
  return { action: 'created', incidentId: incident.id, ticketIds: unlinked };
}
