import { useState, type InputHTMLAttributes, type ReactNode } from 'react';
import './ops.css';
import { FormError, type FieldErrors } from '../../components/Field';

/** Something with an id and a name, as pickers list it. */
export interface Named {
  id: string;
  name: string;
}

/** The server's message for a field or anything below it (`hours.2` also shows `hours.2.end`). */
export function errorAt(errors: FieldErrors, key: string): string | undefined {
  if (errors[key]) return errors[key];
  const below = Object.keys(errors).find((k) => k.startsWith(`${key}.`));
  return below ? errors[below] : undefined;
}

/**
 * The server's messages that no control of the form displays (`shown` are the keys its fields
 * cover, each with everything below it), so a problem named where the form has no field is
 * still seen.
 */
export function leftover(errors: FieldErrors, shown: string[]): string[] {
  const covered = (k: string) => k === '_' || shown.some((s) => k === s || k.startsWith(`${s}.`));
  return Object.entries(errors)
    .filter(([k]) => !covered(k))
    .map(([k, message]) => `${k}: ${message}`);
}

/** Errors of the form listed where it ends, for paths no field covers. */
export function Leftover({ errors, shown }: { errors: FieldErrors; shown: string[] }) {
  const messages = leftover(errors, shown);
  if (messages.length === 0) return null;
  return (
    <ul className="error leftover" role="alert">
      {messages.map((m) => (
        <li key={m}>{m}</li>
      ))}
    </ul>
  );
}

/** The end of an admin editor: the errors no field shows, the form's own error, then submit and Cancel. */
export function EditorEnd({ errors, shown, busy, submitLabel, onCancel }: { errors: FieldErrors; shown: string[]; busy: boolean; submitLabel: string; onCancel: () => void }) {
  return (
    <>
      <Leftover errors={errors} shown={shown} />
      <FormError errors={errors} />
      <div className="form-actions">
        <button type="submit" className="primary" disabled={busy}>
          {submitLabel}
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </>
  );
}

/** The list with one item moved by `delta` places (clamped at the ends). */
export function moved<T>(items: T[], index: number, delta: number): T[] {
  const to = Math.max(0, Math.min(items.length - 1, index + delta));
  const next = [...items];
  const [item] = next.splice(index, 1);
  next.splice(to, 0, item!);
  return next;
}

/** "a, b ,c" → ["a", "b", "c"]. */
export const splitList = (text: string): string[] =>
  text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

/** The first cell of a row of an ordered list: its place, and up / down buttons labelled with the row's name for screen readers. */
export function OrderCell({ name, index, count, onMove, disabled }: { name: string; index: number; count: number; onMove: (delta: number) => void; disabled?: boolean }) {
  return (
    <td className="order">
      {index + 1}{' '}
      <span className="order-buttons">
        <button type="button" aria-label={`Move ${name} up`} disabled={disabled || index === 0} onClick={() => onMove(-1)}>
          ↑
        </button>
        <button type="button" aria-label={`Move ${name} down`} disabled={disabled || index === count - 1} onClick={() => onMove(1)}>
          ↓
        </button>
      </span>
    </td>
  );
}

/** Delete, then "Delete X? Yes / No" in place: no modal, and a slip of the mouse deletes nothing. */
export function DeleteButton({ name, onDelete }: { name: string; onDelete: () => void | Promise<unknown> }) {
  const [asking, setAsking] = useState(false);
  if (!asking) {
    return (
      <button type="button" aria-label={`Delete ${name}`} onClick={() => setAsking(true)}>
        Delete
      </button>
    );
  }
  return (
    <span role="group" aria-label={`Delete ${name}?`} className="confirm">
      Delete?{' '}
      <button type="button" className="danger" onClick={() => void Promise.resolve(onDelete()).finally(() => setAsking(false))}>
        Yes, delete
      </button>{' '}
      <button type="button" onClick={() => setAsking(false)}>
        Keep
      </button>
    </span>
  );
}

/** The row a list table shows when it has nothing: one cell across the table's `columns`. */
export function EmptyRow({ columns, children }: { columns: number; children: ReactNode }) {
  return (
    <tr>
      <td colSpan={columns} className="empty">
        {children}
      </td>
    </tr>
  );
}

/** The actions cell of a list row: Edit, any other buttons, then Delete with its confirmation; labelled with the row's name. */
export function EditDeleteCell({ name, onEdit, onDelete, children }: { name: string; onEdit: () => void; onDelete: () => void | Promise<unknown>; children?: ReactNode }) {
  return (
    <td className="actions">
      <button type="button" aria-label={`Edit ${name}`} onClick={onEdit}>
        Edit
      </button>{' '}
      {children}
      <DeleteButton name={name} onDelete={onDelete} />
    </td>
  );
}

/** Check boxes for a set of values (tiers, channels, events …), as one labelled group. */
export function CheckGroup<T extends string | number>({
  legend,
  options,
  selected,
  onChange,
  error,
  id,
  label = (v) => String(v),
}: {
  legend: string;
  options: readonly T[];
  selected: readonly T[];
  onChange: (next: T[]) => void;
  error?: string;
  id: string;
  label?: (value: T) => string;
}) {
  return (
    <fieldset className="checks" aria-describedby={error ? `${id}-error` : undefined}>
      <legend>{legend}</legend>
      {options.map((o) => (
        <label key={String(o)}>
          <input
            type="checkbox"
            checked={selected.includes(o)}
            onChange={(e) => onChange(e.target.checked ? options.filter((x) => x === o || selected.includes(x)) : selected.filter((x) => x !== o))}
          />{' '}
          {label(o)}
        </label>
      ))}
      <span id={`${id}-error`} className="field-error error" role={error ? 'alert' : undefined}>
        {error ?? ''}
      </span>
    </fieldset>
  );
}

/** "90" minutes → "1 h 30 min", for lists. */
export function minutesText(minutes: number | null | undefined): string {
  if (minutes === null || minutes === undefined) return '—';
  const d = Math.floor(minutes / 1440);
  const h = Math.floor((minutes % 1440) / 60);
  const m = minutes % 60;
  return [d && `${d} d`, h && `${h} h`, m && `${m} min`].filter(Boolean).join(' ') || '0 min';
}

export const when = (iso: string | null | undefined) => (iso ? new Date(iso).toLocaleString() : 'never');

/**
 * A comma-separated list in a text box: the text is kept as typed (so "a, " stays while typing),
 * the list it means goes up.
 */
export function ListInput({ value, onChange, ...props }: { value: string[]; onChange: (next: string[]) => void } & Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange'>) {
  const [text, setText] = useState(value.join(', '));
  // A change from outside (another row removed, a reset) replaces the text.
  const [seen, setSeen] = useState(value);
  if (seen !== value && JSON.stringify(splitList(text)) !== JSON.stringify(value)) {
    setSeen(value);
    setText(value.join(', '));
  }
  return (
    <input
      {...props}
      value={text}
      onChange={(e) => {
        setText(e.target.value);
        const next = splitList(e.target.value);
        setSeen(next);
        onChange(next);
      }}
    />
  );
}
