import type { Deps } from '../platform/context.js';
import { sharedSimilarTickets } from '../triage/similar/shared.js';
import { checkNewTicket, getBurstSettings, INCIDENT_TAG } from './incidents.service.js';

export const INCIDENT_CHECK_JOB = 'incident.check';
/**
 * Checked a little after creation: the worker's similar-ticket index catches up with other
 * nodes' tickets about once a second, and the new ticket must be in it to complete a burst.
 */
const CHECK_DELAY_MS = 2_000;

/** Every new open ticket is checked for an incident by a job, off the request path. */
export function installIncidents(deps: Deps): void {
  deps.jobs.register<{ ticketId: string }>(INCIDENT_CHECK_JOB, async ({ ticketId }) => {
    const result = await checkNewTicket(deps, sharedSimilarTickets(deps), ticketId);
    if (result.action !== 'none') deps.logger.info({ ticketId, ...result }, 'incident detection');
  });
  deps.lifecycle.afterCreate.push(async function scheduleIncidentCheck({ trx, row, body }) {
    if (row.status === 'solved' || row.status === 'closed' || (JSON.parse(row.tags) as string[]).includes(INCIDENT_TAG)) return;
    const settings = await getBurstSettings(deps, trx);
    if (!settings.enabled) return;
    // A ticket with no look-alike in the window can neither join an incident nor complete a burst,
    // so most tickets need no check at all. (A burst it starts is found by the ticket completing it.)
    // Look-alikes created this very moment on another node may not be in this index yet: then the
    // next look-alike completes the burst instead.
    const windowStart = Date.parse(row.created_at) - settings.windowMinutes * 60_000;
    const lookAlikes = sharedSimilarTickets(deps).recentLookAlikes({ subject: row.subject, body }, windowStart);
    if (lookAlikes && !lookAlikes.some((m) => m.score >= settings.minScore)) return;
    await deps.jobs.enqueue(INCIDENT_CHECK_JOB, { ticketId: row.id }, { trx, runAt: new Date(deps.clock.now().getTime() + CHECK_DELAY_MS) });
  });
}
