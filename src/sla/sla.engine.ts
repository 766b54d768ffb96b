import type { SlaClock } from './calendar.js';

/**
 * The SLA state machine of one ticket, as pure functions over the JSON stored on the ticket.
 * Each metric keeps the open time it consumed before its last resume (`consumedMs`) and the
 * instant it resumed (`anchorAt`), so pausing, resuming and changing targets never re-walk the
 * ticket's history: due = anchor + (target − consumed) in the policy's calendar.
 */
export const METRICS = ['firstResponse', 'nextReply', 'resolution'] as const;
export type MetricName = (typeof METRICS)[number];

export interface MetricState {
  targetMinutes: number;
  startedAt: string;
  /** Open time used before `anchorAt`, in ms. */
  consumedMs: number;
  /** When the clock last started running; null while paused or finished. */
  anchorAt: string | null;
  dueAt: string | null;
  warnAt: string | null;
  warnedAt: string | null;
  breachedAt: string | null;
  completedAt: string | null;
  /** `met` by a reply or by solving; `stopped` when solving ended it unanswered. */
  status: 'active' | 'paused' | 'met' | 'stopped';
}

export interface SlaState {
  policyId: string | null;
  policyName: string;
  calendarId: string | null;
  warnPercent: number;
  firstResponseDueAt: string | null;
  nextReplyDueAt: string | null;
  resolutionDueAt: string | null;
  paused: boolean;
  pausedSince: string | null;
  /** Wall time spent paused so far (closed pauses only). */
  pausedMs: number;
  breached: boolean;
  metrics: Partial<Record<MetricName, MetricState>>;
}

/** The targets that apply to one ticket, after policy matching. */
export interface AppliedTargets {
  policyId: string | null;
  policyName: string;
  calendarId: string | null;
  clock: SlaClock;
  warnPercent: number;
  firstResponseMinutes: number;
  resolutionMinutes: number;
  nextReplyMinutes: number | null;
}

const DAY_MS = 86_400_000;
const dayPrefixes = new Map<number, string>();
const pad2 = (n: number) => (n < 10 ? `0${n}` : `${n}`);
const pad3 = (n: number) => (n < 10 ? `00${n}` : n < 100 ? `0${n}` : `${n}`);

/**
 * `new Date(ms).toISOString()`, several times faster: the date part is kept per day and the time
 * part is arithmetic. Due-time computation formats eight instants per ticket.
 */
export function iso(ms: number): string {
  const day = Math.floor(ms / DAY_MS);
  let prefix = dayPrefixes.get(day);
  if (prefix === undefined) {
    if (dayPrefixes.size > 20_000) dayPrefixes.clear();
    prefix = new Date(day * DAY_MS).toISOString().slice(0, 11);
    dayPrefixes.set(day, prefix);
  }
  let rest = ms - day * DAY_MS;
  const h = Math.floor(rest / 3_600_000);
  rest -= h * 3_600_000;
  const m = Math.floor(rest / 60_000);
  rest -= m * 60_000;
  const s = Math.floor(rest / 1000);
  return `${prefix}${pad2(h)}:${pad2(m)}:${pad2(s)}.${pad3(Math.floor(rest - s * 1000))}Z`;
}
const ms = (value: string) => Date.parse(value);

function newMetric(targetMinutes: number, now: number, paused: boolean, nowIso = iso(now)): MetricState {
  return {
    targetMinutes,
    startedAt: nowIso,
    consumedMs: 0,
    anchorAt: paused ? null : nowIso,
    dueAt: null,
    warnAt: null,
    warnedAt: null,
    breachedAt: null,
    completedAt: null,
    status: paused ? 'paused' : 'active',
  };
}

/** Sets due and warning times of a running metric from its anchor and what it has consumed. */
function schedule(metric: MetricState, clock: SlaClock, warnPercent: number, anchorMs?: number): void {
  if (metric.status !== 'active' || !metric.anchorAt) {
    metric.dueAt = null;
    metric.warnAt = null;
    return;
  }
  const anchor = anchorMs ?? ms(metric.anchorAt);
  const target = metric.targetMinutes * 60_000;
  const warnShare = Math.round((target * warnPercent) / 100);
  if (warnShare > metric.consumedMs) {
    // The due time continues from the warning time: one walk over the calendar instead of two.
    const warnAt = clock.add(anchor, warnShare - metric.consumedMs);
    metric.warnAt = iso(warnAt);
    metric.dueAt = iso(clock.add(warnAt, target - warnShare));
    return;
  }
  // A target shortened below what was already used: the deadline has passed, keep the earlier one.
  metric.dueAt = target > metric.consumedMs ? iso(clock.add(anchor, target - metric.consumedMs)) : (metric.dueAt ?? iso(anchor));
  metric.warnAt = metric.warnAt ?? iso(anchor);
}

function summarise(state: SlaState): SlaState {
  const m = state.metrics;
  state.firstResponseDueAt = m.firstResponse?.dueAt ?? null;
  state.nextReplyDueAt = m.nextReply?.dueAt ?? null;
  state.resolutionDueAt = m.resolution?.dueAt ?? null;
  state.breached = METRICS.some((name) => m[name]?.breachedAt && (m[name]?.status === 'active' || m[name]?.status === 'paused'));
  return state;
}

function reschedule(state: SlaState, clock: SlaClock, anchorMs?: number): SlaState {
  for (const name of METRICS) {
    const metric = state.metrics[name];
    if (metric) schedule(metric, clock, state.warnPercent, anchorMs);
  }
  return summarise(state);
}

/** The state of a new ticket: first response and resolution running (or paused, if it starts waiting). */
export function startSla(targets: AppliedTargets, now: number, paused: boolean): SlaState {
  const nowIso = iso(now);
  const state: SlaState = {
    policyId: targets.policyId,
    policyName: targets.policyName,
    calendarId: targets.calendarId,
    warnPercent: targets.warnPercent,
    firstResponseDueAt: null,
    nextReplyDueAt: null,
    resolutionDueAt: null,
    paused,
    pausedSince: paused ? nowIso : null,
    pausedMs: 0,
    breached: false,
    metrics: {
      firstResponse: newMetric(targets.firstResponseMinutes, now, paused, nowIso),
      resolution: newMetric(targets.resolutionMinutes, now, paused, nowIso),
    },
  };
  // Both clocks start now: skip parsing the anchor back.
  return reschedule(state, targets.clock, now);
}

const copy = (state: SlaState): SlaState => structuredClone(state);

/** Stops every running metric's clock (the ticket waits on the customer or a third party). */
export function pauseSla(previous: SlaState, clock: SlaClock, now: number): SlaState {
  if (previous.paused) return previous;
  const state = copy(previous);
  for (const name of METRICS) {
    const metric = state.metrics[name];
    if (metric?.status !== 'active' || !metric.anchorAt) continue;
    metric.consumedMs += clock.between(ms(metric.anchorAt), now);
    metric.anchorAt = null;
    metric.status = 'paused';
  }
  state.paused = true;
  state.pausedSince = iso(now);
  return reschedule(state, clock);
}

/** Starts the paused clocks again from `now`. */
export function resumeSla(previous: SlaState, clock: SlaClock, now: number): SlaState {
  if (!previous.paused) return previous;
  const state = copy(previous);
  for (const name of METRICS) {
    const metric = state.metrics[name];
    if (metric?.status !== 'paused') continue;
    metric.anchorAt = iso(now);
    metric.status = 'active';
  }
  if (state.pausedSince) state.pausedMs += Math.max(0, now - ms(state.pausedSince));
  state.paused = false;
  state.pausedSince = null;
  return reschedule(state, clock);
}

function finish(metric: MetricState | undefined, now: number, status: 'met' | 'stopped'): void {
  if (!metric || (metric.status !== 'active' && metric.status !== 'paused')) return;
  metric.status = status;
  metric.completedAt = iso(now);
  metric.anchorAt = null;
}

/** A public agent reply: meets the first response and a running next-reply target. */
export function agentReplied(previous: SlaState, clock: SlaClock, now: number): SlaState {
  const state = copy(previous);
  finish(state.metrics.firstResponse, now, 'met');
  finish(state.metrics.nextReply, now, 'met');
  return reschedule(state, clock);
}

/** A public customer reply after the first response starts the next-reply target, if the policy has one. */
export function customerReplied(previous: SlaState, targets: AppliedTargets, now: number): SlaState {
  const first = previous.metrics.firstResponse;
  const next = previous.metrics.nextReply;
  if (targets.nextReplyMinutes === null || !first || first.status === 'active' || first.status === 'paused') return previous;
  if (next && (next.status === 'active' || next.status === 'paused')) return previous;
  const state = copy(previous);
  state.metrics.nextReply = newMetric(targets.nextReplyMinutes, now, state.paused);
  return reschedule(state, targets.clock);
}

/** Solved: resolution is met; anything still running stops. */
export function solvedSla(previous: SlaState, clock: SlaClock, now: number): SlaState {
  const state = copy(previous);
  finish(state.metrics.resolution, now, 'met');
  finish(state.metrics.firstResponse, now, 'stopped');
  finish(state.metrics.nextReply, now, 'stopped');
  state.paused = false;
  if (state.pausedSince) state.pausedMs += Math.max(0, now - ms(state.pausedSince));
  state.pausedSince = null;
  return reschedule(state, clock);
}

/** A reopened ticket: resolution starts again from zero. */
export function reopenedSla(previous: SlaState, targets: AppliedTargets, now: number, paused: boolean): SlaState {
  const state = copy(previous);
  state.metrics.resolution = newMetric(targets.resolutionMinutes, now, paused);
  state.paused = paused;
  state.pausedSince = paused ? iso(now) : null;
  return reschedule(state, targets.clock);
}

/**
 * New targets for the same ticket (tier, group, organisation, channel or policy changed). Time
 * already used stays used; when the calendar changes, the open time so far is counted on the old
 * calendar up to now and the rest on the new one.
 */
export function retargetSla(previous: SlaState, oldClock: SlaClock, targets: AppliedTargets, now: number): SlaState {
  const state = copy(previous);
  const calendarChanged = state.calendarId !== targets.calendarId;
  const minutes: Record<MetricName, number | null> = {
    firstResponse: targets.firstResponseMinutes,
    nextReply: targets.nextReplyMinutes,
    resolution: targets.resolutionMinutes,
  };
  for (const name of METRICS) {
    const metric = state.metrics[name];
    if (!metric || (metric.status !== 'active' && metric.status !== 'paused')) continue;
    const target = minutes[name];
    if (target === null) {
      finish(metric, now, 'stopped');
      continue;
    }
    if (calendarChanged && metric.status === 'active' && metric.anchorAt) {
      metric.consumedMs += oldClock.between(ms(metric.anchorAt), now);
      metric.anchorAt = iso(now);
    }
    metric.targetMinutes = target;
  }
  Object.assign(state, { policyId: targets.policyId, policyName: targets.policyName, calendarId: targets.calendarId, warnPercent: targets.warnPercent });
  return reschedule(state, targets.clock);
}

export interface SlaFiring {
  metric: MetricName;
  kind: 'warning' | 'breach';
  dueAt: string;
}

/**
 * Marks the warnings and breaches that are due at `now` and returns them. A breach that is due
 * swallows its warning (both at once after downtime would only repeat the news).
 */
export function fireDue(previous: SlaState, now: number): { state: SlaState; fired: SlaFiring[] } {
  const state = copy(previous);
  const fired: SlaFiring[] = [];
  for (const name of METRICS) {
    const metric = state.metrics[name];
    if (metric?.status !== 'active' || !metric.dueAt) continue;
    if (!metric.breachedAt && ms(metric.dueAt) <= now) {
      metric.breachedAt = iso(now);
      metric.warnedAt ??= iso(now);
      fired.push({ metric: name, kind: 'breach', dueAt: metric.dueAt });
    } else if (!metric.warnedAt && metric.warnAt && ms(metric.warnAt) <= now) {
      metric.warnedAt = iso(now);
      fired.push({ metric: name, kind: 'warning', dueAt: metric.dueAt });
    }
  }
  return { state: summarise(state), fired };
}

/** When a metric next needs attention (its warning or its breach), or null. */
export function metricActionAt(metric: MetricState | undefined): string | null {
  if (metric?.status !== 'active') return null;
  if (!metric.warnedAt) return metric.warnAt;
  if (!metric.breachedAt) return metric.dueAt;
  return null;
}

/** The earliest moment the ticket needs the timer's attention (stored as `sla_next_due_at`). */
export function nextActionAt(state: SlaState | null): string | null {
  if (!state) return null;
  return minIso(METRICS.map((name) => metricActionAt(state.metrics[name])));
}

/** The earliest deadline of a running metric, breached or not (stored as `sla_due_at`; at-risk sorts on it). */
export function earliestDueAt(state: SlaState | null): string | null {
  if (!state) return null;
  return minIso(METRICS.map((name) => (state.metrics[name]?.status === 'active' ? (state.metrics[name]?.dueAt ?? null) : null)));
}

function minIso(values: Array<string | null>): string | null {
  let best: string | null = null;
  for (const v of values) if (v && (best === null || v < best)) best = v;
  return best;
}
