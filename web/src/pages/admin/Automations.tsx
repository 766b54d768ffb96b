import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { api } from '../../api';
import { Field, FormError, useSubmit } from '../../components/Field';
import { ActionsEditor, actionText, type Action, type ActionChoices, type ActionType } from './ActionsEditor';
import { cleanCondition, conditionText, ConditionsEditor, type Condition, type FieldMeta, type RefChoices } from './ConditionsEditor';
import { EditDeleteCell, EditorEnd, EmptyRow, moved, OrderCell, when, type Named } from './shared';

interface Automation {
  id: string;
  name: string;
  description: string | null;
  trigger: string;
  conditions: { all: Condition[]; any: Condition[] };
  actions: Action[];
  active: boolean;
  position: number;
  runCount: number;
  lastRunAt: string | null;
  lastError: string | null;
}
type Choices = ActionChoices & RefChoices & { fields: FieldMeta[] };

const TRIGGERS: Record<string, string> = {
  'ticket.created': 'a ticket is created',
  'ticket.updated': 'a ticket is updated',
  'message.created': 'a reply or note is added',
  'sla.warning': 'an SLA warning fires',
  'sla.breached': 'an SLA target is breached',
  'csat.received': 'a customer rates a ticket',
  time: 'time passes (checked every 5 minutes)',
};
const ALL_ACTIONS: ActionType[] = ['set_fields', 'assign', 'add_tags', 'remove_tags', 'add_note', 'send_email', 'call_webhook', 'apply_macro'];

/** Automation rules in run order (admins): enable, reorder, edit with structured conditions and actions. */
export default function Automations() {
  const [rules, setRules] = useState<Automation[] | null>(null);
  const [choices, setChoices] = useState<Choices | null>(null);
  const [editing, setEditing] = useState<Automation | 'new' | null>(null);
  const [listErrors, submitList, listBusy] = useSubmit();
  const load = useCallback(async () => {
    const list = <T,>(url: string) => api<{ items: T[] }>(url).then((r) => r.items);
    const [a, fields, groups, users, organisations, webhooks, macros] = await Promise.all([
      list<Automation>('/api/v1/automations'),
      list<FieldMeta>('/api/v1/automations/fields'),
      list<Named>('/api/v1/groups?limit=100'),
      list<Named & { active?: boolean }>('/api/v1/users'),
      list<Named>('/api/v1/organisations?limit=100'),
      list<Named>('/api/v1/webhooks'),
      list<Named>('/api/v1/macros'),
    ]);
    setRules(a);
    setChoices({ fields, groups, users: users.filter((u) => u.active !== false), organisations, webhooks, macros, currentUser: false });
  }, []);
  useEffect(() => void submitList(load), [load]);
  const act = (run: () => Promise<unknown>) => submitList(async () => (await run(), await load()));
  const move = (i: number, delta: number) => act(() => api('/api/v1/automations/order', { method: 'PUT', body: { ids: moved(rules!, i, delta).map((r) => r.id) } }));
  const toggle = (r: Automation, active: boolean) => {
    // Shown at once; the reload after the answer puts back what the server has if it refused.
    setRules((list) => list?.map((x) => (x.id === r.id ? { ...x, active } : x)) ?? null);
    return act(() => api(`/api/v1/automations/${r.id}`, { method: 'PATCH', body: { active } }));
  };
  const remove = (r: Automation) => act(() => api(`/api/v1/automations/${r.id}`, { method: 'DELETE' }));

  return (
    <section aria-labelledby="automations-title">
      <h2 id="automations-title">Automations</h2>
      <p className="hint">Rules of a trigger run top to bottom; each sees the ticket as the ones above left it. A rule fires at most once per event.</p>
      <FormError errors={listErrors} />
      <table className="grid">
        <thead>
          <tr>
            <th scope="col">Order</th>
            <th scope="col">Name</th>
            <th scope="col">When</th>
            <th scope="col">If</th>
            <th scope="col">Then</th>
            <th scope="col">Active</th>
            <th scope="col">Runs</th>
            <th scope="col">Actions</th>
          </tr>
        </thead>
        <tbody>
          {(rules ?? []).map((r, i) => (
            <tr key={r.id}>
              <OrderCell name={r.name} index={i} count={rules!.length} disabled={listBusy} onMove={(d) => void move(i, d)} />
              <td>
                {r.name}
                {r.description && <div className="meta">{r.description}</div>}
              </td>
              <td>{r.trigger}</td>
              <td>
                {r.conditions.all.length + r.conditions.any.length === 0 && 'always'}
                {(['all', 'any'] as const).map((which) =>
                  r.conditions[which].length > 0 ? (
                    <div key={which}>
                      {which}: {r.conditions[which].map((c) => (choices ? conditionText(c, choices) : c.field)).join('; ')}
                    </div>
                  ) : null,
                )}
              </td>
              <td>{choices ? r.actions.map((a) => actionText(a, choices)).join('; ') : ''}</td>
              <td>
                <input type="checkbox" aria-label={`${r.name} active`} checked={r.active} onChange={(e) => void toggle(r, e.target.checked)} />
              </td>
              <td>
                {r.runCount} <span className="meta">last {when(r.lastRunAt)}</span>
                {r.lastError && <div className="error">{r.lastError}</div>}
              </td>
              <EditDeleteCell name={r.name} onEdit={() => setEditing(r)} onDelete={() => remove(r)} />
            </tr>
          ))}
          {rules?.length === 0 && <EmptyRow columns={8}>No automations yet.</EmptyRow>}
        </tbody>
      </table>
      {editing && choices ? (
        <AutomationEditor
          key={editing === 'new' ? 'new' : editing.id}
          rule={editing === 'new' ? null : editing}
          choices={choices}
          onDone={async (saved) => {
            setEditing(null);
            if (saved) await submitList(load);
          }}
        />
      ) : (
        <button type="button" disabled={!choices} onClick={() => setEditing('new')}>
          New automation
        </button>
      )}
    </section>
  );
}

/** The form for one rule; the server checks fields, operators, values, placeholders and references. */
function AutomationEditor({ rule, choices, onDone }: { rule: Automation | null; choices: Choices; onDone: (saved: boolean) => Promise<void> }) {
  const [name, setName] = useState(rule?.name ?? '');
  const [description, setDescription] = useState(rule?.description ?? '');
  const [trigger, setTrigger] = useState(rule?.trigger ?? 'ticket.created');
  const [all, setAll] = useState<Condition[]>(rule?.conditions.all ?? []);
  const [any, setAny] = useState<Condition[]>(rule?.conditions.any ?? []);
  const [actions, setActions] = useState<Action[]>(rule?.actions ?? [{ type: 'add_tags', tags: [] }]);
  const [active, setActive] = useState(rule?.active ?? true);
  const [errors, submit, busy] = useSubmit();

  const changeTrigger = (next: string) => {
    setTrigger(next);
    // A time rule needs a "hours since" condition to select tickets by: start it with one.
    if (next === 'time' && !all.some((c) => c.operator === 'hours_since_greater_than')) {
      setAll([...all, { field: 'ticket.updatedAt', operator: 'hours_since_greater_than', value: 72 }]);
    }
  };
  const save = async (e: FormEvent) => {
    e.preventDefault();
    const body = {
      name,
      description: description.trim() || null,
      trigger,
      conditions: { all: all.map((c) => cleanCondition(c, choices.fields)), any: any.map((c) => cleanCondition(c, choices.fields)) },
      actions,
      active,
    };
    const ok = await submit(async () => {
      if (rule) await api(`/api/v1/automations/${rule.id}`, { method: 'PATCH', body });
      else await api('/api/v1/automations', { method: 'POST', body });
    });
    if (ok) await onDone(true);
  };
  const title = rule ? `Edit automation ${rule.name}` : 'New automation';
  const conditionProps = { fields: choices.fields, trigger, refs: choices, errors };

  return (
    <form className="admin-form wide" onSubmit={save} aria-label={title} noValidate>
      <h3>{title}</h3>
      <Field id="rule-name" label="Name" error={errors.name}>
        {(p) => <input {...p} value={name} onChange={(e) => setName(e.target.value)} />}
      </Field>
      <Field id="rule-description" label="Description (optional)" error={errors.description}>
        {(p) => <input {...p} value={description} onChange={(e) => setDescription(e.target.value)} />}
      </Field>
      <Field id="rule-trigger" label="When" error={errors.trigger}>
        {(p) => (
          <select {...p} value={trigger} onChange={(e) => changeTrigger(e.target.value)}>
            {Object.entries(TRIGGERS).map(([value, label]) => (
              <option key={value} value={value}>
                {label} ({value})
              </option>
            ))}
          </select>
        )}
      </Field>
      <ConditionsEditor which="all" legend="All of these hold" conditions={all} onChange={setAll} {...conditionProps} />
      <ConditionsEditor which="any" legend="And at least one of these (when any)" conditions={any} onChange={setAny} {...conditionProps} />
      {all.length + any.length === 0 && (
<p className="hint">No conditions: the rule runs on every {trigger} event.</p>
      )}
      <ActionsEditor id="rule-actions" actions={actions} onChange={setActions} kinds={ALL_ACTIONS} choices={choices} errors={errors} />
      <label>
        <input type="checkbox" checked={active} onChange={(e) => setActive(e.target.checked)} /> Active
      </label>
      <EditorEnd errors={errors} shown={['name', 'description', 'trigger', 'conditions.all', 'conditions.any', 'actions']} busy={busy} submitLabel={rule ? 'Save automation' : 'Create automation'} onCancel={() => void onDone(false)} />
    </form>
  );
}
