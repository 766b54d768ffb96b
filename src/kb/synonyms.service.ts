import type { Actor } from '../platform/auth/principal.js';
import type { Deps } from '../platform/context.js';
import { inTransaction } from '../platform/context.js';
import { newId } from '../platform/ids.js';
import { diff, recordAudit } from '../audit/audit.service.js';
import { takeChangeSeq } from './changes.js';
import { noteSynonymsChanged } from './search.service.js';
import { findSynonymSets, replaceSynonymSets } from './synonyms.store.js';

/** The synonym sets search expands queries with. */
export async function getSynonyms(deps: Deps): Promise<{ synonyms: string[][] }> {
  return { synonyms: await findSynonymSets(deps.db.kysely) };
}

/** Tidies sets: phrases trimmed, lower case, inner spaces single, duplicates and one-phrase sets dropped. */
export function normaliseSynonyms(sets: string[][]): string[][] {
  return sets
    .map((set) => [...new Set(set.map((p) => p.trim().toLowerCase().replace(/\s+/g, ' ')).filter(Boolean))])
    .filter((set) => set.length > 1);
}

/** Replaces every synonym set, audited; searches on every node use the new sets from their next query. */
export async function putSynonyms(deps: Deps, actor: Actor, sets: string[][]): Promise<{ synonyms: string[][] }> {
  const next = normaliseSynonyms(sets);
  const now = deps.clock.now().toISOString();
  const seq = await inTransaction(deps, async (trx) => {
    const current = await findSynonymSets(trx);
    const changes = diff({ synonyms: current }, { synonyms: next });
    if (!changes) return undefined;
    const seq = await takeChangeSeq(trx);
    await replaceSynonymSets(trx, next.map((phrases, position) => ({ id: newId(), position, phrases: JSON.stringify(phrases), created_at: now })));
    await recordAudit(trx, deps.clock, { actor, action: 'kb.synonyms.replaced', entityType: 'kb_synonyms', entityId: 'kb_synonyms', changes });
    return seq;
  });
  if (seq !== undefined) noteSynonymsChanged(deps, seq, next);
  return { synonyms: next };
}
