import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { api } from '../../api';
import { Field, FormError, useSubmit } from '../../components/Field';
import { CheckGroup, DeleteButton, EditorEnd, EmptyRow, when } from './shared';

interface Webhook {
  id: string;
  name: string;
  url: string;
  events: string[];
  active: boolean;
  disabledReason: string | null;
  consecutiveFailures: number;
  disableAfter: number;
  timeoutMs: number;
  lastDeliveryAt: string | null;
  lastSuccessAt: string | null;
}
interface Delivery {
  id: string;
  eventId: string;
  eventType: string;
  attempt: number;
  ok: boolean;
  statusCode: number | null;
  durationMs: number;
  error: string | null;
  createdAt: string;
}
// The event types of docs/webhooks.md; "*" is every one of them.
const EVENTS = ['*', 'ticket.created', 'ticket.updated', 'message.created', 'sla.warning', 'sla.breached', 'csat.received'] as const;
const eventLabel = (e: string) => (e === '*' ? 'all events (*)' : e);

/** Webhook subscriptions (admins): create, switch on and off, rotate the secret, read the delivery log. */
export default function Webhooks() {
  const [hooks, setHooks] = useState<Webhook[] | null>(null);
  const [editing, setEditing] = useState<Webhook | 'new' | null>(null);
  const [logOf, setLogOf] = useState<Webhook | null>(null);
  const [secret, setSecret] = useState<{ name: string; secret: string } | null>(null);
  const [listErrors, submitList] = useSubmit();
  const load = useCallback(async () => setHooks((await api<{ items: Webhook[] }>('/api/v1/webhooks')).items), []);
  useEffect(() => void submitList(load), [load]);
  const act = (run: () => Promise<void>) => submitList(async () => (await run(), await load()));
  const toggle = (h: Webhook, active: boolean) => {
    // Shown at once; the reload after the answer puts back what the server has if it refused.
    setHooks((list) => list?.map((x) => (x.id === h.id ? { ...x, active } : x)) ?? null);
    return act(async () => void (await api(`/api/v1/webhooks/${h.id}`, { method: 'PATCH', body: { active } })));
  };
  const rotate = (h: Webhook) => act(async () => setSecret({ name: h.name, secret: (await api<{ secret: string }>(`/api/v1/webhooks/${h.id}/rotate-secret`, { method: 'POST' })).secret }));
  const remove = (h: Webhook) =>
    act(async () => {
      await api(`/api/v1/webhooks/${h.id}`, { method: 'DELETE' });
      if (logOf?.id === h.id) setLogOf(null);
    });

  return (
    <section aria-labelledby="webhooks-title">
      <h2 id="webhooks-title">Webhooks</h2>
      <FormError errors={listErrors} />
      {secret && (
        <div role="status" className="secret">
          <p>
            Signing secret of {secret.name}, shown this once (use it to check <code>X-Frontline-Signature</code>): <code>{secret.secret}</code>
          </p>
          <button type="button" onClick={() => setSecret(null)}>
            I have stored it
          </button>
        </div>
      )}
      <table className="grid">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">URL</th>
            <th scope="col">Events</th>
            <th scope="col">Active</th>
            <th scope="col">Health</th>
            <th scope="col">Last delivery</th>
            <th scope="col">Actions</th>
          </tr>
        </thead>
        <tbody>
          {(hooks ?? []).map((h) => (
            <tr key={h.id}>
              <td>{h.name}</td>
              <td className="url">{h.url}</td>
              <td>{h.events.map(eventLabel).join(', ')}</td>
              <td>
                <input type="checkbox" aria-label={`${h.name} active`} checked={h.active} onChange={(e) => void toggle(h, e.target.checked)} />
              </td>
              <td>{h.disabledReason ?? (h.consecutiveFailures ? `${h.consecutiveFailures} failed in a row (disabled at ${h.disableAfter})` : 'ok')}</td>
              <td>{when(h.lastDeliveryAt)}</td>
              <td className="actions">
                <button type="button" aria-label={`Deliveries of ${h.name}`} aria-pressed={logOf?.id === h.id} onClick={() => setLogOf(logOf?.id === h.id ? null : h)}>
                  Deliveries
                </button>{' '}
                <button type="button" aria-label={`Edit ${h.name}`} onClick={() => setEditing(h)}>
                  Edit
                </button>{' '}
                <button type="button" aria-label={`Rotate secret of ${h.name}`} onClick={() => void rotate(h)}>
                  Rotate secret
                </button>{' '}
                <DeleteButton name={h.name} onDelete={() => remove(h)} />
              </td>
            </tr>
          ))}
          {hooks?.length === 0 && <EmptyRow columns={7}>No webhooks yet.</EmptyRow>}
        </tbody>
      </table>
      {logOf && <DeliveryLog key={logOf.id} hook={logOf} onRefresh={load} />}
      {editing ? (
        <WebhookEditor
          key={editing === 'new' ? 'new' : editing.id}
          hook={editing === 'new' ? null : editing}
          onDone={async (created) => {
            setEditing(null);
            if (created) setSecret(created);
            await submitList(load);
          }}
        />
      ) : (
        <button type="button" onClick={() => setEditing('new')}>
          New webhook
        </button>
      )}
    </section>
  );
}

/** The form for one subscription; the secret comes back from creation only. */
function WebhookEditor({ hook, onDone }: { hook: Webhook | null; onDone: (created: { name: string; secret: string } | null) => Promise<void> }) {
  const [form, setForm] = useState({ name: hook?.name ?? '', url: hook?.url ?? 'https://', events: hook?.events ?? ['*'], timeoutMs: String(hook?.timeoutMs ?? 10000), disableAfter: String(hook?.disableAfter ?? 15) });
  const [errors, submit, busy] = useSubmit();
  const save = async (e: FormEvent) => {
    e.preventDefault();
    const body = { name: form.name, url: form.url, events: form.events, timeoutMs: Number(form.timeoutMs), disableAfter: Number(form.disableAfter) };
    let created: { name: string; secret: string } | null = null;
    const ok = await submit(async () => {
      if (hook) await api(`/api/v1/webhooks/${hook.id}`, { method: 'PATCH', body });
      else created = await api<{ name: string; secret: string }>('/api/v1/webhooks', { method: 'POST', body });
    });
    if (ok) await onDone(created);
  };
  const title = hook ? `Edit webhook ${hook.name}` : 'New webhook';
  return (
    <form className="admin-form wide" onSubmit={save} aria-label={title} noValidate>
      <h3>{title}</h3>
      <Field id="hook-name" label="Name" error={errors.name}>
        {(p) => <input {...p} value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} />}
      </Field>
      <Field id="hook-url" label="URL (http:// or https://)" error={errors.url}>
        {(p) => <input {...p} type="url" value={form.url} onChange={(e) => setForm({ ...form, url: e.target.value })} />}
      </Field>
      <CheckGroup id="hook-events" legend="Events" options={EVENTS} selected={form.events as (typeof EVENTS)[number][]} label={eventLabel} onChange={(events) => setForm({ ...form, events })} error={Object.entries(errors).find(([k]) => k === 'events' || k.startsWith('events.'))?.[1]} />
      <div className="editor-row">
        <Field id="hook-timeout" label="Timeout per attempt (ms)" error={errors.timeoutMs}>
          {(p) => <input {...p} type="number" min={100} max={30000} value={form.timeoutMs} onChange={(e) => setForm({ ...form, timeoutMs: e.target.value })} />}
        </Field>
        <Field id="hook-disable" label="Disable after failures in a row" error={errors.disableAfter}>
          {(p) => <input {...p} type="number" min={1} max={1000} value={form.disableAfter} onChange={(e) => setForm({ ...form, disableAfter: e.target.value })} />}
        </Field>
      </div>
      <EditorEnd errors={errors} shown={['name', 'url', 'events', 'timeoutMs', 'disableAfter']} busy={busy} submitLabel={hook ? 'Save webhook' : 'Create webhook'} onCancel={() => void onDone(null)} />
    </form>
  );
}

/** Every attempt of a subscription, newest first, a page at a time. */
function DeliveryLog({ hook, onRefresh }: { hook: Webhook; onRefresh: () => Promise<void> }) {
  const [items, setItems] = useState<Delivery[] | null>(null);
  const [next, setNext] = useState<string | null>(null);
  const [errors, submit, busy] = useSubmit();
  const page = useCallback(
    async (cursor: string | null) => {
      const res = await api<{ items: Delivery[]; nextCursor: string | null }>(`/api/v1/webhooks/${hook.id}/deliveries?limit=50${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      setItems((old) => (cursor ? [...(old ?? []), ...res.items] : res.items));
      setNext(res.nextCursor);
    },
    [hook.id],
  );
  useEffect(() => void submit(() => page(null)), [page]);
  return (
    <section className="delivery-log" aria-labelledby="deliveries-title">
      <div className="row-line">
        <h3 id="deliveries-title">Deliveries of {hook.name}</h3>
        <button type="button" disabled={busy} onClick={() => void submit(async () => void (await Promise.all([page(null), onRefresh()])))}>
          Refresh
        </button>
      </div>
      <FormError errors={errors} />
      <table className="grid">
        <thead>
          <tr>
            <th scope="col">Time</th>
            <th scope="col">Event</th>
            <th scope="col">Attempt</th>
            <th scope="col">Result</th>
            <th scope="col">Response</th>
            <th scope="col">Duration</th>
          </tr>
        </thead>
        <tbody>
          {(items ?? []).map((d) => (
            <tr key={d.id}>
              <td>{when(d.createdAt)}</td>
              <td>
                {d.eventType} <span className="meta">{d.eventId.slice(-8)}</span>
              </td>
              <td>{d.attempt}</td>
              <td className={d.ok ? undefined : 'error'}>{d.ok ? 'delivered' : 'failed'}</td>
              <td>{d.statusCode !== null ? `HTTP ${d.statusCode}` : (d.error ?? '—')}</td>
              <td>{d.durationMs} ms</td>
            </tr>
          ))}
          {items?.length === 0 && <EmptyRow columns={6}>Nothing delivered yet.</EmptyRow>}
        </tbody>
      </table>
      {next && (
        <button type="button" disabled={busy} onClick={() => void submit(() => page(next))}>
          Older deliveries
        </button>
      )}
    </section>
  );
}
