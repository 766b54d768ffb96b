import type { Deps } from '../platform/context.js';
import { sharedSimilarTickets } from '../triage/similar/shared.js';
import { checkNewTicket, getBurstSettings, incidentToJoin, INCIDENT_TAG, linkDetectedIn } from './incidents.service.js';

export const INCIDENT_CHECK_JOB = 'incident.check';
/**
 * Checked a little after creation: the worker's similar-ticket index catches up with other
 * nodes' tickets about once a second, and the new ticket must be in it to complete a burst.
 */
const CHECK_DELAY_MS = 2_000;

/**
 * Every new open ticket with look-alikes is considered at creation: one whose close look-alike
 * already belongs to an open incident joins it in the same transaction; one with enough
 * look-alikes to complete a burst is checked by a job, off the request path.
 */
export function installIncidents(deps: Deps): void {
  deps.jobs.register<{ ticketId: string }>(INCIDENT_CHECK_JOB, async ({ ticketId }) => {
    const result = await checkNewTicket(deps, sharedSimilarTickets(deps), ticketId);
    if (result.action !== 'none') deps.logger.info({ ticketId, ...result }, 'incident detection');
  });
  deps.lifecycle.afterCreate.push(async function considerForIncident({ trx, row, body, onCommit }) {
    if (row.status === 'solved' || row.status === 'closed' || (JSON.parse(row.tags) as string[]).includes(INCIDENT_TAG)) return;
    const settings = await getBurstSettings(deps, trx);
    if (!settings.enabled) return;
    const later = () => deps.jobs.enqueue(INCIDENT_CHECK_JOB, { ticketId: row.id }, { trx, runAt: new Date(deps.clock.now().getTime() + CHECK_DELAY_MS) });
    const windowStart = Date.parse(row.created_at) - settings.windowMinutes * 60_000;
    const lookAlikes = sharedSimilarTickets(deps).recentLookAlikes({ subject: row.subject, body }, windowStart);
    // The index is still loading: the job decides once it has.
    if (!lookAlikes) return void (await later());
    const close = lookAlikes.filter((m) => m.score >= settings.minScore);
    // No look-alike in the window: the ticket can neither join an incident nor complete a burst.
    // (A burst it starts is found by the ticket completing it.)
    if (close.length === 0) return;
    // In an outage, every new report joins the incident at once: no job, no second transaction.
    const incidentId = await incidentToJoin(trx, close);
    if (incidentId) {
      await linkDetectedIn(deps, trx, incidentId, [row.id]);
      onCommit(() => deps.events.publish('incident.joined', { incidentId, ticketIds: [row.id] }));
      return;
    }
    // Too few look-alikes for a burst. Look-alikes created this very moment on another node may
    // not be in this index yet: then the next look-alike completes the burst instead.
    if (close.length + 1 < settings.minTickets) return;
    await later();
  });
}
