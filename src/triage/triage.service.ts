/**
 * Triage of one text: tier (rules, learned tier model, signals), category (the active classifier),
 * language, sentiment, frustration, urgency, and the reasons for each. Runs in memory apart from
 * two indexed reads for the requester's recent tickets and organisation (ticket creation only).
 */
import type { Kysely } from 'kysely';
import type { Deps } from '../platform/context.js';
import type { Database } from '../platform/db/tables.js';
import { AppError } from '../platform/errors.js';
import { categoryEvidence } from './category-evidence.js';
import { ticketsOfRequesterSince, organisationTier } from './history.store.js';
import { RECENT_CONTACTS_CAP } from './signals/frustration.js';
import { readSignals, type TextSignals } from './signals/signals.js';
import type { SimilarTickets } from './similar/similar.service.js';
import { decideTier, type CustomerContext, type TierDecision } from './tiers/tier-verdict.js';
import { applyRules } from './tiers/tier-rules.js';
import type { Tier } from './tiers/tiers.schema.js';
import { TriageStateCache, type TriageState } from './triage-state.js';

export interface TriageText {
  subject: string;
  body: string;
}

/** Who the ticket is from (ticket creation); absent for `POST /triage/predict`. */
export interface RequesterContext {
  requesterId: string;
  organisationId: string | null;
}

export interface CategoryVerdict {
  label: string | null;
  guess: string | null;
  confidence: number;
  outOfScope: boolean;
  reason: string;
  alternatives: { label: string; confidence: number }[];
  evidence: { word: string; strength: number }[];
}

export interface TriageResult {
  priority: Tier;
  category: string | null;
  confidence: number | null;
  outOfScope: boolean;
  language: string;
  sentiment: TextSignals['sentiment']['label'];
  sentimentScore: number;
  frustration: TextSignals['frustration'];
  urgency: TextSignals['urgency'];
  tier: Omit<TierDecision, 'reasons'> & { reasons: string[] };
  categoryDetail: CategoryVerdict | null;
  /** Everything that decided the verdict, readable, tier first. */
  reasons: string[];
  modelVersion: number | null;
  tierModelVersion: number | null;
  rulesVersion: number;
  context: { recentContacts: number | null; similarRecent: number | null; customer: CustomerContext | null };
}

/** What ticket creation asks to have explained when the caller set a field itself. */
export const NO_MODEL_DETAIL = 'No triage model has been trained yet: train one from resolved tickets with `POST /api/v1/triage/retrain` or `frontline triage train --input FILE --text-column C --label-column L`';

export class TriageEngine {
  private readonly state = new TriageStateCache();
  private similar: SimilarTickets | null = null;

  constructor(private readonly deps: Deps) {}

  /** Uses the process's similar-ticket index for the burst signal (the API process has one). */
  useSimilar(similar: SimilarTickets): void {
    this.similar = similar;
  }

  /** Loads the similar-ticket index (if any) and waits for its pending writes: for tests and benchmarks. */
  async similarSettled(): Promise<void> {
    if (!this.similar) return;
    await this.similar.ready();
    await this.similar.settled();
  }

  /** Forget cached versions: the next triage checks the database (after a training, roll-back or rules change). */
  invalidate(): void {
    this.state.invalidate();
  }

  /** The state in force (rules, models); `db` may be an open transaction. */
  current(db: Kysely<Database> = this.deps.db.kysely): Promise<TriageState> {
    return this.state.current(db);
  }

  /** Fails with 409 `no_triage_model` when no category model is active. */
  async requireModel(db: Kysely<Database> = this.deps.db.kysely): Promise<TriageState> {
    const state = await this.current(db);
    if (!state.category) throw new AppError('no_triage_model', NO_MODEL_DETAIL);
    return state;
  }

  /** Triages a text; with a requester, also reads their recent tickets, organisation and look-alikes. */
  async triage(db: Kysely<Database>, input: TriageText, requester?: RequesterContext): Promise<TriageResult> {
    const state = await this.current(db);
    const { settings } = state;
    const text = input.subject ? `${input.subject}\n${input.body}` : input.body;
    const empty = text.trim() === '';
    const now = this.deps.clock.now().getTime();
    const recentContacts = requester
      ? await ticketsOfRequesterSince(db, requester.requesterId, new Date(now - settings.signals.repeatWindowHours * 3_600_000).toISOString(), RECENT_CONTACTS_CAP)
      : null;
    const org = requester?.organisationId ? await organisationTier(db, requester.organisationId) : undefined;
    const customer: CustomerContext | null = org ? { organisation: org.name, vip: Number(org.vip) === 1, plan: org.plan } : null;
    const similarRecent = requester && !empty ? this.similarRecent(input, now, state) : null;
    const signals = readSignals(input.subject, input.body, { recentContacts, repeatWindowHours: settings.signals.repeatWindowHours });
    const category = state.category && !empty ? this.categorise(state, text) : null;
    const learned = state.tierModel && !empty ? learnedTier(state, text) : null;
    const decision = decideTier({ rules: applyRules(state.rules, input.subject, input.body), learned, signals, customer, similarRecent, settings });
    const reasons = [...decision.reasons, ...categoryReasons(state, category, empty), ...signalReasons(signals)];
    return {
      priority: decision.tier,
      category: category && !category.outOfScope ? category.label : null,
      confidence: category ? category.confidence : null,
      outOfScope: empty || (category?.outOfScope ?? false),
      language: signals.language.code,
      sentiment: signals.sentiment.label,
      sentimentScore: signals.sentiment.score,
      frustration: signals.frustration,
      urgency: signals.urgency,
      tier: decision,
      categoryDetail: category,
      reasons,
      modelVersion: state.category?.version ?? null,
      tierModelVersion: state.tierModel?.version ?? null,
      rulesVersion: state.rulesVersion,
      context: { recentContacts, similarRecent, customer },
    };
  }

  private categorise(state: TriageState, text: string): CategoryVerdict {
    const { predictor } = state.category!;
    const p = predictor.predict(text);
    return {
      label: p.outOfScope ? null : p.label,
      guess: p.guess,
      confidence: Math.round(p.confidence * 10_000) / 10_000,
      outOfScope: p.outOfScope,
      reason: p.reason,
      alternatives: p.alternatives.map((a) => ({ label: a.label, confidence: Math.round(a.confidence * 10_000) / 10_000 })),
      evidence: categoryEvidence(predictor, text, p.guess),
    };
  }

  /**
   * Look-alikes of the text created within the burst window, from the in-memory index; null until
   * it is loaded (loading reads every ticket, so it starts in the background and this ticket goes
   * without the signal).
   */
  private similarRecent(input: TriageText, now: number, state: TriageState): number | null {
    const s = state.settings.signals;
    const matches = this.similar?.recentLookAlikes(input, now - s.burstWindowMinutes * 60_000);
    return matches ? matches.filter((m) => m.score >= s.burstMinScore).length : null;
  }
}

function learnedTier(state: TriageState, text: string): { tier: Tier; confidence: number; version: number } | null {
  const p = state.tierModel!.predictor.predict(text);
  const tier = Number(p.label);
  if (p.outOfScope || !(tier >= 1 && tier <= 4)) return null;
  return { tier: tier as Tier, confidence: p.confidence, version: state.tierModel!.version };
}

function categoryReasons(state: TriageState, category: CategoryVerdict | null, empty: boolean): string[] {
  if (empty) return ['empty text: nothing to classify → out of scope'];
  if (!state.category || !category) return ['no category model trained yet → category left empty'];
  const words = category.evidence.map((e) => `'${e.word}'`).join(', ');
  const why = words ? ` (strongest words: ${words})` : '';
  if (!category.outOfScope) return [`category '${category.label}' at confidence ${category.confidence.toFixed(2)}${why}, model v${state.category.version}`];
  const verdict =
    category.reason === 'unknown_words'
      ? 'none of its words occurred in training'
      : category.reason === 'oos_class'
        ? 'it reads like the out-of-scope examples'
        : `best guess '${category.guess}' at ${category.confidence.toFixed(2)} is below the threshold`;
  return [`out of scope: ${verdict}${why}`];
}

function signalReasons(signals: TextSignals): string[] {
  const reasons: string[] = [];
  const { language, sentiment, frustration } = signals;
  reasons.push(language.code === 'und' ? `language undetermined (${language.reason === 'too_short' ? 'text too short' : 'not a supported language'})` : `language: ${language.code}`);
  if (sentiment.label !== 'neutral') reasons.push(`sentiment ${sentiment.label} (${sentiment.score})`);
  if (frustration.level !== 'none') reasons.push(`frustration ${frustration.level} (${frustration.score}): ${frustration.cues.join('; ')}`);
  return reasons;
}
