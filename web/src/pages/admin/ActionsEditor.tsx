import type { ReactNode } from 'react';
import type { FieldErrors } from '../../components/Field';
import { errorAt, ListInput, moved, type Named } from './shared';

/** What macros and automations can do to a ticket (src/macros/ticket-changes.ts, src/automations/automations.schema.ts). */
export type Action =
  | { type: 'set_fields'; status?: string; priority?: number; category?: string | null; groupId?: string | null; assigneeId?: string | null }
  | { type: 'assign'; assigneeId?: string | null; groupId?: string | null }
  | { type: 'add_tags' | 'remove_tags'; tags: string[] }
  | { type: 'add_note'; body: string }
  | { type: 'send_email'; to: string; subject: string; body: string }
  | { type: 'call_webhook'; webhookId: string }
  | { type: 'apply_macro'; macroId: string };
export type ActionType = Action['type'];

export const ACTION_LABELS: Record<ActionType, string> = {
  set_fields: 'Set fields',
  assign: 'Assign',
  add_tags: 'Add tags',
  remove_tags: 'Remove tags',
  add_note: 'Add an internal note',
  send_email: 'Send an e-mail',
  call_webhook: 'Call a webhook',
  apply_macro: 'Apply a macro',
};
export const TICKET_CHANGE_TYPES: ActionType[] = ['set_fields', 'assign', 'add_tags', 'remove_tags'];
const STATUSES = ['new', 'open', 'pending', 'on_hold', 'solved', 'closed'];
const PRIORITIES: Record<number, string> = { 1: '1 critical', 2: '2 high', 3: '3 standard', 4: '4 general' };
export const CURRENT_USER = 'current_user';

export interface ActionChoices {
  groups: Named[];
  users: Named[];
  webhooks?: Named[];
  macros?: Named[];
  /** Macros may assign to whoever applies them; automations have no user. */
  currentUser: boolean;
}

/** One line for a list: "status pending, group Billing", "add tags vip", "e-mail the requester". */
export function actionText(a: Action, choices: ActionChoices): string {
  const name = (list: Named[] | undefined, id: string | null | undefined) =>
    id === null ? 'none' : id === CURRENT_USER ? 'whoever applies it' : (list?.find((x) => x.id === id)?.name ?? id);
  switch (a.type) {
    case 'set_fields':
    case 'assign': {
      const parts = [
        a.type === 'set_fields' && a.status !== undefined && `status ${a.status.replace('_', ' ')}`,
        a.type === 'set_fields' && a.priority !== undefined && `priority ${a.priority}`,
        a.type === 'set_fields' && a.category !== undefined && `category ${a.category ?? 'none'}`,
        a.groupId !== undefined && `group ${name(choices.groups, a.groupId)}`,
        a.assigneeId !== undefined && `assignee ${name(choices.users, a.assigneeId)}`,
      ].filter(Boolean);
      return `${a.type === 'assign' ? 'assign: ' : 'set '}${parts.join(', ') || 'nothing'}`;
    }
    case 'add_tags':
      return `add tags ${a.tags.join(', ')}`;
    case 'remove_tags':
      return `remove tags ${a.tags.join(', ')}`;
    case 'add_note':
      return 'add a note';
    case 'send_email':
      return `e-mail ${a.to === 'requester' || a.to === 'assignee' ? `the ${a.to}` : a.to}`;
    case 'call_webhook':
      return `call webhook ${name(choices.webhooks, a.webhookId)}`;
    case 'apply_macro':
      return `apply macro ${name(choices.macros, a.macroId)}`;
  }
}

/** A new action of a type, with the first choice filled where one is needed. */
export function blankAction(type: ActionType, choices: ActionChoices): Action {
  switch (type) {
    case 'set_fields':
      return { type, status: 'pending' };
    case 'assign':
      return { type, assigneeId: choices.currentUser ? CURRENT_USER : (choices.users[0]?.id ?? null) };
    case 'add_tags':
    case 'remove_tags':
      return { type, tags: [] };
    case 'add_note':
      return { type, body: '' };
    case 'send_email':
      return { type, to: 'requester', subject: '', body: '' };
    case 'call_webhook':
      return { type, webhookId: choices.webhooks?.[0]?.id ?? '' };
    case 'apply_macro':
      return { type, macroId: choices.macros?.[0]?.id ?? '' };
  }
}

// In selects: "" leaves the field as it is (the key is left out), "null" clears it.
const LEAVE = '';
const CLEAR = 'null';
const encode = (v: string | number | null | undefined) => (v === undefined ? LEAVE : v === null ? CLEAR : String(v));
const decode = (v: string): string | null | undefined => (v === LEAVE ? undefined : v === CLEAR ? null : v);
/** The action with `key` set, or left out when undefined (the server reads absence as "leave"). */
function withKey<A extends Action>(action: A, key: string, value: unknown): A {
  const next = { ...action } as Record<string, unknown>;
  if (value === undefined) delete next[key];
  else next[key] = value;
  return next as A;
}

/** One control of an action, labelled, with the server's error for its path beside it. */
function Part({ id, label, error, children }: { id: string; label: string; error?: string; children: (p: { id: string; 'aria-invalid'?: true; 'aria-describedby'?: string }) => ReactNode }) {
  return (
    <span className="part">
      <label htmlFor={id}>{label}</label>
      {children({ id, ...(error ? { 'aria-invalid': true as const, 'aria-describedby': `${id}-error` } : {}) })}
      <span id={`${id}-error`} className="error field-error" role={error ? 'alert' : undefined}>
        {error ?? ''}
      </span>
    </span>
  );
}

function RefSelect({ value, onChange, options, clear, leave, currentUser, ...p }: { value: string | null | undefined; onChange: (v: string | null | undefined) => void; options: Named[]; clear: string; leave: boolean; currentUser?: boolean; id: string }) {
  return (
    <select {...p} value={encode(value)} onChange={(e) => onChange(decode(e.target.value))}>
      {leave && <option value={LEAVE}>leave as it is</option>}
      <option value={CLEAR}>{clear}</option>
      {currentUser && <option value={CURRENT_USER}>whoever applies it</option>}
      {options.map((o) => (
        <option key={o.id} value={o.id}>
          {o.name}
        </option>
      ))}
    </select>
  );
}

/** The controls of one action, by type. */
function ActionFields({ action, set, id, path, errors, choices }: { action: Action; set: (a: Action) => void; id: string; path: string; errors: FieldErrors; choices: ActionChoices }) {
  const err = (key: string) => errorAt(errors, `${path}.${key}`);
  const refs = (a: Extract<Action, { type: 'set_fields' | 'assign' }>, leave: boolean) => (
    <>
      <Part id={`${id}-group`} label="Group" error={err('groupId')}>
        {(p) => <RefSelect {...p} value={a.groupId} leave options={choices.groups} clear="no group" onChange={(v) => set(withKey(a, 'groupId', v))} />}
      </Part>
      <Part id={`${id}-assignee`} label="Assignee" error={err('assigneeId')}>
        {(p) => <RefSelect {...p} value={a.assigneeId} leave={leave} options={choices.users} clear="nobody" currentUser={choices.currentUser} onChange={(v) => set(withKey(a, 'assigneeId', v))} />}
      </Part>
    </>
  );
  switch (action.type) {
    case 'set_fields':
      return (
        <>
          <Part id={`${id}-status`} label="Status" error={err('status')}>
            {(p) => (
              <select {...p} value={action.status ?? LEAVE} onChange={(e) => set(withKey(action, 'status', e.target.value || undefined))}>
                <option value={LEAVE}>leave as it is</option>
                {STATUSES.map((s) => (
                  <option key={s} value={s}>
                    {s.replace('_', ' ')}
                  </option>
                ))}
              </select>
            )}
          </Part>
          <Part id={`${id}-priority`} label="Priority" error={err('priority')}>
            {(p) => (
              <select {...p} value={action.priority ?? LEAVE} onChange={(e) => set(withKey(action, 'priority', e.target.value ? Number(e.target.value) : undefined))}>
                <option value={LEAVE}>leave as it is</option>
                {Object.entries(PRIORITIES).map(([n, label]) => (
                  <option key={n} value={n}>
                    {label}
                  </option>
                ))}
              </select>
            )}
          </Part>
          <Part id={`${id}-category`} label="Category" error={err('category')}>
            {(p) => (
              <span className="category-choice">
                <select
                  {...p}
                  value={action.category === undefined ? LEAVE : action.category === null ? CLEAR : 'set'}
                  onChange={(e) => set(withKey(action, 'category', e.target.value === 'set' ? '' : decode(e.target.value)))}
                >
                  <option value={LEAVE}>leave as it is</option>
                  <option value={CLEAR}>clear</option>
                  <option value="set">set to…</option>
                </select>
                {typeof action.category === 'string' && <input aria-label="New category" aria-invalid={p['aria-invalid']} aria-describedby={p['aria-describedby']} value={action.category} onChange={(e) => set({ ...action, category: e.target.value })} />}
              </span>
            )}
          </Part>
          {refs(action, true)}
        </>
      );
    case 'assign':
      return refs(action, true);
    case 'add_tags':
    case 'remove_tags':
      return (
        <Part id={`${id}-tags`} label="Tags (comma-separated)" error={err('tags')}>
          {(p) => <ListInput {...p} value={action.tags} onChange={(tags) => set({ ...action, tags })} />}
        </Part>
      );
    case 'add_note':
      return (
        <Part id={`${id}-body`} label="Note (placeholders allowed)" error={err('body')}>
          {(p) => <textarea {...p} rows={3} value={action.body} onChange={(e) => set({ ...action, body: e.target.value })} />}
        </Part>
      );
    case 'send_email': {
      const preset = action.to === 'requester' || action.to === 'assignee';
      return (
        <>
          <Part id={`${id}-to`} label="To" error={err('to')}>
            {(p) => (
              <span className="category-choice">
                <select {...p} value={preset ? action.to : 'address'} onChange={(e) => set({ ...action, to: e.target.value === 'address' ? '' : e.target.value })}>
                  <option value="requester">the requester</option>
                  <option value="assignee">the assignee</option>
                  <option value="address">an address…</option>
                </select>
                {!preset && <input aria-label="Address" aria-invalid={p['aria-invalid']} aria-describedby={p['aria-describedby']} type="email" value={action.to} onChange={(e) => set({ ...action, to: e.target.value })} />}
              </span>
            )}
          </Part>
          <Part id={`${id}-subject`} label="Subject" error={err('subject')}>
            {(p) => <input {...p} value={action.subject} onChange={(e) => set({ ...action, subject: e.target.value })} />}
          </Part>
          <Part id={`${id}-body`} label="Text (placeholders allowed)" error={err('body')}>
            {(p) => <textarea {...p} rows={3} value={action.body} onChange={(e) => set({ ...action, body: e.target.value })} />}
          </Part>
        </>
      );
    }
    case 'call_webhook':
    case 'apply_macro': {
      const key = action.type === 'call_webhook' ? 'webhookId' : 'macroId';
      const options = (action.type === 'call_webhook' ? choices.webhooks : choices.macros) ?? [];
      const value = action.type === 'call_webhook' ? action.webhookId : action.macroId;
      return (
        <Part id={`${id}-${key}`} label={action.type === 'call_webhook' ? 'Webhook' : 'Macro'} error={err(key)}>
          {(p) => (
            <select {...p} value={value} onChange={(e) => set({ ...action, [key]: e.target.value } as Action)}>
              {options.length === 0 && <option value="">none yet</option>}
              {options.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.name}
                </option>
              ))}
            </select>
          )}
        </Part>
      );
    }
  }
}

/** The keys an action's controls show errors for, so the form can list the others. */
const SHOWN: Record<ActionType, string[]> = {
  set_fields: ['status', 'priority', 'category', 'groupId', 'assigneeId'],
  assign: ['groupId', 'assigneeId'],
  add_tags: ['tags'],
  remove_tags: ['tags'],
  add_note: ['body'],
  send_email: ['to', 'subject', 'body'],
  call_webhook: ['webhookId'],
  apply_macro: ['macroId'],
};

/** An ordered list of actions, each a row of controls by type; every kind has a structured form. */
export function ActionsEditor({ id, actions, onChange, kinds, choices, errors, path = 'actions' }: { id: string; actions: Action[]; onChange: (next: Action[]) => void; kinds: ActionType[]; choices: ActionChoices; errors: FieldErrors; path?: string }) {
  const set = (i: number, a: Action) => onChange(actions.map((x, j) => (j === i ? a : x)));
  return (
    <fieldset className="rows-editor" aria-describedby={`${id}-error`}>
      <legend>Actions, in order</legend>
      {actions.map((a, i) => {
        const rowPath = `${path}.${i}`;
        const shown = SHOWN[a.type].map((k) => `${rowPath}.${k}`);
        const other = Object.entries(errors).filter(([k]) => (k === rowPath || k.startsWith(`${rowPath}.`)) && !shown.some((s) => k === s || k.startsWith(`${s}.`)));
        return (
          <div className="action-row" key={i} role="group" aria-label={`Action ${i + 1}`}>
            <div className="row-line">
              <select aria-label={`Action ${i + 1} type`} value={a.type} onChange={(e) => set(i, blankAction(e.target.value as ActionType, choices))}>
                {kinds.map((k) => (
                  <option key={k} value={k}>
                    {ACTION_LABELS[k]}
                  </option>
                ))}
              </select>
              <button type="button" aria-label={`Move action ${i + 1} up`} disabled={i === 0} onClick={() => onChange(moved(actions, i, -1))}>
                ↑
              </button>
              <button type="button" aria-label={`Move action ${i + 1} down`} disabled={i === actions.length - 1} onClick={() => onChange(moved(actions, i, 1))}>
                ↓
              </button>
              <button type="button" aria-label={`Remove action ${i + 1}`} onClick={() => onChange(actions.filter((_, j) => j !== i))}>
                Remove
              </button>
            </div>
            <div className="action-fields">
              <ActionFields action={a} set={(x) => set(i, x)} id={`${id}-${i}`} path={rowPath} errors={errors} choices={choices} />
            </div>
            {other.length > 0 && (
              <p className="error" role="alert">
                {other.map(([k, m]) => `${k === rowPath ? '' : `${k.slice(rowPath.length + 1)}: `}${m}`).join('; ')}
              </p>
            )}
          </div>
        );
      })}
      <div className="row-line">
        <button type="button" onClick={() => onChange([...actions, blankAction(kinds[0]!, choices)])}>
          Add action
        </button>
      </div>
      <span id={`${id}-error`} className="error field-error" role={errors[path] ? 'alert' : undefined}>
        {errors[path] ?? ''}
      </span>
    </fieldset>
  );
}
