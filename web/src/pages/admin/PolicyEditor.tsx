import { useState, type FormEvent } from 'react';
import { api } from '../../api';
import { Field, useSubmit, type FieldErrors } from '../../components/Field';
import type { Calendar } from './Calendars';
import { CheckGroup, EditorEnd, errorAt, ListInput, minutesText, splitList, type Named } from './shared';

export type Targets = { firstResponseMinutes: number; resolutionMinutes: number; nextReplyMinutes?: number | null };
export type Escalation = { type: 'raise_priority' } | { type: 'assign_group'; groupId: string } | { type: 'email'; to: string[] };
export interface Policy {
  id: string;
  name: string;
  position: number;
  active: boolean;
  conditions: { tiers?: number[]; groupIds?: string[]; organisationIds?: string[]; plans?: string[]; channels?: string[] };
  targets: Record<string, Targets>;
  calendarId: string | null;
  warnPercent: number;
  escalation: { onWarning: Escalation[]; onBreach: Escalation[] };
}
export interface PolicyChoices {
  calendars: Calendar[];
  groups: Named[];
  organisations: (Named & { plan: string | null })[];
}

const TIERS = [1, 2, 3, 4] as const;
const TIER_NAMES: Record<number, string> = { 1: 'Tier 1 critical', 2: 'Tier 2 high', 3: 'Tier 3 standard', 4: 'Tier 4 general' };
// The built-in targets (docs/sla.md), shown where a policy keeps them.
const DEFAULTS: Record<number, Targets> = { 1: { firstResponseMinutes: 60, resolutionMinutes: 240 }, 2: { firstResponseMinutes: 240, resolutionMinutes: 1440 }, 3: { firstResponseMinutes: 1440, resolutionMinutes: 4320 }, 4: { firstResponseMinutes: 2880, resolutionMinutes: 10080 } };
const CHANNELS = ['api', 'email', 'web', 'portal', 'chat', 'phone', 'video', 'other'] as const;
export const WHEN = [
  ['onWarning', 'On warning'],
  ['onBreach', 'On breach'],
] as const;

type TargetForm = { on: boolean; first: string; resolution: string; next: string };
const num = (s: string) => (s.trim() === '' ? NaN : Number(s));

/** Escalation actions of one moment (warning or breach). */
function EscalationEditor({ when, label, actions, groups, errors, onChange }: { when: string; label: string; actions: Escalation[]; groups: Named[]; errors: FieldErrors; onChange: (next: Escalation[]) => void }) {
  const set = (i: number, e: Escalation) => onChange(actions.map((a, j) => (j === i ? e : a)));
  return (
    <fieldset className="rows-editor">
      <legend>{label}</legend>
      {actions.map((a, i) => {
        const path = `escalation.${when}.${i}`;
        const error = errorAt(errors, path);
        return (
          <div className="row-line" key={i} role="group" aria-label={`${label} action ${i + 1}`}>
            <select
              aria-label="Action"
              value={a.type}
              onChange={(e) => set(i, e.target.value === 'assign_group' ? { type: 'assign_group', groupId: groups[0]?.id ?? '' } : e.target.value === 'email' ? { type: 'email', to: [] } : { type: 'raise_priority' })}
            >
              <option value="raise_priority">Raise priority one step</option>
              <option value="assign_group">Assign to group</option>
              <option value="email">E-mail</option>
            </select>
            {a.type === 'assign_group' && (
              <select aria-label="Group" value={a.groupId} onChange={(e) => set(i, { type: 'assign_group', groupId: e.target.value })}>
                {groups.map((g) => (
                  <option key={g.id} value={g.id}>
                    {g.name}
                  </option>
                ))}
              </select>
            )}
            {a.type === 'email' && <ListInput aria-label="Addresses (comma-separated)" placeholder="lead@example.com" value={a.to} onChange={(to) => set(i, { type: 'email', to })} />}
            <button type="button" aria-label={`Remove ${label.toLowerCase()} action ${i + 1}`} onClick={() => onChange(actions.filter((_, j) => j !== i))}>
              Remove
            </button>
            <span className="error field-error" role={error ? 'alert' : undefined}>
              {error ?? ''}
            </span>
          </div>
        );
      })}
      <div className="row-line">
        <button type="button" onClick={() => onChange([...actions, { type: 'raise_priority' }])}>
          Add action
        </button>
      </div>
    </fieldset>
  );
}

/** The form for one policy: conditions, targets per tier, calendar, warning share, escalation. */
export function PolicyEditor({ policy, choices, onDone }: { policy: Policy | null; choices: PolicyChoices; onDone: (saved: boolean) => Promise<void> }) {
  const c = policy?.conditions ?? {};
  const [name, setName] = useState(policy?.name ?? '');
  const [active, setActive] = useState(policy?.active ?? true);
  const [tiers, setTiers] = useState<number[]>(c.tiers ?? []);
  const [groupIds, setGroupIds] = useState<string[]>(c.groupIds ?? []);
  const [organisationIds, setOrganisationIds] = useState<string[]>(c.organisationIds ?? []);
  const [plans, setPlans] = useState((c.plans ?? []).join(', '));
  const [channels, setChannels] = useState<string[]>(c.channels ?? []);
  const [targets, setTargets] = useState<Record<number, TargetForm>>(() =>
    Object.fromEntries(
      TIERS.map((tier) => {
        const t = policy?.targets[String(tier)];
        return [tier, { on: !!t, first: String(t?.firstResponseMinutes ?? ''), resolution: String(t?.resolutionMinutes ?? ''), next: t?.nextReplyMinutes ? String(t.nextReplyMinutes) : '' }];
      }),
    ),
  );
  const [calendarId, setCalendarId] = useState(policy?.calendarId ?? '');
  const [warnPercent, setWarnPercent] = useState(String(policy?.warnPercent ?? 75));
  const [escalation, setEscalation] = useState(policy?.escalation ?? { onWarning: [], onBreach: [] });
  const [errors, submit, busy] = useSubmit();
  const setTarget = (tier: number, change: Partial<TargetForm>) => setTargets({ ...targets, [tier]: { ...targets[tier]!, ...change } });
  // Organisations beyond the first page keep their selection, shown by id.
  const organisations = [...choices.organisations, ...organisationIds.filter((id) => !choices.organisations.some((o) => o.id === id)).map((id) => ({ id, name: id, plan: null }))];
  const knownPlans = [...new Set(choices.organisations.map((o) => o.plan).filter((p): p is string => !!p))];

  const save = async (e: FormEvent) => {
    e.preventDefault();
    const conditions = {
      ...(tiers.length ? { tiers } : {}),
      ...(groupIds.length ? { groupIds } : {}),
      ...(organisationIds.length ? { organisationIds } : {}),
      ...(splitList(plans).length ? { plans: splitList(plans) } : {}),
      ...(channels.length ? { channels } : {}),
    };
    const body = {
      name,
      active,
      conditions,
      targets: Object.fromEntries(
        TIERS.filter((tier) => targets[tier]!.on).map((tier) => {
          const t = targets[tier]!;
          return [String(tier), { firstResponseMinutes: num(t.first), resolutionMinutes: num(t.resolution), ...(t.next.trim() ? { nextReplyMinutes: num(t.next) } : { nextReplyMinutes: null }) }];
        }),
      ),
      calendarId: calendarId || null,
      warnPercent: num(warnPercent),
      escalation,
    };
    const ok = await submit(async () => {
      if (policy) await api(`/api/v1/sla/policies/${policy.id}`, { method: 'PATCH', body });
      else await api('/api/v1/sla/policies', { method: 'POST', body });
    });
    if (ok) await onDone(true);
  };
  const title = policy ? `Edit policy ${policy.name}` : 'New policy';

  return (
    <form className="admin-form wide" onSubmit={save} aria-label={title} noValidate>
      <h3>{title}</h3>
      <Field id="policy-name" label="Name" error={errors.name}>
        {(p) => <input {...p} value={name} onChange={(e) => setName(e.target.value)} />}
      </Field>
      <label>
        <input type="checkbox" checked={active} onChange={(e) => setActive(e.target.checked)} /> Active
      </label>
      <h4>Applies to tickets with (each list: any of its values; nothing ticked: any)</h4>
      <CheckGroup id="policy-tiers" legend="Tier" options={TIERS} selected={tiers} onChange={setTiers} label={(t) => TIER_NAMES[t]!} error={errorAt(errors, 'conditions.tiers')} />
      <CheckGroup id="policy-groups" legend="Group" options={choices.groups.map((g) => g.id)} selected={groupIds} onChange={setGroupIds} label={(id) => choices.groups.find((g) => g.id === id)?.name ?? id} error={errorAt(errors, 'conditions.groupIds')} />
      <Field id="policy-orgs" label="Organisation" error={errorAt(errors, 'conditions.organisationIds')}>
        {(p) => (
          <select {...p} multiple size={Math.min(5, Math.max(2, organisations.length))} value={organisationIds} onChange={(e) => setOrganisationIds([...e.target.selectedOptions].map((o) => o.value))}>
            {organisations.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field id="policy-plans" label="Organisation plan (comma-separated)" error={errorAt(errors, 'conditions.plans')}>
        {(p) => <input {...p} list="policy-plan-list" value={plans} onChange={(e) => setPlans(e.target.value)} />}
      </Field>
      <datalist id="policy-plan-list">
        {knownPlans.map((p) => (
          <option key={p} value={p} />
        ))}
      </datalist>
      <CheckGroup id="policy-channels" legend="Channel" options={CHANNELS} selected={channels} onChange={setChannels} error={errorAt(errors, 'conditions.channels')} />
      <table className="grid targets">
        <caption>Targets in minutes of open time on the calendar</caption>
        <thead>
          <tr>
            <th scope="col">Tier</th>
            <th scope="col">Own targets</th>
            <th scope="col">First response</th>
            <th scope="col">Resolution</th>
            <th scope="col">Next reply (optional)</th>
          </tr>
        </thead>
        <tbody>
          {TIERS.map((tier) => {
            const t = targets[tier]!;
            const cell = (key: 'first' | 'resolution' | 'next', field: string, label: string, placeholder: number | undefined) => {
              const error = errors[`targets.${tier}.${field}`];
              const id = `policy-t${tier}-${key}`;
              return (
                <td>
                  <input
                    id={id}
                    type="number"
                    min={1}
                    className="minutes"
                    aria-label={`${label}, tier ${tier}`}
                    disabled={!t.on}
                    placeholder={placeholder ? String(placeholder) : ''}
                    value={t.on ? t[key] : ''}
                    aria-invalid={error ? true : undefined}
                    aria-describedby={error ? `${id}-error` : undefined}
                    onChange={(e) => setTarget(tier, { [key]: e.target.value })}
                  />
                  <span id={`${id}-error`} className="error field-error" role={error ? 'alert' : undefined}>
                    {error ?? (t.on && t[key] ? minutesText(Number(t[key])) : '')}
                  </span>
                </td>
              );
            };
            return (
              <tr key={tier}>
                <th scope="row">{TIER_NAMES[tier]}</th>
                <td>
                  <input type="checkbox" aria-label={`Own targets for tier ${tier}`} checked={t.on} onChange={(e) => setTarget(tier, { on: e.target.checked })} />
                </td>
                {cell('first', 'firstResponseMinutes', 'First response minutes', DEFAULTS[tier]!.firstResponseMinutes)}
                {cell('resolution', 'resolutionMinutes', 'Resolution minutes', DEFAULTS[tier]!.resolutionMinutes)}
                {cell('next', 'nextReplyMinutes', 'Next reply minutes', undefined)}
              </tr>
            );
          })}
        </tbody>
      </table>
      <div className="editor-row">
        <Field id="policy-calendar" label="Calendar" error={errors.calendarId}>
          {(p) => (
            <select {...p} value={calendarId} onChange={(e) => setCalendarId(e.target.value)}>
              <option value="">around the clock</option>
              {choices.calendars.map((cal) => (
                <option key={cal.id} value={cal.id}>
                  {cal.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id="policy-warn" label="Warn at % of the target" error={errors.warnPercent}>
          {(p) => <input {...p} type="number" min={1} max={99} value={warnPercent} onChange={(e) => setWarnPercent(e.target.value)} />}
        </Field>
      </div>
      {WHEN.map(([key, label]) => (
        <EscalationEditor key={key} when={key} label={label} actions={escalation[key]} groups={choices.groups} errors={errors} onChange={(next) => setEscalation({ ...escalation, [key]: next })} />
      ))}
      <EditorEnd errors={errors} shown={['name', 'conditions.tiers', 'conditions.groupIds', 'conditions.organisationIds', 'conditions.plans', 'conditions.channels', 'calendarId', 'warnPercent', 'escalation.onWarning', 'escalation.onBreach', ...TIERS.flatMap((t) => ['firstResponseMinutes', 'resolutionMinutes', 'nextReplyMinutes'].map((f) => `targets.${t}.${f}`))]} busy={busy} submitLabel={policy ? 'Save policy' : 'Create policy'} onCancel={() => void onDone(false)} />
    </form>
  );
}
