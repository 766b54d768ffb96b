import { useEffect, useState, type FormEvent } from 'react';
import { api } from '../../api';
import { Field, FormError, useSubmit } from '../../components/Field';
import { EditDeleteCell, EditorEnd, EmptyRow, errorAt } from './shared';

export interface Calendar {
  id: string;
  name: string;
  timeZone: string;
  hours: { day: number; start: string; end: string }[];
  holidays: { country: string | null; state: string | null; region: string | null; dates: string[] };
  isDefault: boolean;
}
type Choice = { code: string; name: string };
type Form = { name: string; timeZone: string; hours: Calendar['hours']; country: string; state: string; region: string; dates: string; isDefault: boolean };

const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const WEEKDAYS = [1, 2, 3, 4, 5].map((day) => ({ day, start: '09:00', end: '17:00' }));
const browserZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
const EMPTY: Form = { name: '', timeZone: browserZone, hours: WEEKDAYS, country: '', state: '', region: '', dates: '', isDefault: false };
// The zones this browser knows, offered as suggestions; the server's own list decides.
const ZONES = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];

const formOf = (c: Calendar): Form => ({
  name: c.name,
  timeZone: c.timeZone,
  hours: c.hours,
  country: c.holidays.country ?? '',
  state: c.holidays.state ?? '',
  region: c.holidays.region ?? '',
  dates: c.holidays.dates.join('\n'),
  isDefault: c.isDefault,
});

/** "Mon–Fri 09:00–17:00; Sat 10:00–14:00" */
export function hoursText(hours: Calendar['hours']): string {
  const bySpan = new Map<string, number[]>();
  for (const h of [...hours].sort((a, b) => a.day - b.day || a.start.localeCompare(b.start))) {
    const span = `${h.start}–${h.end}`;
    bySpan.set(span, [...(bySpan.get(span) ?? []), h.day]);
  }
  const short = (d: number) => DAYS[d]!.slice(0, 3);
  return [...bySpan]
    .map(([span, days]) => {
      const run = days.every((d, i) => i === 0 || d === days[i - 1]! + 1) && days.length > 2;
      return `${run ? `${short(days[0]!)}–${short(days[days.length - 1]!)}` : days.map(short).join(', ')} ${span}`;
    })
    .join('; ');
}

/** A code list from date-holidays (countries, a country's states, a state's regions); empty while there is no parent. */
function useChoices(country: string | null, state: string | null): Choice[] {
  const [items, setItems] = useState<Choice[]>([]);
  useEffect(() => {
    if (country === '' || state === '') return setItems([]);
    const query = new URLSearchParams({ ...(country ? { country } : {}), ...(state ? { state } : {}) });
    let live = true;
    api<{ items: Choice[] }>(`/api/v1/sla/holiday-regions?${query}`).then(
      (r) => live && setItems(r.items),
      () => live && setItems([]),
    );
    return () => void (live = false);
  }, [country, state]);
  return items;
}

/** Business calendars: time zone, weekly hours, public holidays of a region, custom closed days. */
export function Calendars({ calendars, reload }: { calendars: Calendar[]; reload: () => Promise<void> }) {
  const [editing, setEditing] = useState<Calendar | 'new' | null>(null);
  const [listErrors, submitList] = useSubmit();
  const remove = (c: Calendar) => submitList(async () => void (await api(`/api/v1/sla/calendars/${c.id}`, { method: 'DELETE' }))).then(reload);

  return (
    <section aria-labelledby="calendars-title">
      <h2 id="calendars-title">Business calendars</h2>
      <FormError errors={listErrors} />
      <table className="grid">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Time zone</th>
            <th scope="col">Hours</th>
            <th scope="col">Holidays</th>
            <th scope="col">Actions</th>
          </tr>
        </thead>
        <tbody>
          {calendars.map((c) => (
            <tr key={c.id}>
              <td>
                {c.name}
                {c.isDefault && <span className="meta"> (default)</span>}
              </td>
              <td>{c.timeZone}</td>
              <td>{hoursText(c.hours)}</td>
              <td>
                {[c.holidays.country, c.holidays.state, c.holidays.region].filter(Boolean).join('-') || 'none'}
                {c.holidays.dates.length > 0 && ` + ${c.holidays.dates.length} date${c.holidays.dates.length > 1 ? 's' : ''}`}
              </td>
              <EditDeleteCell name={c.name} onEdit={() => setEditing(c)} onDelete={() => remove(c)} />
            </tr>
          ))}
          {calendars.length === 0 && <EmptyRow columns={5}>No calendars: every target runs around the clock.</EmptyRow>}
        </tbody>
      </table>
      {editing ? (
        <CalendarEditor
          key={editing === 'new' ? 'new' : editing.id}
          calendar={editing === 'new' ? null : editing}
          onDone={async (saved) => {
            setEditing(null);
            if (saved) await reload();
          }}
        />
      ) : (
        <button type="button" onClick={() => setEditing('new')}>
          New calendar
        </button>
      )}
    </section>
  );
}

/** The form for one calendar; the server checks the zone, the hours and the holiday region. */
function CalendarEditor({ calendar, onDone }: { calendar: Calendar | null; onDone: (saved: boolean) => Promise<void> }) {
  const [form, setForm] = useState<Form>(calendar ? formOf(calendar) : EMPTY);
  const [errors, submit, busy] = useSubmit();
  const countries = useChoices(null, null);
  const states = useChoices(form.country, null);
  const regions = useChoices(form.country || '', form.state);
  const setHour = (i: number, change: Partial<Form['hours'][number]>) => setForm({ ...form, hours: form.hours.map((h, j) => (j === i ? { ...h, ...change } : h)) });

  const save = async (e: FormEvent) => {
    e.preventDefault();
    const body = {
      name: form.name,
      timeZone: form.timeZone,
      hours: form.hours,
      isDefault: form.isDefault,
      holidays: { country: form.country || null, state: form.state || null, region: form.region || null, dates: form.dates.split(/[\s,]+/).filter(Boolean) },
    };
    const ok = await submit(async () => {
      if (calendar) await api(`/api/v1/sla/calendars/${calendar.id}`, { method: 'PATCH', body });
      else await api('/api/v1/sla/calendars', { method: 'POST', body });
    });
    if (ok) await onDone(true);
  };
  const title = calendar ? `Edit calendar ${calendar.name}` : 'New calendar';

  return (
    <form className="admin-form wide" onSubmit={save} aria-label={title} noValidate>
      <h3>{title}</h3>
      <Field id="cal-name" label="Name" error={errors.name}>
        {(p) => <input {...p} value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} />}
      </Field>
      <Field id="cal-zone" label="Time zone (IANA)" error={errors.timeZone}>
        {(p) => <input {...p} list="cal-zones" autoComplete="off" value={form.timeZone} onChange={(e) => setForm({ ...form, timeZone: e.target.value })} />}
      </Field>
      <datalist id="cal-zones">
        {ZONES.map((z) => (
          <option key={z} value={z} />
        ))}
      </datalist>
      <fieldset className="rows-editor" aria-describedby="cal-hours-error">
        <legend>Weekly opening hours (local time; 24:00 ends a day)</legend>
        {form.hours.map((h, i) => {
          const rowError = errorAt(errors, `hours.${i}`);
          const described = rowError ? { 'aria-invalid': true as const, 'aria-describedby': `cal-hours-${i}-error` } : {};
          return (
            <div className="row-line" key={i} role="group" aria-label={`Opening hours ${i + 1}`}>
              <select aria-label="Day" value={h.day} onChange={(e) => setHour(i, { day: Number(e.target.value) })}>
                {DAYS.map((d, n) => (
                  <option key={d} value={n}>
                    {d}
                  </option>
                ))}
              </select>
              <input aria-label="Opens" className="time" value={h.start} placeholder="09:00" {...described} onChange={(e) => setHour(i, { start: e.target.value })} />
              <span aria-hidden="true">–</span>
              <input aria-label="Closes" className="time" value={h.end} placeholder="17:00" {...described} onChange={(e) => setHour(i, { end: e.target.value })} />
              <button type="button" aria-label={`Remove opening hours ${i + 1}`} onClick={() => setForm({ ...form, hours: form.hours.filter((_, j) => j !== i) })}>
                Remove
              </button>
              <span id={`cal-hours-${i}-error`} className="error field-error" role={rowError ? 'alert' : undefined}>
                {rowError ?? ''}
              </span>
            </div>
          );
        })}
        <div className="row-line">
          <button type="button" onClick={() => setForm({ ...form, hours: [...form.hours, { day: 1, start: '09:00', end: '17:00' }] })}>
            Add hours
          </button>
          <button type="button" onClick={() => setForm({ ...form, hours: WEEKDAYS })}>
            Mon–Fri 09:00–17:00
          </button>
          <button type="button" onClick={() => setForm({ ...form, hours: DAYS.map((_, day) => ({ day, start: '00:00', end: '24:00' })) })}>
            Around the clock
          </button>
        </div>
        <span id="cal-hours-error" className="field-error error" role={errors.hours ? 'alert' : undefined}>
          {errors.hours ?? ''}
        </span>
      </fieldset>
      <div className="editor-row">
        <Field id="cal-country" label="Public holidays of" error={errors['holidays.country']}>
          {(p) => (
            <select {...p} value={form.country} onChange={(e) => setForm({ ...form, country: e.target.value, state: '', region: '' })}>
              <option value="">no public holidays</option>
              {countries.map((c) => (
                <option key={c.code} value={c.code}>
                  {c.name} ({c.code})
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id="cal-state" label="State or province" error={errors['holidays.state']}>
          {(p) => (
            <select {...p} value={form.state} disabled={!form.country || states.length === 0} onChange={(e) => setForm({ ...form, state: e.target.value, region: '' })}>
              <option value="">whole country</option>
              {states.map((c) => (
                <option key={c.code} value={c.code}>
                  {c.name} ({c.code})
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id="cal-region" label="Region" error={errors['holidays.region']}>
          {(p) => (
            <select {...p} value={form.region} disabled={!form.state || regions.length === 0} onChange={(e) => setForm({ ...form, region: e.target.value })}>
              <option value="">whole state</option>
              {regions.map((c) => (
                <option key={c.code} value={c.code}>
                  {c.name} ({c.code})
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <Field id="cal-dates" label="Other closed days (YYYY-MM-DD, one a line)" error={errorAt(errors, 'holidays.dates')}>
        {(p) => <textarea {...p} rows={3} value={form.dates} onChange={(e) => setForm({ ...form, dates: e.target.value })} />}
      </Field>
      <label>
        <input type="checkbox" checked={form.isDefault} onChange={(e) => setForm({ ...form, isDefault: e.target.checked })} /> Default calendar (the built-in targets of tiers 2–4 run on it)
      </label>
      <EditorEnd errors={errors} shown={['name', 'timeZone', 'hours', 'holidays.country', 'holidays.state', 'holidays.region', 'holidays.dates']} busy={busy} submitLabel={calendar ? 'Save calendar' : 'Create calendar'} onCancel={() => void onDone(false)} />
    </form>
  );
}
