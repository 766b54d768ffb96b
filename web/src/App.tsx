import { lazy, Suspense, useEffect, useState } from 'react';
import { api, setCsrfToken, type User } from './api';
import { Inbox, listUrl } from './pages/Inbox';
import { Login } from './pages/Login';
import { TicketPage } from './pages/TicketPage';
import { ConnectionBanner } from './components/ConnectionBanner';
import { Shortcuts } from './components/Shortcuts';
import { startBootList } from './cache';
import { chatAgent, useChats } from './chat';
import { live } from './live';
import { Chats } from './pages/Chats';
import { Admin, canAdmin } from './pages/admin/Admin';
import { navigate, usePath } from './router';

// Opened on the inbox: its list is fetched alongside the session check.
if (/^\/app\/?$/.test(window.location.pathname)) startBootList(listUrl(sessionStorage.getItem('fl.view') ?? 'mine', ''));
const bootSession = api<{ user: User; csrfToken: string }>('/api/v1/auth/session');

const Knowledge = lazy(() => import('./pages/knowledge/Knowledge'));
const People = lazy(() => import('./pages/people/People'));
const Reports = lazy(() => import('./pages/reports/Reports'));

type Session = { user: User; csrfToken: string };

/** Reports need analytics:read: leads and admins. */
const canReport = (user: User) => user.role === 'lead' || user.role === 'admin';

export function App() {
  const path = usePath();
  const [session, setSession] = useState<Session | null | undefined>(undefined);
  const [theme, setTheme] = useState(() => localStorage.getItem('fl.theme') ?? 'auto');

  useEffect(() => {
    bootSession
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

  // The live stream runs while someone is signed in.
  useEffect(() => {
    if (!session) return;
    // The sockets open once the first screen is drawn, not in its way.
    const timer = setTimeout(() => {
      live.start();
      // Agents who can answer take chats wherever they are in the console.
      if (session.user.role !== 'viewer') chatAgent.start();
    }, 300);
    return () => {
      clearTimeout(timer);
      live.stop();
      chatAgent.stop();
    };
  }, [session]);
  const chats = useChats();
  const openChats = chats.chats.filter((c) => !c.ended).length;

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
  const kbMatch = /^\/knowledge(?:\/(.*?))?\/?$/.exec(path);
  const adminMatch = /^\/admin(?:\/([^/]+))?\/?$/.exec(path);
  const peopleMatch = /^\/(customers|organisations)(?:\/([^/]+))?\/?$/.exec(path);
  const lazyPage = (page: React.ReactNode) => <Suspense fallback={<div className="loading" aria-busy="true" />}>{page}</Suspense>;
  return (
    <div className="shell">
      <header className="topbar">
        <a className="brand" href="/app/" onClick={(e) => (e.preventDefault(), navigate('/'))}>
          Frontline
        </a>
        <nav aria-label="Main">
          <a href="/app/" onClick={(e) => (e.preventDefault(), navigate('/'))}>Inbox</a>
          {session.user.role !== 'viewer' && (
            <a href="/app/chats" onClick={(e) => (e.preventDefault(), navigate('/chats'))}>
              Chats{openChats > 0 && <span className="badge" aria-label={`${openChats} open`}>{openChats}</span>}
            </a>
          )}
          {canAdmin(session.user) && (
            <a href="/app/admin" onClick={(e) => (e.preventDefault(), navigate('/admin'))}>
              Admin
            </a>
          )}
          <a href="/app/knowledge" onClick={(e) => (e.preventDefault(), navigate('/knowledge'))}>
            Knowledge
          </a>
          <a href="/app/customers" onClick={(e) => (e.preventDefault(), navigate('/customers'))}>
            Customers
          </a>
          {canReport(session.user) && (
            <a href="/app/reports" onClick={(e) => (e.preventDefault(), navigate('/reports'))}>
              Reports
            </a>
          )}
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
      <ConnectionBanner />
      <Shortcuts />
      <main id="main">
        {ticketMatch ? (
          <TicketPage key={ticketMatch[1]} id={ticketMatch[1]!} user={session.user} />
        ) : path === '/chats' ? (
          <Chats />
        ) : adminMatch ? (
          <Admin user={session.user} section={adminMatch[1]} />
        ) : /^\/reports\/?$/.test(path) ? (
          lazyPage(<Reports user={session.user} />)
        ) : kbMatch ? (
          lazyPage(<Knowledge user={session.user} sub={kbMatch[1] ?? ''} />)
        ) : peopleMatch ? (
          lazyPage(<People user={session.user} section={peopleMatch[1] as 'customers' | 'organisations'} id={peopleMatch[2]} />)
        ) : (
          <Inbox user={session.user} />
        )}
      </main>
    </div>
  );
}
