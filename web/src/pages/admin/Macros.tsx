import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { api, type Ticket } from '../../api';
import { Field, FormError, useSubmit } from '../../components/Field';
import { ActionsEditor, actionText, TICKET_CHANGE_TYPES, type Action, type ActionChoices } from './ActionsEditor';
import { EditDeleteCell, EditorEnd, EmptyRow, when, type Named } from './shared';

interface Macro {
  id: string;
  name: string;
  description: string | null;
  body: string | null;
  visibility: 'public' | 'internal';
  actions: Action[];
  active: boolean;
  usageCount: number;
  lastUsedAt: string | null;
}
interface Preview {
  body: string | null;
  visibility: 'public' | 'internal';
  changes: Record<string, { from: unknown; to: unknown }>;
}

/** Canned replies with placeholders and ticket changes; leads and admins manage them. */
export default function Macros() {
  const [macros, setMacros] = useState<Macro[] | null>(null);
  const [choices, setChoices] = useState<ActionChoices>({ groups: [], users: [], currentUser: true });
  const [editing, setEditing] = useState<Macro | 'new' | null>(null);
  const [previewing, setPreviewing] = useState<Macro | null>(null);
  const [listErrors, submitList] = useSubmit();
  const load = useCallback(async () => {
    const [m, g, u] = await Promise.all([
      api<{ items: Macro[] }>('/api/v1/macros'),
      api<{ items: Named[] }>('/api/v1/groups?limit=100'),
      api<{ items: (Named & { active?: boolean })[] }>('/api/v1/users'),
    ]);
    setMacros(m.items);
    setChoices({ groups: g.items, users: u.items.filter((x) => x.active !== false), currentUser: true });
  }, []);
  // A failed load shows as the list's error rather than an empty list.
  useEffect(() => void submitList(load), [load]);
  const remove = (m: Macro) =>
    submitList(async () => {
      await api(`/api/v1/macros/${m.id}`, { method: 'DELETE' });
      if (previewing?.id === m.id) setPreviewing(null);
      await load();
    });
  const toggle = (m: Macro, active: boolean) => {
    // Shown at once; the reload after the answer puts back what the server has if it refused.
    setMacros((list) => list?.map((x) => (x.id === m.id ? { ...x, active } : x)) ?? null);
    return submitList(async () => (await api(`/api/v1/macros/${m.id}`, { method: 'PATCH', body: { active } }), await load()));
  };

  return (
    <section aria-labelledby="macros-title">
      <h2 id="macros-title">Macros</h2>
      <FormError errors={listErrors} />
      <table className="grid">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Adds</th>
            <th scope="col">Changes</th>
            <th scope="col">Active</th>
            <th scope="col">Used</th>
            <th scope="col">Last used</th>
            <th scope="col">Actions</th>
          </tr>
        </thead>
        <tbody>
          {(macros ?? []).map((m) => (
            <tr key={m.id}>
              <td>
                {m.name}
                {m.description && <div className="meta">{m.description}</div>}
              </td>
              <td>{m.body ? (m.visibility === 'public' ? 'a reply' : 'an internal note') : '—'}</td>
              <td>{m.actions.length ? m.actions.map((a) => actionText(a, choices)).join('; ') : '—'}</td>
              <td>
                <input type="checkbox" aria-label={`${m.name} active`} checked={m.active} onChange={(e) => void toggle(m, e.target.checked)} />
              </td>
              <td>{m.usageCount}</td>
              <td>{when(m.lastUsedAt)}</td>
              <EditDeleteCell name={m.name} onEdit={() => setEditing(m)} onDelete={() => remove(m)}>
                <button type="button" aria-label={`Preview ${m.name}`} onClick={() => setPreviewing(m)}>
                  Preview
                </button>{' '}
              </EditDeleteCell>
            </tr>
          ))}
          {macros?.length === 0 && <EmptyRow columns={7}>No macros yet.</EmptyRow>}
        </tbody>
      </table>
      {previewing && <MacroPreview key={previewing.id} macro={previewing} onClose={() => setPreviewing(null)} />}
      {editing ? (
        <MacroEditor
          key={editing === 'new' ? 'new' : editing.id}
          macro={editing === 'new' ? null : editing}
          choices={choices}
          onDone={async (saved) => {
            setEditing(null);
            if (saved) {
              await load();
              // A preview open on the macro shows what it says now.
              setPreviewing((p) => (p && p.id === saved.id ? saved : p));
            }
          }}
        />
      ) : (
        <button type="button" onClick={() => setEditing('new')}>
          New macro
        </button>
      )}
    </section>
  );
}

/** The form for one macro; the server refuses unknown placeholders, naming each. */
function MacroEditor({ macro, choices, onDone }: { macro: Macro | null; choices: ActionChoices; onDone: (saved: Macro | null) => Promise<void> }) {
  const [name, setName] = useState(macro?.name ?? '');
  const [description, setDescription] = useState(macro?.description ?? '');
  const [body, setBody] = useState(macro?.body ?? '');
  const [visibility, setVisibility] = useState(macro?.visibility ?? 'public');
  const [actions, setActions] = useState<Action[]>(macro?.actions ?? []);
  const [active, setActive] = useState(macro?.active ?? true);
  const [errors, submit, busy] = useSubmit();
  const save = async (e: FormEvent) => {
    e.preventDefault();
    const payload = { name, description: description.trim() || null, body: body.trim() ? body : null, visibility, actions, active };
    let saved: Macro | null = null;
    const ok = await submit(async () => {
      saved = macro ? await api<Macro>(`/api/v1/macros/${macro.id}`, { method: 'PATCH', body: payload }) : await api<Macro>('/api/v1/macros', { method: 'POST', body: payload });
    });
    if (ok) await onDone(saved);
  };
  const title = macro ? `Edit macro ${macro.name}` : 'New macro';

  return (
    <form className="admin-form wide" onSubmit={save} aria-label={title} noValidate>
      <h3>{title}</h3>
      <Field id="macro-name" label="Name" error={errors.name}>
        {(p) => <input {...p} value={name} onChange={(e) => setName(e.target.value)} />}
      </Field>
      <Field id="macro-description" label="Description (optional)" error={errors.description}>
        {(p) => <input {...p} value={description} onChange={(e) => setDescription(e.target.value)} />}
      </Field>
      <Field id="macro-visibility" label="Adds" error={errors.visibility}>
        {(p) => (
          <select {...p} value={visibility} onChange={(e) => setVisibility(e.target.value as Macro['visibility'])}>
            <option value="public">a reply to the requester</option>
            <option value="internal">an internal note</option>
          </select>
        )}
      </Field>
      <Field id="macro-body" label="Text" error={errors.body}>
        {(p) => <textarea {...p} rows={6} value={body} onChange={(e) => setBody(e.target.value)} />}
      </Field>
      <p className="hint">
        Placeholders such as <code>{'{{requester.firstName | there}}'}</code>, <code>{'{{ticket.number}}'}</code>, <code>{'{{agent.name}}'}</code>; an unknown one is refused on saving. Leave the text empty for a
        macro that only changes fields.
      </p>
      <ActionsEditor id="macro-actions" actions={actions} onChange={setActions} kinds={TICKET_CHANGE_TYPES} choices={choices} errors={errors} />
      <label>
        <input type="checkbox" checked={active} onChange={(e) => setActive(e.target.checked)} /> Active (agents can apply it)
      </label>
      <EditorEnd errors={errors} shown={['name', 'description', 'visibility', 'body', 'actions']} busy={busy} submitLabel={macro ? 'Save macro' : 'Create macro'} onCancel={() => void onDone(null)} />
    </form>
  );
}

const show = (v: unknown) => (v === null || v === undefined || v === '' ? 'none' : Array.isArray(v) ? v.join(', ') || 'none' : String(v));

/** What a macro would do to a ticket (by number or id), rendered by the server; nothing is written. */
function MacroPreview({ macro, onClose }: { macro: Macro; onClose: () => void }) {
  const [ticketRef, setTicketRef] = useState('');
  const [result, setResult] = useState<{ ticket: Ticket; preview: Preview } | null>(null);
  const [errors, submit, busy] = useSubmit();
  const run = (e: FormEvent) => {
    e.preventDefault();
    void submit(async () => {
      setResult(null);
      const ref = ticketRef.trim().replace(/^#/, '');
      const ticket = /^\d+$/.test(ref)
        ? (await api<{ items: Ticket[] }>(`/api/v1/tickets?number=${ref}&limit=1`)).items[0]
        : ref
          ? await api<Ticket>(`/api/v1/tickets/${encodeURIComponent(ref)}`).catch(() => undefined)
          : undefined;
      if (!ticket) throw new Error(ref ? `No ticket ${/^\d+$/.test(ref) ? `#${ref}` : ref}` : 'Give a ticket number or id');
      const preview = await api<Preview>(`/api/v1/macros/${macro.id}/preview`, { method: 'POST', body: { ticketId: ticket.id } });
      setResult({ ticket, preview });
    });
  };
  return (
    <section className="admin-form wide preview-panel" aria-labelledby="macro-preview-title">
      <h3 id="macro-preview-title">Preview {macro.name}</h3>
      <form onSubmit={run} noValidate aria-label={`Preview ${macro.name} on a ticket`} className="row-line">
        <Field id="macro-preview-ticket" label="Ticket number or id" error={errors.ticketId ?? errors._}>
          {(p) => <input {...p} placeholder="#1042" value={ticketRef} onChange={(e) => setTicketRef(e.target.value)} />}
        </Field>
        <button type="submit" disabled={busy}>
          Show preview
        </button>
        <button type="button" onClick={onClose}>
          Close preview
        </button>
      </form>
      {result && (
        <div role="region" aria-label="Preview result">
          <p className="meta">
            On #{result.ticket.number} {result.ticket.subject}, as {result.preview.visibility === 'public' ? 'a reply' : 'an internal note'}:
          </p>
          {result.preview.body !== null ? <div className="message preview-body">{result.preview.body}</div> : <p className="meta">No text.</p>}
          {Object.keys(result.preview.changes).length > 0 ? (
            <ul>
              {Object.entries(result.preview.changes).map(([field, c]) => (
                <li key={field}>
                  {field}: {show(c.from)} → {show(c.to)}
                </li>
              ))}
            </ul>
          ) : (
            <p className="meta">No field changes.</p>
          )}
        </div>
      )}
    </section>
  );
}
