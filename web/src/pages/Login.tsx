import { useState, type FormEvent } from 'react';
import { api, ApiError, type User } from '../api';

export function Login({ onSignedIn }: { onSignedIn: (s: { user: User; csrfToken: string }) => void }) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      onSignedIn(await api('/api/v1/auth/login', { method: 'POST', body: { email, password } }));
    } catch (e) {
      setError(e instanceof ApiError ? e.message : 'Cannot reach the server');
    } finally {
      setBusy(false);
    }
  };
  return (
    <main className="login" id="main">
      <form onSubmit={submit} aria-labelledby="login-title">
        <h1 id="login-title">Sign in to Frontline</h1>
        {error && (
          <p role="alert" className="error">
            {error}
          </p>
        )}
        <label htmlFor="email">E-mail</label>
        <input id="email" type="email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.target.value)} />
        <label htmlFor="password">Password</label>
        <input id="password" type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </main>
  );
}
