import { useEffect, useState, type FormEvent } from 'react';
import { api } from '../../api';
import { Field, FormError, useSubmit } from '../../components/Field';

interface Token {
  id: string;
  userId: string;
  name: string;
  prefix: string;
  role: string | null;
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string | null;
  revokedAt: string | null;
}

/** API tokens of everyone: create (shown once), revoke. */
export function Tokens() {
  const [tokens, setTokens] = useState<Token[]>([]);
  const [name, setName] = useState('');
  const [role, setRole] = useState('');
  const [created, setCreated] = useState<string | null>(null);
  const [errors, submit, busy] = useSubmit();
  const load = () => api<{ items: Token[] }>('/api/v1/tokens?all=true').then((r) => setTokens(r.items));
  useEffect(() => void load(), []);
  const create = async (e: FormEvent) => {
    e.preventDefault();
    await submit(async () => {
      const res = await api<{ token: string }>('/api/v1/tokens', { method: 'POST', body: { name, ...(role ? { role } : {}) } });
      setCreated(res.token);
      setName('');
      await load();
    });
  };
  const revoke = (id: string) => submit(async () => void (await api(`/api/v1/tokens/${id}`, { method: 'DELETE' }))).then(load);
  return (
    <section aria-labelledby="tokens-title">
      <h2 id="tokens-title">API tokens</h2>
      <table className="grid">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Prefix</th>
            <th scope="col">Role cap</th>
            <th scope="col">Last used</th>
            <th scope="col">State</th>
          </tr>
        </thead>
        <tbody>
          {tokens.map((t) => (
            <tr key={t.id}>
              <td>{t.name}</td>
              <td>
                <code>{t.prefix}</code>
              </td>
              <td>{t.role ?? '—'}</td>
              <td>{t.lastUsedAt ? new Date(t.lastUsedAt).toLocaleString() : 'never'}</td>
              <td>
                {t.revokedAt ? (
                  'revoked'
                ) : (
                  <button type="button" onClick={() => void revoke(t.id)}>
                    Revoke
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <form className="admin-form" onSubmit={create} aria-label="Create a token" noValidate>
        <h3>Create a token (for yourself)</h3>
        <Field id="token-name" label="Name" error={errors.name}>
          {(p) => <input {...p} value={name} onChange={(e) => setName(e.target.value)} />}
        </Field>
        <Field id="token-role" label="Cap its role at" error={errors.role}>
          {(p) => (
            <select {...p} value={role} onChange={(e) => setRole(e.target.value)}>
              <option value="">my role</option>
              <option>viewer</option>
              <option>agent</option>
              <option>lead</option>
            </select>
          )}
        </Field>
        <FormError errors={errors} />
        <button type="submit" className="primary" disabled={busy}>
          Create token
        </button>
        {created && (
          <p role="status">
            New token (shown once): <code>{created}</code>
          </p>
        )}
      </form>
    </section>
  );
}
