import { useEffect, useState } from 'react';
import { api, setCsrfToken, type User } from './api';
import { Inbox } from './pages/Inbox';
import { Login } from './pages/Login';
import { TicketPage } from './pages/TicketPage';
import { navigate, usePath } from './router';

type Session = { user: User; csrfToken: string };

export function App() {
  const path = usePath();
  const [session, setSession] = useState<Session | null | undefined>(undefined);
  const [theme, setTheme] = useState(() => localStorage.getItem('fl.theme') ?? 'auto');

  useEffect(() => {
    api<Session>('/api/v1/auth/session')
      .then((s) => {
        setCsrfToken(s.csrfToken);
        setSession(s);
      })
      .catch(() => setSession(null));
  }, []);
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
    localStorage.setItem('fl.theme', theme);
  }, [theme]);

  if (session === undefined) return <div className="loading" aria-busy="true" />;
  if (session === null) {
    return (
      <Login
        onSignedIn={(s) => {
          setCsrfToken(s.csrfToken);
          setSession(s);
        }}
      />
    );
  }
  const signOut = async () => {
    await api('/api/v1/auth/logout', { method: 'POST' }).catch(() => undefined);
    setSession(null);
  };
  const ticketMatch = /^\/tickets\/([^/]+)$/.exec(path);
  return (
    <div className="shell">
      <header className="topbar">
        <a className="brand" href="/app/" onClick={(e) => (e.preventDefault(), navigate('/'))}>
          Frontline
        </a>
        <nav aria-label="Main">
          <a href="/app/" onClick={(e) => (e.preventDefault(), navigate('/'))}>Inbox</a>
          <a href="/help">Help center</a>
          <a href="/api/docs">API</a>
        </nav>
        <span className="spacer" />
        <label className="theme">
          Theme{' '}
          <select value={theme} onChange={(e) => setTheme(e.target.value)}>
            <option value="auto">Auto</option>
            <option value="light">Light</option>
            <option value="dark">Dark</option>
          </select>
        </label>
        <span className="who">
          {session.user.name} · {session.user.role}
        </span>
        <button type="button" onClick={signOut}>
          Sign out
        </button>
      </header>
      <main id="main">{ticketMatch ? <TicketPage id={ticketMatch[1]!} user={session.user} /> : <Inbox user={session.user} />}</main>
    </div>
  );
}
