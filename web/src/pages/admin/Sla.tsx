import { useCallback, useEffect, useState } from 'react';
import { api } from '../../api';
import { Calendars, type Calendar } from './Calendars';
import { SlaPolicies, type Policy, type PolicyChoices } from './SlaPolicies';

/** SLA policies and the business calendars they run on (admins: `settings:manage`). */
export default function Sla() {
  const [policies, setPolicies] = useState<Policy[] | null>(null);
  const [choices, setChoices] = useState<PolicyChoices>({ calendars: [], groups: [], organisations: [] });
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(async () => {
    try {
      const [p, c, g, o] = await Promise.all([
        api<{ items: Policy[] }>('/api/v1/sla/policies'),
        api<{ items: Calendar[] }>('/api/v1/sla/calendars'),
        api<{ items: { id: string; name: string }[] }>('/api/v1/groups?limit=100'),
        api<{ items: { id: string; name: string; plan: string | null }[] }>('/api/v1/organisations?limit=100'),
      ]);
      setPolicies(p.items);
      setChoices({ calendars: c.items, groups: g.items, organisations: o.items });
      setError(null);
    } catch (e) {
      setError(e instanceof Error ? e.message : 'Cannot load the SLA settings');
    }
  }, []);
  useEffect(() => void load(), [load]);

  if (error) return <p role="alert" className="error">{error}</p>;
  if (!policies) return <section className="admin-placeholder" aria-busy="true" />;
  return (
    <div className="admin-stack">
      <SlaPolicies policies={policies} choices={choices} reload={load} />
      <Calendars calendars={choices.calendars} reload={load} />
    </div>
  );
}
