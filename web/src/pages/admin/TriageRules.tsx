import { useEffect, useState, type FormEvent } from 'react';
import { api } from '../../api';
import { Field, FormError, useSubmit, type FieldErrors } from '../../components/Field';
import { when } from '../../format';

interface Subtype {
  id: string;
  tier: number;
  title: string;
  weight: number;
  phrases: string[];
  patterns: string[];
}
interface Settings {
  defaultTier: number;
  subtypes: Subtype[];
  signals: Record<string, number | boolean | string[]>;
  learning: Record<string, number>;
}
interface Rules {
  version: number;
  source: 'default' | 'custom';
  updatedAt: string | null;
  updatedBy: string | null;
  settings: Settings;
}

const SIGNALS: [string, string][] = [
  ['frustrationThreshold', 'Frustration score that raises a tier (0 … 1)'],
  ['urgencyThreshold', 'Urgency score that raises a tier (0 … 1)'],
  ['burstMinSimilar', 'Look-alike tickets that make a burst'],
  ['burstWindowMinutes', 'Burst window (minutes)'],
  ['burstMinScore', 'Burst similarity (0.05 … 1)'],
  ['repeatWindowHours', 'Repeat-contact window (hours)'],
  ['maxRaise', 'Most tiers signals may raise'],
];
const LEARNING: [string, string][] = [
  ['retrainAfterCorrections', 'Retrain after this many corrections (0: never automatically)'],
  ['minTierTrainingRows', 'Labelled tickets before a tier model is learned'],
  ['tierModelMinConfidence', 'Confidence for the learned tier to win (0 … 1)'],
  ['maxTrainingRows', 'Most recent tickets read for a retraining'],
];

const lines = (text: string) => text.split('\n').map((l) => l.trim()).filter(Boolean);
const numberOf = (value: string) => (value === '' ? NaN : Number(value));
const shown = (n: unknown) => (typeof n === 'number' && !Number.isNaN(n) ? n : '');

/** Every error at or under a path, as one message (`subtypes.3.patterns.0` belongs to the patterns box of sub-type 3). */
export function errorUnder(errors: FieldErrors, path: string, unit = 'line'): string | undefined {
  const found = Object.entries(errors).filter(([p]) => p === path || p.startsWith(`${path}.`));
  if (found.length === 0) return undefined;
  return found.map(([p, m]) => (p === path ? m : `${unit} ${Number(p.slice(path.length + 1).split('.')[0]) + 1}: ${m}`)).join('; ');
}

/** The tier rules and signal and learning settings: view and edit the whole document; the server checks it. */
export function TriageRules() {
  const [rules, setRules] = useState<Rules | null>(null);
  const [form, setForm] = useState<Settings | null>(null);
  const [saved, setSaved] = useState(false);
  const [errors, submit, busy] = useSubmit();
  const load = (r: Rules) => {
    setRules(r);
    setForm(structuredClone(r.settings));
  };
  useEffect(() => void api<Rules>('/api/v1/triage/rules').then(load), []);
  if (!rules || !form) return <section className="admin-placeholder" aria-busy="true" />;

  const setSubtype = (i: number, patch: Partial<Subtype>) => setForm({ ...form, subtypes: form.subtypes.map((s, j) => (j === i ? { ...s, ...patch } : s)) });
  const save = async (e: FormEvent) => {
    e.preventDefault();
    setSaved(false);
    // Blank lines in the text boxes are not rules; dropped first, so the server's line numbers match what is shown.
    const body = { ...form, subtypes: form.subtypes.map((s) => ({ ...s, phrases: lines(s.phrases.join('\n')), patterns: lines(s.patterns.join('\n')) })) };
    setForm(body);
    setSaved(await submit(async () => load(await api<Rules>('/api/v1/triage/rules', { method: 'PUT', body }))));
  };

  return (
    <section aria-labelledby="rules-title" className="panel">
      <h3 id="rules-title">Tier rules</h3>
      <p className="hint">
        Version {rules.version} ({rules.source === 'default' ? 'the shipped defaults' : `saved ${when(rules.updatedAt)} by ${rules.updatedBy ?? 'someone'}`}). Phrases match whole words of the lower-cased text (<code>*</code> ends a
        prefix); patterns are regular expressions on the same text. The rule with the best weighted score sets the tier.
      </p>
      <form onSubmit={save} noValidate aria-label="Tier rules">
        <Field id="rules-default-tier" label="Tier when no rule matches" error={errors.defaultTier}>
          {(p) => (
            <select {...p} value={form.defaultTier} onChange={(e) => setForm({ ...form, defaultTier: Number(e.target.value) })}>
              {[1, 2, 3, 4].map((t) => (
                <option key={t} value={t}>
                  Tier {t}
                </option>
              ))}
            </select>
          )}
        </Field>
        <h4>Sub-types ({form.subtypes.length})</h4>
        <p className="field-error error" role={errors.subtypes ? 'alert' : undefined}>
          {errors.subtypes ?? ''}
        </p>
        {form.subtypes.map((s, i) => {
          const err = (field: string) => errorUnder(errors, `subtypes.${i}.${field}`);
          const own = errors[`subtypes.${i}`];
          const invalid = Object.keys(errors).some((p) => p === `subtypes.${i}` || p.startsWith(`subtypes.${i}.`));
          return (
            // Open by itself when the server found something wrong in it.
            <details key={i} className="subtype" open={invalid || undefined}>
              <summary>
                Tier {s.tier} · <code>{s.id || '(new)'}</code> — {s.title}
                {invalid && <span className="error"> (check this sub-type)</span>}
              </summary>
              {own && (
                <p className="error" role="alert">
                  {own}
                </p>
              )}
              <div className="editor-row">
                <Field id={`st-${i}-id`} label="Id" error={err('id')}>
                  {(p) => <input {...p} value={s.id} onChange={(e) => setSubtype(i, { id: e.target.value })} />}
                </Field>
                <Field id={`st-${i}-tier`} label="Tier" error={err('tier')}>
                  {(p) => (
                    <select {...p} value={s.tier} onChange={(e) => setSubtype(i, { tier: Number(e.target.value) })}>
                      {[1, 2, 3, 4].map((t) => (
                        <option key={t}>{t}</option>
                      ))}
                    </select>
                  )}
                </Field>
                <Field id={`st-${i}-weight`} label="Weight" error={err('weight')}>
                  {(p) => <input {...p} type="number" step="0.1" value={shown(s.weight)} onChange={(e) => setSubtype(i, { weight: numberOf(e.target.value) })} />}
                </Field>
              </div>
              <Field id={`st-${i}-title`} label="Title" error={err('title')}>
                {(p) => <input {...p} value={s.title} onChange={(e) => setSubtype(i, { title: e.target.value })} />}
              </Field>
              <div className="editor-panes">
                <Field id={`st-${i}-phrases`} label="Phrases (one per line)" error={err('phrases')}>
                  {(p) => <textarea {...p} rows={5} value={s.phrases.join('\n')} onChange={(e) => setSubtype(i, { phrases: e.target.value.split('\n') })} />}
                </Field>
                <Field id={`st-${i}-patterns`} label="Patterns (one per line)" error={err('patterns')}>
                  {(p) => <textarea {...p} rows={5} value={s.patterns.join('\n')} onChange={(e) => setSubtype(i, { patterns: e.target.value.split('\n') })} />}
                </Field>
              </div>
              <button type="button" onClick={() => setForm({ ...form, subtypes: form.subtypes.filter((_, j) => j !== i) })}>
                Remove sub-type
              </button>
            </details>
          );
        })}
        <p>
          <button type="button" onClick={() => setForm({ ...form, subtypes: [...form.subtypes, { id: '', tier: 3, title: '', weight: 1.5, phrases: [], patterns: [] }] })}>
            Add a sub-type
          </button>
        </p>
        <fieldset>
          <legend>Signals</legend>
          <label>
            <input type="checkbox" checked={form.signals.vipRaises === true} onChange={(e) => setForm({ ...form, signals: { ...form.signals, vipRaises: e.target.checked } })} /> A VIP organisation’s tickets go up one tier
          </label>
          <Field id="signals-plans" label="Plans whose tickets go up one tier (comma-separated)" error={errorUnder(errors, 'signals.raisingPlans', 'plan')}>
            {(p) => (
              <input
                {...p}
                value={(form.signals.raisingPlans as string[]).join(', ')}
                onChange={(e) => setForm({ ...form, signals: { ...form.signals, raisingPlans: e.target.value.split(',').map((x) => x.trim()).filter(Boolean) } })}
              />
            )}
          </Field>
          <NumberFields group="signals" fields={SIGNALS} values={form.signals} errors={errors} onChange={(key, n) => setForm({ ...form, signals: { ...form.signals, [key]: n } })} />
        </fieldset>
        <fieldset>
          <legend>Learning</legend>
          <NumberFields group="learning" fields={LEARNING} values={form.learning} errors={errors} onChange={(key, n) => setForm({ ...form, learning: { ...form.learning, [key]: n } })} />
        </fieldset>
        <FormError errors={errors} />
        <button type="submit" className="primary" disabled={busy}>
          Save rules
        </button>
        <span role="status">{saved ? ' Saved: the rules apply to new tickets.' : ''}</span>
      </form>
    </section>
  );
}

function NumberFields({ group, fields, values, errors, onChange }: { group: string; fields: [string, string][]; values: Record<string, unknown>; errors: FieldErrors; onChange: (key: string, n: number) => void }) {
  return (
    <div className="field-grid">
      {fields.map(([key, label]) => (
        <Field key={key} id={`${group}-${key}`} label={label} error={errors[`${group}.${key}`]}>
          {(p) => <input {...p} type="number" step="any" value={shown(values[key])} onChange={(e) => onChange(key, numberOf(e.target.value))} />}
        </Field>
      ))}
    </div>
  );
}
