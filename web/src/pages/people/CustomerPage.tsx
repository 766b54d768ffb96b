import { useState, type FormEvent } from 'react';
import { api, type User } from '../../api';
import { Field, FormError, useSubmit } from '../../components/Field';
import { link, statusLabel, when } from '../../format';
import { useLoad } from '../../useLoad';
import { CsatAnswers } from './CsatAnswers';
import { PeopleTickets } from './PeopleTickets';
import { EditActions, NotLoaded, useRecord } from './record';

interface Customer {
  id: string;
  email: string;
  name: string | null;
  organisationId: string | null;
  organisation: { id: string; name: string; plan: string | null; vip: boolean } | null;
  ticketCounts: { total: number; byStatus: Record<string, number> };
  createdAt: string;
}

/** Name and organisation, for those allowed to change them (customers:write: agents and up). */
function EditCustomer({ customer, onSaved, onCancel }: { customer: Customer; onSaved: (c: Customer) => void; onCancel: () => void }) {
  const [form, setForm] = useState({ name: customer.name ?? '', organisationId: customer.organisationId ?? '' });
  const [errors, submit, busy] = useSubmit();
  const orgs = useLoad<{ items: { id: string; name: string }[] }>('/api/v1/organisations?limit=100');
  const options = [...(orgs.data?.items ?? [])];
  if (customer.organisation && !options.some((o) => o.id === customer.organisation!.id)) options.unshift(customer.organisation);

  const save = async (e: FormEvent) => {
    e.preventDefault();
    await submit(async () => {
      onSaved(await api<Customer>(`/api/v1/customers/${customer.id}`, { method: 'PATCH', body: { name: form.name.trim() || null, organisationId: form.organisationId || null } }));
    });
  };
  return (
    <form className="admin-form" onSubmit={save} aria-label="Edit customer" noValidate>
      <Field id="customer-name" label="Name" error={errors.name}>
        {(p) => <input {...p} value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} />}
      </Field>
      <Field id="customer-organisation" label="Organisation" error={errors.organisationId}>
        {(p) => (
          <select {...p} value={form.organisationId} onChange={(e) => setForm({ ...form, organisationId: e.target.value })} aria-busy={orgs.data === undefined}>
            <option value="">None</option>
            {options.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      <FormError errors={errors} />
      <EditActions busy={busy} onCancel={onCancel} />
    </form>
  );
}

/** One customer: who they are, their organisation and plan, their tickets and satisfaction answers. */
export function CustomerPage({ id, user }: { id: string; user: User }) {
  const { record: customer, error, editing, edit, cancel, save } = useRecord<Customer>(`/api/v1/customers/${id}`);
  const canEdit = user.role !== 'viewer';

  if (!customer) return <NotLoaded error={error} />;
  const org = customer.organisation;
  const counts = Object.entries(customer.ticketCounts.byStatus).filter(([, n]) => n > 0);
  return (
    <article aria-labelledby="customer-title" className="person">
      <p>
        <a {...link('/customers')}>← Customers</a>
      </p>
      <h2 id="customer-title">{customer.name ?? customer.email}</h2>
      <dl className="facts">
        <dt>E-mail</dt>
        <dd>
          <a href={`mailto:${customer.email}`}>{customer.email}</a>
        </dd>
        <dt>Organisation</dt>
        <dd>{org ? <a {...link(`/organisations/${org.id}`)}>{org.name}</a> : '—'}</dd>
        <dt>Plan</dt>
        <dd>
          {org?.plan ?? '—'}
          {org?.vip && <span className="badge vip">VIP</span>}
        </dd>
        <dt>Tickets</dt>
        <dd>
          {customer.ticketCounts.total}
          {counts.length > 0 && <span className="meta"> ({counts.map(([s, n]) => `${n} ${statusLabel(s)}`).join(', ')})</span>}
        </dd>
        <dt>Customer since</dt>
        <dd>{when(customer.createdAt)}</dd>
      </dl>
      {canEdit && !editing && (
        <button type="button" onClick={edit}>
          Edit details
        </button>
      )}
      {editing && <EditCustomer customer={customer} onSaved={save} onCancel={cancel} />}
      <PeopleTickets filter={`requester=${customer.id}`} />
      <CsatAnswers filter={`requester=${customer.id}`} />
    </article>
  );
}
