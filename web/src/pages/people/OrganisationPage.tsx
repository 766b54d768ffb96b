import { useState, type FormEvent } from 'react';
import { api, type User } from '../../api';
import { Field, FormError, useSubmit } from '../../components/Field';
import { link } from '../../format';
import { CsatAnswers } from './CsatAnswers';
import type { Organisation } from './OrganisationList';
import { usePaged } from './paged';
import { PeopleTickets } from './PeopleTickets';
import { EditActions, NotLoaded, useRecord } from './record';

type Detail = Organisation & { customerCount: number; ticketCount: number };

/** Name, domains, plan, VIP and notes (organisations:manage: admins). */
function EditOrganisation({ org, onSaved, onCancel }: { org: Detail; onSaved: (o: Detail) => void; onCancel: () => void }) {
  const [form, setForm] = useState({ name: org.name, domains: org.domains.join(', '), plan: org.plan ?? '', vip: org.vip, notes: org.notes ?? '' });
  const [errors, submit, busy] = useSubmit();
  const domainError = Object.entries(errors).find(([k]) => k.startsWith('domains'))?.[1];
  const save = async (e: FormEvent) => {
    e.preventDefault();
    await submit(async () => {
      const body = {
        name: form.name,
        domains: form.domains.split(/[\s,]+/).filter(Boolean),
        plan: form.plan.trim() || null,
        vip: form.vip,
        notes: form.notes.trim() ? form.notes : null,
      };
      onSaved(await api<Detail>(`/api/v1/organisations/${org.id}`, { method: 'PATCH', body }));
    });
  };
  return (
    <form className="admin-form" onSubmit={save} aria-label="Edit organisation" noValidate>
      <Field id="org-name" label="Name" error={errors.name}>
        {(p) => <input {...p} value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} />}
      </Field>
      <Field id="org-domains" label="E-mail domains (comma-separated)" error={domainError}>
        {(p) => <input {...p} value={form.domains} onChange={(e) => setForm({ ...form, domains: e.target.value })} />}
      </Field>
      <Field id="org-plan" label="Plan" error={errors.plan}>
        {(p) => <input {...p} value={form.plan} onChange={(e) => setForm({ ...form, plan: e.target.value })} />}
      </Field>
      <label>
        <input type="checkbox" checked={form.vip} onChange={(e) => setForm({ ...form, vip: e.target.checked })} /> VIP
      </label>
      <Field id="org-notes" label="Notes" error={errors.notes}>
        {(p) => <textarea {...p} rows={3} value={form.notes} onChange={(e) => setForm({ ...form, notes: e.target.value })} />}
      </Field>
      <FormError errors={errors} />
      <EditActions busy={busy} onCancel={onCancel} />
    </form>
  );
}

function Members({ organisationId }: { organisationId: string }) {
  const { items, more } = usePaged<{ id: string; email: string; name: string | null }>(`/api/v1/customers?organisation=${organisationId}&limit=50`);
  return (
    <section aria-labelledby="members-title">
      <h3 id="members-title">Members</h3>
      <ul className="members" aria-busy={items === null}>
        {(items ?? []).map((c) => (
          <li key={c.id}>
            <a {...link(`/customers/${c.id}`)}>{c.name ?? c.email}</a> {c.name && <span className="meta">{c.email}</span>}
          </li>
        ))}
      </ul>
      {items?.length === 0 && <p className="empty">No customers yet.</p>}
      {more && (
        <button type="button" onClick={more}>
          More members
        </button>
      )}
    </section>
  );
}

/** One organisation: plan, domains, members, their tickets and satisfaction. */
export function OrganisationPage({ id, user }: { id: string; user: User }) {
  const { record: org, error, editing, edit, cancel, save } = useRecord<Detail>(`/api/v1/organisations/${id}`);

  if (!org) return <NotLoaded error={error} />;
  return (
    <article aria-labelledby="organisation-title" className="person">
      <p>
        <a {...link('/organisations')}>← Organisations</a>
      </p>
      <h2 id="organisation-title">
        {org.name}
        {org.vip && <span className="badge vip">VIP</span>}
      </h2>
      <dl className="facts">
        <dt>Plan</dt>
        <dd>{org.plan ?? '—'}</dd>
        <dt>Domains</dt>
        <dd>{org.domains.join(', ') || '—'}</dd>
        <dt>Customers</dt>
        <dd>{org.customerCount}</dd>
        <dt>Tickets</dt>
        <dd>{org.ticketCount}</dd>
        {org.notes && (
          <>
            <dt>Notes</dt>
            <dd className="notes">{org.notes}</dd>
          </>
        )}
      </dl>
      {user.role === 'admin' && !editing && (
        <button type="button" onClick={edit}>
          Edit organisation
        </button>
      )}
      {editing && <EditOrganisation org={org} onSaved={save} onCancel={cancel} />}
      <Members organisationId={org.id} />
      <PeopleTickets filter={`organisation=${org.id}`} showRequester />
      <CsatAnswers filter={`organisation=${org.id}`} />
    </article>
  );
}
