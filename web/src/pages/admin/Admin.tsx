import { lazy, Suspense } from 'react';
import type { User } from '../../api';
import { ViewsNav } from '../../components/ViewsNav';
import { navigate } from '../../router';
import { Groups } from './Groups';
import { Incidents } from './Incidents';
import { Tokens } from './Tokens';
import { Users } from './Users';

// Rarely opened and larger: each loads on demand, out of the console's first-render bundle.
const Sla = lazy(() => import('./Sla'));
const Automations = lazy(() => import('./Automations'));
const Macros = lazy(() => import('./Macros'));
const Webhooks = lazy(() => import('./Webhooks'));
const TriageModel = lazy(() => import('./TriageModel'));
const Monitors = lazy(() => import('./Monitors'));
const Channels = lazy(() => import('./Channels'));

const SECTIONS = [
  { id: 'users', label: 'Users and roles', roles: ['admin'] },
  { id: 'tokens', label: 'API tokens', roles: ['admin'] },
  { id: 'groups', label: 'Groups and routing', roles: ['admin', 'lead'] },
  { id: 'incidents', label: 'Incidents', roles: ['admin'] },
  // Roles as the server's permissions for these routes: settings:manage, automations:manage and
  // webhooks:manage are admins'; macros:manage is leads' too.
  { id: 'sla', label: 'SLA policies and calendars', roles: ['admin'] },
  { id: 'automations', label: 'Automations', roles: ['admin'] },
  { id: 'macros', label: 'Macros', roles: ['admin', 'lead'] },
  { id: 'webhooks', label: 'Webhooks', roles: ['admin'] },
  // Triage admin routes need settings:manage; alerts analytics:read (leads), thresholds and runs monitors:manage; e-mail settings:manage.
  { id: 'triage', label: 'Triage model', roles: ['admin'] },
  { id: 'monitors', label: 'Monitors and alerts', roles: ['admin', 'lead'] },
  { id: 'channels', label: 'Channels', roles: ['admin'] },
] as const;

/** Who may open the admin area at all: admins, and leads for groups and routing, macros, monitors and alerts. */
export const canAdmin = (user: User) => user.role === 'admin' || user.role === 'lead';

/** The admin area at /app/admin/…; sections the role may not use are neither listed nor shown. */
export function Admin({ user, section }: { user: User; section: string | undefined }) {
  const allowed = SECTIONS.filter((s) => (s.roles as readonly string[]).includes(user.role));
  if (allowed.length === 0) {
    return (
      <section className="denied" aria-labelledby="denied-title">
        <h1 id="denied-title">Not allowed</h1>
        <p>The admin area is for admins and team leads. Ask an admin if you need access.</p>
      </section>
    );
  }
  const current = allowed.find((s) => s.id === section) ?? allowed[0]!;
  return (
    <div className="admin">
      <ViewsNav label="Admin" title="Admin" views={allowed} current={current.id} onSelect={(id) => navigate(`/admin/${id}`)} />
      <div className="admin-body">
        {current.id === 'users' && <Users me={user} />}
        {current.id === 'tokens' && <Tokens />}
        {current.id === 'groups' && <Groups />}
        {current.id === 'incidents' && <Incidents />}
        <Suspense fallback={<section className="admin-placeholder" aria-busy="true" />}>
          {current.id === 'sla' && <Sla />}
          {current.id === 'automations' && <Automations />}
          {current.id === 'macros' && <Macros />}
          {current.id === 'webhooks' && <Webhooks />}
          {current.id === 'triage' && <TriageModel />}
          {current.id === 'monitors' && <Monitors user={user} />}
          {current.id === 'channels' && <Channels />}
        </Suspense>
      </div>
    </div>
  );
}
