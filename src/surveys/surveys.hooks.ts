import type { Deps } from '../platform/context.js';
import { openSurvey } from './surveys.service.js';

/** A survey goes out whenever a ticket becomes solved, by an update or with a reply. */
export function installSurveys(deps: Deps): void {
  deps.lifecycle.afterUpdate.push(async ({ trx, before, after }) => {
    if (after.status === 'solved' && before.status !== 'solved') await openSurvey(deps, trx, after);
  });
  deps.lifecycle.afterMessage.push(async ({ trx, ticket, previousStatus }) => {
    if (ticket.status === 'solved' && previousStatus !== 'solved') await openSurvey(deps, trx, ticket);
  });
}
