import { useEffect, useState, type FormEvent } from 'react';
import { api, type User } from '../../api';
import { Field, FormError, useSubmit } from '../../components/Field';

type Row = User & { active: boolean };
const ROLES = ['viewer', 'agent', 'lead', 'admin'] as const;

/** Users and roles: invite someone, change a role, deactivate. */
export function Users({ me }: { me: User }) {
  const [users, setUsers] = useState<Row[] | null>(null);
  const [form, setForm] = useState({ email: '', name: '', role: 'agent', password: '' });
  const [errors, submit, busy] = useSubmit();
  const [rowErrors, submitRow] = useSubmit();
  const load = () => api<{ items: Row[] }>('/api/v1/users').then((r) => setUsers(r.items));
  useEffect(() => void load(), []);

  const create = async (e: FormEvent) => {
    e.preventDefault();
    const ok = await submit(async () => {
      await api('/api/v1/users', { method: 'POST', body: { email: form.email, name: form.name, role: form.role, ...(form.password ? { password: form.password } : {}) } });
    });
    if (ok) {
      setForm({ email: '', name: '', role: 'agent', password: '' });
      await load();
    }
  };
  const change = (id: string, body: Record<string, unknown>) => submitRow(async () => void (await api(`/api/v1/users/${id}`, { method: 'PATCH', body }))).then(load);

  return (
    <section aria-labelledby="users-title">
      <h2 id="users-title">Users and roles</h2>
      <FormError errors={rowErrors} />
      <table className="grid">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">E-mail</th>
            <th scope="col">Role</th>
            <th scope="col">Active</th>
          </tr>
        </thead>
        <tbody>
          {(users ?? []).map((u) => (
            <tr key={u.id}>
              <td>{u.name}</td>
              <td>{u.email}</td>
              <td>
                <select aria-label={`Role of ${u.name}`} value={u.role} disabled={u.id === me.id} onChange={(e) => void change(u.id, { role: e.target.value })}>
                  {ROLES.map((r) => (
                    <option key={r}>{r}</option>
                  ))}
                </select>
              </td>
              <td>
                <input type="checkbox" aria-label={`${u.name} active`} checked={u.active} disabled={u.id === me.id} onChange={(e) => void change(u.id, { active: e.target.checked })} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <form className="admin-form" onSubmit={create} aria-label="Add a user" noValidate>
        <h3>Add a user</h3>
        <Field id="user-email" label="E-mail" error={errors.email}>
          {(p) => <input {...p} type="email" value={form.email} onChange={(e) => setForm({ ...form, email: e.target.value })} />}
        </Field>
        <Field id="user-name" label="Name" error={errors.name}>
          {(p) => <input {...p} value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} />}
        </Field>
        <Field id="user-role" label="Role" error={errors.role}>
          {(p) => (
            <select {...p} value={form.role} onChange={(e) => setForm({ ...form, role: e.target.value })}>
              {ROLES.map((r) => (
                <option key={r}>{r}</option>
              ))}
            </select>
          )}
        </Field>
        <Field id="user-password" label="Password (optional)" error={errors.password}>
          {(p) => <input {...p} type="password" autoComplete="new-password" value={form.password} onChange={(e) => setForm({ ...form, password: e.target.value })} />}
        </Field>
        <FormError errors={errors} />
        <button type="submit" className="primary" disabled={busy}>
          Add user
        </button>
      </form>
    </section>
  );
}
