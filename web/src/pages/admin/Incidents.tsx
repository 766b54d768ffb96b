import { useEffect, useState, type FormEvent } from 'react';
import { api } from '../../api';
import { Field, FormError, useSubmit } from '../../components/Field';

interface Burst {
  enabled: boolean;
  minTickets: number;
  windowMinutes: number;
  minScore: number;
}

/** The burst rule that opens incidents: N look-alike tickets within M minutes. */
export function Incidents() {
  const [form, setForm] = useState<Burst | null>(null);
  const [saved, setSaved] = useState(false);
  const [errors, submit, busy] = useSubmit();
  useEffect(() => void api<Burst>('/api/v1/incidents/settings').then(setForm), []);
  if (!form) return <section className="admin-placeholder" aria-busy="true" />;
  const save = async (e: FormEvent) => {
    e.preventDefault();
    setSaved(false);
    setSaved(await submit(async () => setForm(await api<Burst>('/api/v1/incidents/settings', { method: 'PUT', body: form }))));
  };
  const num = (key: keyof Burst) => (e: React.ChangeEvent<HTMLInputElement>) => setForm({ ...form, [key]: e.target.value === '' ? NaN : Number(e.target.value) });
  return (
    <section aria-labelledby="incidents-title">
      <h2 id="incidents-title">Incidents</h2>
      <form className="admin-form" onSubmit={save} noValidate aria-label="Burst rule">
        <label>
          <input type="checkbox" checked={form.enabled} onChange={(e) => setForm({ ...form, enabled: e.target.checked })} /> Open incidents from bursts of look-alike tickets
        </label>
        <Field id="burst-min" label="Look-alike tickets" error={errors.minTickets}>
          {(p) => <input {...p} type="number" value={Number.isNaN(form.minTickets) ? '' : form.minTickets} onChange={num('minTickets')} />}
        </Field>
        <Field id="burst-window" label="Within minutes" error={errors.windowMinutes}>
          {(p) => <input {...p} type="number" value={Number.isNaN(form.windowMinutes) ? '' : form.windowMinutes} onChange={num('windowMinutes')} />}
        </Field>
        <Field id="burst-score" label="Similarity (0 … 1)" error={errors.minScore}>
          {(p) => <input {...p} type="number" step="0.05" value={Number.isNaN(form.minScore) ? '' : form.minScore} onChange={num('minScore')} />}
        </Field>
        <FormError errors={errors} />
        <button type="submit" className="primary" disabled={busy}>
          Save
        </button>
        {saved && <span role="status"> Saved.</span>}
      </form>
    </section>
  );
}
