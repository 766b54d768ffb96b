/**
 * Tier rules at run time: compiled once per settings version into one regular expression per
 * sub-type, then matched against a ticket's normalised text. Matching is linear in the text
 * (bounded by MAX_CHARS), so a long pasted log costs no more than its first pages.
 */
import { AppError, type FieldError } from '../../platform/errors.js';
import type { SubtypeRule, Tier, TriageSettings } from './tiers.schema.js';

/** Characters of subject and body the rules read (the opening says what a ticket is about). */
export const MAX_CHARS = 4_000;
/** Each further distinct cue of a sub-type adds half its weight, up to this many. */
const EXTRA_CUES = 2;

export interface CompiledSubtype {
  rule: SubtypeRule;
  phrases: RegExp | null;
  patterns: RegExp[];
}

export interface CompiledRules {
  defaultTier: Tier;
  subtypes: CompiledSubtype[];
}

export interface RuleMatch {
  subtype: string;
  title: string;
  tier: Tier;
  score: number;
  /** The phrases and patterns that matched, as found in the text. */
  cues: string[];
}

export interface TierVerdict {
  tier: Tier;
  /** The winning sub-type, or null when no rule matched and the default tier applies. */
  match: RuleMatch | null;
  /** Every sub-type that matched, best first. */
  matches: RuleMatch[];
}

const COMBINING_MARKS = /\p{M}+/gu;
const APOSTROPHES = /['’`´]/g;
const NON_WORD = /[^\p{L}\p{N}]+/gu;

/** Lower case, no accents or apostrophes, every run of punctuation and space as one space. */
export function normaliseForRules(text: string): string {
  return ` ${text.slice(0, MAX_CHARS).normalize('NFKD').replace(COMBINING_MARKS, '').toLowerCase().replace(APOSTROPHES, '').replace(NON_WORD, ' ').trim()} `;
}

const escape = (s: string) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&');

/** A phrase as a regex fragment: words separated by any space, a trailing `*` as a word prefix. */
function phraseSource(phrase: string): string {
  return normaliseForRules(phrase.replace(/\*/g, ' STAR '))
    .trim()
    .split(' ')
    .map((w) => (w === 'star' ? '\\w*' : escape(w)))
    .join(' ')
    .replace(/ \\w\*/g, '\\w*');
}

/** Compiles the rules; an invalid pattern is a validation error naming it (never a 500). */
export function compileRules(settings: TriageSettings): CompiledRules {
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  const subtypes = settings.subtypes.map((rule, i): CompiledSubtype => {
    if (seen.has(rule.id)) errors.push({ path: `subtypes.${i}.id`, message: `duplicate sub-type ${rule.id}` });
    seen.add(rule.id);
    // Longest first, so that the cue reported is the most specific one.
    const sources = [...new Set(rule.phrases)].sort((a, b) => b.length - a.length).map(phraseSource).filter(Boolean);
    const patterns = rule.patterns.flatMap((source, j) => {
      try {
        return [new RegExp(source, 'i')];
      } catch (error) {
        errors.push({ path: `subtypes.${i}.patterns.${j}`, message: `not a valid regular expression: ${(error as Error).message}` });
        return [];
      }
    });
    if (sources.length === 0 && patterns.length === 0) errors.push({ path: `subtypes.${i}`, message: 'needs at least one phrase or pattern' });
    return { rule, phrases: sources.length ? new RegExp(`(?<= )(?:${sources.join('|')})(?= )`, 'g') : null, patterns };
  });
  if (errors.length > 0) throw new AppError('validation_failed', 'The triage rules are not valid', { fields: errors });
  return { defaultTier: settings.defaultTier, subtypes };
}

/**
 * Probe texts of growing length on which a pattern with nested repetition backtracks
 * exponentially: a sound pattern takes microseconds on all of them. Lengths grow in small steps,
 * so a bad pattern is caught after a few milliseconds, before a probe could take seconds.
 */
const PROBE_UNITS = ['a', ' ', 'ab ', '1', 'a '];
const PROBE_LENGTHS = [8, 12, 14, 16, 18, 19, 20, 21, 22, 23, 24];
/**
 * CPU time (not wall time: a busy machine must not fail sound rules) above which a pattern would
 * stall ticket creation on a hostile text. Sound patterns take well under a millisecond.
 */
const PROBE_BUDGET_US = 100_000;
const cpuMicros = () => {
  const { user, system } = process.cpuUsage();
  return user + system;
};

/**
 * Refuses patterns whose matching time explodes (catastrophic backtracking, e.g. `(a+)+$`): they
 * run on every new ticket, so one would let a crafted ticket stall the server. Run when saving.
 */
export function checkPatternCost(rules: CompiledRules): void {
  const errors: FieldError[] = [];
  rules.subtypes.forEach((s, i) =>
    s.patterns.forEach((pattern, j) => {
      const started = cpuMicros();
      for (const length of PROBE_LENGTHS) {
        for (const unit of PROBE_UNITS) pattern.test(`${unit.repeat(length)}!`);
        if (cpuMicros() - started > PROBE_BUDGET_US) {
          errors.push({ path: `subtypes.${i}.patterns.${j}`, message: 'takes too long to match (nested repetition such as (a+)+); simplify it' });
          return;
        }
      }
    }),
  );
  if (errors.length > 0) throw new AppError('validation_failed', 'The triage rules are not valid', { fields: errors });
}

/** Matches one sub-type against normalised text; null when nothing matched. */
function matchSubtype(compiled: CompiledSubtype, text: string): RuleMatch | null {
  const cues = new Set<string>();
  if (compiled.phrases) {
    compiled.phrases.lastIndex = 0;
    for (const m of text.matchAll(compiled.phrases)) cues.add(m[0]);
  }
  compiled.patterns.forEach((pattern, j) => {
    const m = pattern.exec(text);
    if (m) cues.add(m[0].trim() || `pattern ${j + 1}`);
  });
  if (cues.size === 0) return null;
  const { rule } = compiled;
  const score = rule.weight * (1 + 0.5 * Math.min(cues.size - 1, EXTRA_CUES));
  return { subtype: rule.id, title: rule.title, tier: rule.tier as Tier, score: Math.round(score * 100) / 100, cues: [...cues].slice(0, 5) };
}

/** The tier the rules give a ticket: the best-scoring sub-type's (graver tier on a tie), else the default. */
export function applyRules(rules: CompiledRules, subject: string, body: string): TierVerdict {
  const text = normaliseForRules(`${subject}\n${body}`);
  const matches = rules.subtypes.flatMap((s) => matchSubtype(s, text) ?? []);
  matches.sort((a, b) => b.score - a.score || a.tier - b.tier);
  const match = matches[0] ?? null;
  return { tier: match ? match.tier : rules.defaultTier, match, matches };
}
