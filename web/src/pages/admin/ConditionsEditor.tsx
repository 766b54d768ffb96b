import type { FieldErrors } from '../../components/Field';
import { errorAt, ListInput, type Named } from './shared';

/** A field conditions can name, as GET /api/v1/automations/fields describes it. */
export interface FieldMeta {
  name: string;
  kind: 'enum' | 'text' | 'number' | 'ref' | 'boolean' | 'tags' | 'time';
  values?: (string | number)[];
  triggers?: string[];
  operators: string[];
  changeOperators: string[];
}
export interface Condition {
  field: string;
  operator: string;
  value?: unknown;
}
/** Lists a ref field's value is picked from. */
export interface RefChoices {
  users: Named[];
  groups: Named[];
  organisations: Named[];
}

const OPERATOR_LABELS: Record<string, string> = {
  is: 'is',
  is_not: 'is not',
  in: 'is one of',
  not_in: 'is none of',
  contains: 'contains',
  not_contains: 'does not contain',
  greater_than: 'is greater than',
  less_than: 'is less than',
  changed: 'changed',
  changed_to: 'changed to',
  changed_from: 'changed from',
  hours_since_greater_than: 'hours since, at least',
  hours_since_less_than: 'hours since, under',
};
const LIST_OPS = ['in', 'not_in'];
const NUMBER_OPS = ['greater_than', 'less_than', 'hours_since_greater_than', 'hours_since_less_than'];

/** The fields a rule on this trigger may name. */
export const fieldsFor = (fields: FieldMeta[], trigger: string) => fields.filter((f) => !f.triggers || f.triggers.includes(trigger));
/** The operators of a field on this trigger (changed… only on ticket.updated). */
export const operatorsFor = (f: FieldMeta | undefined, trigger: string) => (f ? [...f.operators, ...(trigger === 'ticket.updated' ? f.changeOperators : [])] : []);

function refOptions(field: string, refs: RefChoices): Named[] {
  if (field === 'ticket.assigneeId') return refs.users;
  if (field === 'ticket.groupId') return refs.groups;
  return refs.organisations;
}

/** One line for a list: "ticket.groupId is Billing", "ticket.priority is one of 1, 2". */
export function conditionText(c: Condition, refs: RefChoices): string {
  const ref = ['ticket.assigneeId', 'ticket.groupId', 'organisation.id'].includes(c.field);
  const one = (v: unknown) => (v === null ? 'none' : ref ? (refOptions(c.field, refs).find((o) => o.id === v)?.name ?? String(v)) : String(v));
  const value = c.value === undefined ? '' : ` ${Array.isArray(c.value) ? c.value.map(one).join(', ') : one(c.value)}`;
  return `${c.field} ${OPERATOR_LABELS[c.operator] ?? c.operator}${value}`;
}

/** A sensible first value when the field or operator changes. */
function initialValue(f: FieldMeta, operator: string): unknown {
  if (operator === 'changed') return undefined;
  if (LIST_OPS.includes(operator)) return [];
  if (NUMBER_OPS.includes(operator)) return operator.startsWith('hours') ? 24 : 1;
  if (operator === 'contains' || operator === 'not_contains') return '';
  if (f.kind === 'boolean') return true;
  if (f.values) return f.values[0];
  return f.kind === 'ref' ? null : '';
}

/** The condition as the server wants it: "none" for empty text, no value for `changed`. */
export function cleanCondition(c: Condition, fields: FieldMeta[]): Condition {
  const f = fields.find((x) => x.name === c.field);
  if (c.operator === 'changed') return { field: c.field, operator: c.operator };
  const none = (['is', 'is_not', 'changed_to', 'changed_from'].includes(c.operator) && (f?.kind === 'text' || f?.kind === 'ref') && c.value === '') || c.value === undefined;
  return { ...c, value: none ? null : c.value };
}

/** A new condition on the first field the trigger has. */
export function blankCondition(fields: FieldMeta[], trigger: string): Condition {
  const f = fieldsFor(fields, trigger)[0]!;
  const operator = f.operators[0]!;
  return { field: f.name, operator, value: initialValue(f, operator) };
}

/** The value control of a condition, by field kind and operator. */
function ValueInput({ c, f, refs, set, invalid }: { c: Condition; f: FieldMeta; refs: RefChoices; set: (v: unknown) => void; invalid: { 'aria-invalid'?: true; 'aria-describedby'?: string } }) {
  const label = { 'aria-label': 'Value', ...invalid };
  if (c.operator === 'changed') return null;
  if (NUMBER_OPS.includes(c.operator)) {
    return <input {...label} type="number" className="minutes" value={typeof c.value === 'number' && !Number.isNaN(c.value) ? c.value : ''} onChange={(e) => set(e.target.value === '' ? NaN : Number(e.target.value))} />;
  }
  const list = LIST_OPS.includes(c.operator);
  if (f.values || f.kind === 'boolean') {
    const values = f.values ?? [true, false];
    if (list) {
      const chosen = Array.isArray(c.value) ? c.value : [];
      return (
        <span className="inline-checks" role="group" aria-label="Values" aria-describedby={invalid['aria-describedby']}>
          {values.map((v) => (
            <label key={String(v)}>
              <input type="checkbox" checked={chosen.includes(v)} onChange={(e) => set(e.target.checked ? values.filter((x) => x === v || chosen.includes(x)) : chosen.filter((x) => x !== v))} /> {String(v)}
            </label>
          ))}
        </span>
      );
    }
    return (
      <select {...label} value={String(c.value)} onChange={(e) => set(values.find((v) => String(v) === e.target.value))}>
        {values.map((v) => (
          <option key={String(v)} value={String(v)}>
            {String(v)}
          </option>
        ))}
      </select>
    );
  }
  if (f.kind === 'ref') {
    const options = refOptions(f.name, refs);
    if (list) {
      const chosen = Array.isArray(c.value) ? (c.value as string[]) : [];
      return (
        <select {...label} multiple size={Math.min(4, Math.max(2, options.length))} value={chosen} onChange={(e) => set([...e.target.selectedOptions].map((o) => o.value))}>
          {options.map((o) => (
            <option key={o.id} value={o.id}>
              {o.name}
            </option>
          ))}
        </select>
      );
    }
    return (
      <select {...label} value={typeof c.value === 'string' ? c.value : ''} onChange={(e) => set(e.target.value || null)}>
        <option value="">none</option>
        {options.map((o) => (
          <option key={o.id} value={o.id}>
            {o.name}
          </option>
        ))}
      </select>
    );
  }
  if (list) return <ListInput {...label} placeholder="comma-separated" value={Array.isArray(c.value) ? (c.value as string[]) : []} onChange={set} />;
  return <input {...label} placeholder={c.operator.startsWith('is') ? 'empty: none' : ''} value={typeof c.value === 'string' ? c.value : ''} onChange={(e) => set(e.target.value)} />;
}

/** One list of conditions (`all` or `any`), each a row of field, operator and value. */
export function ConditionsEditor({
  which,
  legend,
  conditions,
  onChange,
  fields,
  trigger,
  refs,
  errors,
}: {
  which: 'all' | 'any';
  legend: string;
  conditions: Condition[];
  onChange: (next: Condition[]) => void;
  fields: FieldMeta[];
  trigger: string;
  refs: RefChoices;
  errors: FieldErrors;
}) {
  const set = (i: number, c: Condition) => onChange(conditions.map((x, j) => (j === i ? c : x)));
  const available = fieldsFor(fields, trigger);
  const listError = errors[`conditions.${which}`];
  return (
    <fieldset className="rows-editor" aria-describedby={`cond-${which}-error`}>
      <legend>{legend}</legend>
      {conditions.map((c, i) => {
        const f = fields.find((x) => x.name === c.field);
        const path = `conditions.${which}.${i}`;
        const error = errorAt(errors, path);
        const errorId = `cond-${which}-${i}-error`;
        const invalid = (part: string) => (errorAt(errors, `${path}.${part}`) ? { 'aria-invalid': true as const, 'aria-describedby': errorId } : {});
        return (
          <div className="row-line" key={i} role="group" aria-label={`${legend}: condition ${i + 1}`}>
            <select
              aria-label="Field"
              {...invalid('field')}
              value={c.field}
              onChange={(e) => {
                const next = fields.find((x) => x.name === e.target.value)!;
                const operator = operatorsFor(next, trigger).includes(c.operator) ? c.operator : next.operators[0]!;
                set(i, { field: next.name, operator, value: initialValue(next, operator) });
              }}
            >
              {/* A field the trigger no longer carries stays listed, so the server can say why. */}
              {(f && !available.includes(f) ? [f, ...available] : available).map((x) => (
                <option key={x.name} value={x.name}>
                  {x.name}
                </option>
              ))}
            </select>
            <select aria-label="Operator" {...invalid('operator')} value={c.operator} onChange={(e) => f && set(i, { field: c.field, operator: e.target.value, value: initialValue(f, e.target.value) })}>
              {(operatorsFor(f, trigger).includes(c.operator) ? operatorsFor(f, trigger) : [c.operator, ...operatorsFor(f, trigger)]).map((o) => (
                <option key={o} value={o}>
                  {OPERATOR_LABELS[o] ?? o}
                </option>
              ))}
            </select>
            {f && <ValueInput c={c} f={f} refs={refs} set={(value) => set(i, { ...c, value })} invalid={invalid('value')} />}
            <button type="button" aria-label={`Remove ${legend.toLowerCase()} condition ${i + 1}`} onClick={() => onChange(conditions.filter((_, j) => j !== i))}>
              Remove
            </button>
            <span id={errorId} className="error field-error" role={error ? 'alert' : undefined}>
              {error ?? ''}
            </span>
          </div>
        );
      })}
      <div className="row-line">
        <button type="button" disabled={available.length === 0} onClick={() => onChange([...conditions, blankCondition(fields, trigger)])}>
          Add condition
        </button>
      </div>
      <span id={`cond-${which}-error`} className="error field-error" role={listError ? 'alert' : undefined}>
        {listError ?? ''}
      </span>
    </fieldset>
  );
}
