import type { Deps } from '../../platform/context.js';
import { SimilarTickets } from './similar.service.js';

const instances = new WeakMap<Deps['events'], SimilarTickets>();

/**
 * The one similar-ticket index of this process. The index of a million tickets takes hundreds of
 * megabytes, so every feature that needs it (the similar route, suggestions, incident detection)
 * shares one, kept current by ticket events. Keyed by the event bus: one per composed app.
 */
export function sharedSimilarTickets(deps: Deps): SimilarTickets {
  let similar = instances.get(deps.events);
  if (!similar) {
    similar = new SimilarTickets(deps);
    similar.subscribe();
    instances.set(deps.events, similar);
  }
  return similar;
}
